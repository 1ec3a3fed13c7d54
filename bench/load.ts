// The load tests behind `npm run load` (scripts/load.ts) and its CI variant (test/load.test.ts): two bounded load tests of the GitHub build's HTTP server on loopback, in a child process each.
//
// 1. Busy: `--sessions` (200) concurrent 2025-era HTTP sessions, each one caller doing tools/call (repos_get) back
//    to back against a loopback upstream for `--seconds` (60); every answer must be a non-error result. Reports
//    calls, errors, throughput, p50/p99/max.
// 2. Idle: `--idle` (10,000) sessions opened (initialize only), then left idle past a short idle timeout
//    (`--idle-timeout-ms`, 2,000) until the sweep has expired them. The server child runs with --expose-gc and a
//    preload that answers SIGUSR2 with gc() and process.memoryUsage() on stderr: RSS and heap are read before,
//    at peak and after expiry + GC, and a sample of the expired ids must answer 404.
//
// A run fails when a call failed, a session did not open, an expired id still works, or heap after expiry is more than
// 10 MB above its baseline (see `verdict`).

import { writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { benchBuild } from "./build.js";
import { createProject, type BenchProject } from "./project.js";
import { callTool, INITIALIZE, openSession, post } from "./raw-http.js";
import { startHttpServer, type HttpServer } from "./server.js";
import { summarize } from "./stats.js";
import { startUpstream, type Upstream } from "./upstream.js";

/** How big and how long. */
export interface LoadPlan {
  sessions: number;
  seconds: number;
  idle: number;
  idleTimeoutMs: number;
}

/** What the busy run measured; latencies in ms. */
export interface BusyResult {
  sessions: number;
  seconds: number;
  calls: number;
  errors: number;
  firstError?: string;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  upstreamRequests: number;
}

/** A process.memoryUsage() reading after gc(), in MB. */
export interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

/** What the idle run measured. */
export interface IdleResult {
  asked: number;
  opened: number;
  failed: number;
  openSeconds: number;
  before: Memory;
  peak: Memory;
  afterExpiry: Memory;
  /** Expired session ids probed, and how many of them still answered as live. */
  probed: number;
  stillLive: number;
  /** Wait after the last initialize before the reading `afterExpiry`, in ms. */
  waitedMs: number;
}

export const DEFAULT_PLAN: LoadPlan = { sessions: 200, seconds: 60, idle: 10_000, idleTimeoutMs: 2_000 };
const TOOL = "repos_get";
const ARGS = { owner: "octocat", repo: "hello-world" };
/** Heap after expiry may exceed the baseline by this much (JIT code, caches warmed by the run). */
export const HEAP_SLACK_MB = 10;

/** The GitHub bench project with a short idle timeout, built once with the real CLI. */
export async function buildLoadProject(repo: string, idleTimeoutMs: number): Promise<BenchProject> {
  const project = createProject(repo);
  const yaml = `name: load\nversion: 1.0.0\nserver:\n  sessions: { max_sessions: 20000, idle_timeout_ms: ${idleTimeoutMs} }\napps:\n  github:\n    openapi: specs/github.json\n    auth: { type: bearer, token: "\${GITHUB_TOKEN}" }\n`;
  writeFileSync(project.config, yaml);
  // A preload for the server child: SIGUSR2 → two full GCs → one MEM line with process.memoryUsage() on stderr.
  writeFileSync(join(project.dir, "gc-probe.mjs"),
    `let n = 0;\nprocess.on("SIGUSR2", () => { globalThis.gc(); globalThis.gc(); process.stderr.write("MEM " + ++n + " " + JSON.stringify(process.memoryUsage()) + "\\n"); });\n`);
  try {
    await benchBuild(repo, project, 1);
  } catch (error) {
    project.remove();
    throw error;
  }
  return project;
}

export function serverEnv(upstreamUrl: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith("GATEWAY_")) env[key] = value;
  return { ...env, GITHUB_TOKEN: "load-token", GATEWAY_GITHUB_BASE_URL: upstreamUrl, GATEWAY_LOG_LEVEL: "error" };
}

