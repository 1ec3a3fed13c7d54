// Bounded measurement loops: every loop stops at a call count AND a time cap, whichever comes first.

import { performance } from "node:perf_hooks";

/** How long and how often a loop may run. */
export interface Bounds {
  /** Most calls. */
  count: number;
  /** Wall-clock cap in milliseconds. */
  maxMs: number;
}

/** Runs `fn` sequentially and returns each call's duration in ms. Stops at `count` calls or `maxMs`. */
export async function sequentialSamples(fn: () => Promise<unknown>, bounds: Bounds): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + bounds.maxMs;
  while (samples.length < bounds.count && performance.now() < deadline) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** What a concurrent run achieved. */
export interface Throughput {
  /** Calls completed. */
  calls: number;
  /** Elapsed wall time in ms. */
  ms: number;
  /** Calls per second. */
  perSecond: number;
  /** True when the time cap ended the run before `count` calls. */
  capped: boolean;
}

/**
 * `workers` callers share a budget of `bounds.count` calls; each caller takes the next call as soon as its
 * previous one finishes. `callerFor(i)` gives caller i its own function (its own client or session).
 */
export async function concurrentRun(callerFor: (i: number) => () => Promise<unknown>, workers: number, bounds: Bounds): Promise<Throughput> {
  let started = 0;
  let done = 0;
  const t0 = performance.now();
  const deadline = t0 + bounds.maxMs;
  const worker = async (fn: () => Promise<unknown>) => {
    while (started < bounds.count && performance.now() < deadline) {
      started++;
      await fn();
      done++;
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, i) => worker(callerFor(i))));
  const ms = performance.now() - t0;
  return { calls: done, ms, perSecond: (done / ms) * 1000, capped: done < bounds.count };
}