/** `plan.sessions` sessions, one caller each, calling for `plan.seconds`. */
export async function busy(project: BenchProject, upstream: Upstream, plan: Pick<LoadPlan, "sessions" | "seconds">): Promise<BusyResult> {
  const server = await startHttpServer(project.server, serverEnv(upstream.url));
  const agent = new Agent({ keepAlive: true, maxSockets: plan.sessions });
  try {
    const ids: string[] = [];
    for (let i = 0; i < plan.sessions; i += 20) {
      ids.push(...(await Promise.all(Array.from({ length: Math.min(20, plan.sessions - i) }, () => openSession(server.url, agent)))));
    }
    const before = upstream.requests();
    const samples: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const t0 = performance.now();
    const deadline = t0 + plan.seconds * 1000;
    await Promise.all(ids.map(async (id, worker) => {
      for (let n = 1; performance.now() < deadline; n++) {
        const start = performance.now();
        try {
          await callTool(server.url, agent, id, TOOL, ARGS, worker * 1_000_000 + n);
          samples.push(performance.now() - start);
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }));
    const ms = performance.now() - t0;
    const s = summarize(samples);
    return {
      sessions: ids.length, seconds: ms / 1000, calls: samples.length + errors, errors, ...(firstError && { firstError }),
      perSecond: (samples.length / ms) * 1000, p50: s.p50, p99: s.p99, max: s.worst, upstreamRequests: upstream.requests() - before,
    };
  } finally {
    agent.destroy();
    await server.close();
  }
}

/** Opens `plan.idle` sessions, lets them expire, and reads the server's memory at the three points. */
export async function idle(project: BenchProject, upstream: Upstream, plan: Pick<LoadPlan, "idle" | "idleTimeoutMs">, concurrency = 32): Promise<IdleResult> {
  const preload = join(project.dir, "gc-probe.mjs");
  const server = await startHttpServer(project.server, serverEnv(upstream.url), [], ["--expose-gc", "--import", preload]);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    // Warm the paths an initialize takes, so the baseline is not a cold process's.
    for (let i = 0; i < 50; i++) await initialize(server.url, agent);
    await sleep(plan.idleTimeoutMs * 2);
    const before = await memory(server, 1);
    const ids: string[] = [];
    let failed = 0;
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < plan.idle) {
        next++;
        const id = await initialize(server.url, agent);
        if (id) ids.push(id);
        else failed++;
      }
    }));
    const openSeconds = (performance.now() - t0) / 1000;
    const peak = await memory(server, 2);
    const lastOpened = performance.now();
    // The sweep runs every idle timeout / 2 and ends sessions idle for the timeout: 2.5 timeouts is enough.
    await sleep(plan.idleTimeoutMs * 2.5 + 500);
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 100)) === 0);
    let stillLive = 0;
    for (const id of sample) {
      const answer = await post(server.url, agent, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), id).catch(() => undefined);
      if (answer?.status === 200) stillLive++;
    }
    agent.destroy();
    await sleep(500);
    const afterExpiry = await memory(server, 3);
    return { asked: plan.idle, opened: ids.length, failed, openSeconds, before, peak, afterExpiry, probed: sample.length, stillLive, waitedMs: performance.now() - lastOpened };
  } finally {
    agent.destroy();
    await server.close();
  }
}

async function initialize(url: string, agent: Agent): Promise<string | undefined> {
  try {
    const answer = await post(url, agent, INITIALIZE);
    return answer.status === 200 ? answer.sessionId : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the child for gc() + process.memoryUsage() (SIGUSR2, see gc-probe.mjs) and waits for its MEM line. */
async function memory(server: HttpServer, n: number): Promise<Memory> {
  process.kill(server.pid, "SIGUSR2");
  for (let i = 0; i < 100; i++) {
    await sleep(50);
    const match = new RegExp(`MEM ${n} (\\{.*\\})\n`).exec(server.stderrTail());
    if (match) {
      const usage = JSON.parse(match[1]!) as NodeJS.MemoryUsage;
      return { rssMb: usage.rss / 2 ** 20, heapUsedMb: usage.heapUsed / 2 ** 20 };
    }
  }
  throw new Error("the server did not report its memory within 5 s of SIGUSR2");
}

/** Problems that fail the run; empty when both tests pass. */
export function verdict(b: BusyResult | undefined, i: IdleResult | undefined): string[] {
  const problems: string[] = [];
  if (b && b.errors > 0) problems.push(`${b.errors} of ${b.calls} calls failed (first: ${b.firstError})`);
  if (b && b.calls === 0) problems.push("no call was made");
  if (i && i.failed > 0) problems.push(`${i.failed} of ${i.asked} sessions did not open`);
  if (i && i.stillLive > 0) problems.push(`${i.stillLive} of ${i.probed} sampled sessions still live after the idle timeout`);
  if (i && i.afterExpiry.heapUsedMb - i.before.heapUsedMb > HEAP_SLACK_MB) {
    problems.push(`heap after expiry ${i.afterExpiry.heapUsedMb.toFixed(1)} MB, baseline ${i.before.heapUsedMb.toFixed(1)} MB (more than ${HEAP_SLACK_MB} MB above)`);
  }
  return problems;
}

export function describe(b: BusyResult | undefined, i: IdleResult | undefined): string {
  const f = (n: number, d = 0) => n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const mem = (m: Memory) => `RSS ${f(m.rssMb, 1)} MB, heap ${f(m.heapUsedMb, 1)} MB`;
  const lines: string[] = [];
  if (b) {
    lines.push(`busy: ${b.sessions} concurrent 2025-11-25 HTTP sessions × ${TOOL} for ${f(b.seconds, 1)} s: ${f(b.calls)} calls, ${b.errors} errors, ` +
      `${f(b.perSecond)}/s; latency p50 ${f(b.p50, 2)} ms, p99 ${f(b.p99, 2)} ms, max ${f(b.max, 1)} ms; upstream requests ${f(b.upstreamRequests)}`);
  }
  if (i) {
    lines.push(`idle: ${f(i.opened)}/${f(i.asked)} sessions opened in ${f(i.openSeconds, 1)} s (${i.failed} failed), idle timeout expired them; ` +
      `${i.stillLive}/${i.probed} sampled ids still live ${f(i.waitedMs / 1000, 1)} s after the last open`);
    lines.push(`  before: ${mem(i.before)}`, `  peak:   ${mem(i.peak)} (${f(((i.peak.heapUsedMb - i.before.heapUsedMb) * 1024) / Math.max(1, i.opened), 1)} KB heap per session)`,
      `  after expiry + GC: ${mem(i.afterExpiry)} (heap ${i.afterExpiry.heapUsedMb >= i.before.heapUsedMb ? "+" : ""}${f(i.afterExpiry.heapUsedMb - i.before.heapUsedMb, 1)} MB vs before)`);
  }
  return lines.join("\n");
}

