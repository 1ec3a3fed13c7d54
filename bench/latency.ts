// tools/call latency (sequential p50/p99) and throughput (16 callers) over stdio and HTTP vs direct HTTP, for
// both protocol eras; tools/list time and size per era. Every path runs against the same upstream and the same
// direct baseline; the HTTP paths of both eras against one server process. Paths take turns in rounds
// (interleaved), so load from elsewhere on the machine lands on all of them alike.

import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Client as ModernClient } from "@modelcontextprotocol/client";
import { Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { createDirectClient } from "./direct.js";
import { concurrentRun, sequentialSamples, type Bounds, type Throughput } from "./loops.js";
import { callTool, listTools, modernCallTool, modernListTools, openSession } from "./raw-http.js";
import { openRawStdio, type RawStdio } from "./raw-stdio.js";
import { closeHttpClient, connectHttp, connectHttpModern, connectStdio, connectStdioModern, startHttpServer } from "./server.js";
import { summarize, type Summary } from "./stats.js";
import type { Upstream } from "./upstream.js";

/** Sizes of the latency and throughput runs. */
export interface LatencyPlan {
  tool: string;
  arguments: Record<string, unknown>;
  warmup: Bounds;
  sequential: Bounds;
  concurrency: number;
  throughput: Bounds;
  /** Rounds the sequential and throughput budgets are split into; the paths take turns in each round. */
  rounds: number;
  /** tools/list requests per path (sequential), after `listWarmup`. */
  lists: Bounds;
  listWarmup: number;
}

/** One path's figures. */
export interface PathResult {
  /** Sequential call durations, ms. */
  latency: Summary;
  throughput: Throughput;
}

/** The 2026-07-28 era's paths. */
export interface ModernPaths {
  /** The v2 SDK Client pinned to 2026-07-28, over stdio. */
  stdio: PathResult;
  /** A bare JSON-RPC caller over stdio. */
  stdioRaw: PathResult;
  /** The v2 SDK Client pinned to 2026-07-28, over HTTP (16 clients for throughput). */
  http: PathResult;
  /** A bare node:http caller (headers + body `_meta`), one keep-alive agent of 16 sockets. */
  httpRaw: PathResult;
}

/** tools/list of the whole catalogue, per era and transport, by bare callers. */
export interface ListTimes {
  /** Milliseconds from request to the whole answer read (not parsed). */
  legacyStdio: Summary;
  modernStdio: Summary;
  legacyHttp: Summary;
  modernHttp: Summary;
  /** Bytes of the answers (whole JSON-RPC message / HTTP body). */
  legacyBytes: number;
  modernBytes: number;
}

export interface LatencyResult {
  direct: PathResult;
  stdio: PathResult;
  http: PathResult;
  /** HTTP again with a bare node:http caller instead of the SDK Client: the server's share of the HTTP figures. */
  httpRaw: PathResult;
  /** stdio again with a bare JSON-RPC caller instead of the SDK Client. */
  stdioRaw: PathResult;
  modern: ModernPaths;
  lists: ListTimes;
  /** Upstream requests seen during the whole section (sanity: every call reached it). */
  upstreamRequests: number;
  /** Calls made during the whole section, all paths. */
  callsMade: number;
}

/** A way to make the call, and caller i of the concurrent run. */
interface Path {
  name: string;
  callerFor: (i: number) => () => Promise<unknown>;
}

/** Measures every path against one upstream, interleaved; every process and client is closed at the end. */
export async function benchLatency(server: string, env: Record<string, string>, upstream: Upstream, plan: LatencyPlan): Promise<LatencyResult> {
  const before = upstream.requests();
  let callsMade = 0;
  const counted = (fn: () => Promise<unknown>) => async () => {
    callsMade++;
    return fn();
  };

  const direct = createDirectClient(upstream.url, plan.concurrency);
  const closers: Array<() => Promise<void>> = [async () => direct.close()];
  try {
    // stdio pins one era per process: four stdio servers (SDK and bare caller, each era); one HTTP server for all.
    const stdio = await connectStdio(server, env);
    closers.push(() => stdio.close());
    const stdioModern = await connectStdioModern(server, env);
    closers.push(() => stdioModern.close());
    const rawStdio = await openRawStdio(server, env, "2025");
    closers.push(() => rawStdio.close());
    const rawStdioModern = await openRawStdio(server, env, "modern");
    closers.push(() => rawStdioModern.close());
    const http = await startHttpServer(server, env);
    closers.push(() => http.close());

    const httpClients: Client[] = [];
    closers.push(() => Promise.all(httpClients.map(closeHttpClient)).then(() => {}));
    for (let i = 0; i < plan.concurrency; i++) httpClients.push(await connectHttp(http.url));
    const modernClients: ModernClient[] = [];
    closers.push(() => Promise.all(modernClients.map((c) => c.close().catch(() => {}))).then(() => {}));
    for (let i = 0; i < plan.concurrency; i++) modernClients.push(await connectHttpModern(http.url));
    const rawAgent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
    const modernAgent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
    closers.push(async () => (rawAgent.destroy(), modernAgent.destroy()));
    const rawSessions: string[] = [];
    for (let i = 0; i < plan.concurrency; i++) rawSessions.push(await openSession(http.url, rawAgent));

    let id = 1;
    const call = (client: Client | ModernClient) => counted(() => callOk(client, plan));
    const rawStdioCall = (raw: RawStdio) => counted(() => raw.callTool(plan.tool, plan.arguments));
    const paths: Path[] = [
      { name: "direct", callerFor: () => counted(direct.call) },
      { name: "stdio", callerFor: () => call(stdio.client) },
      { name: "http", callerFor: (i) => call(httpClients[i]!) },
      { name: "httpRaw", callerFor: (i) => counted(() => callTool(http.url, rawAgent, rawSessions[i]!, plan.tool, plan.arguments, id++)) },
      { name: "stdioRaw", callerFor: () => rawStdioCall(rawStdio) },
      { name: "modernStdio", callerFor: () => call(stdioModern.client) },
      { name: "modernStdioRaw", callerFor: () => rawStdioCall(rawStdioModern) },
      { name: "modernHttp", callerFor: (i) => call(modernClients[i]!) },
      { name: "modernHttpRaw", callerFor: () => counted(() => modernCallTool(http.url, modernAgent, plan.tool, plan.arguments, id++)) },
    ];
    const r = await measureInterleaved(paths, plan);
    const lists = await measureLists(http.url, rawAgent, rawSessions[0]!, modernAgent, rawStdio, rawStdioModern, plan);
    return {
      direct: r.direct!,
      stdio: r.stdio!,
      http: r.http!,
      httpRaw: r.httpRaw!,
      stdioRaw: r.stdioRaw!,
      modern: { stdio: r.modernStdio!, stdioRaw: r.modernStdioRaw!, http: r.modernHttp!, httpRaw: r.modernHttpRaw! },
      lists,
      upstreamRequests: upstream.requests() - before,
      callsMade,
    };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}

/**
 * Warm-up of every path, then `plan.rounds` rounds of sequential samples (each path its share of the count and
 * of the time cap, in an order that rotates per round), then the same for the concurrent runs, whose calls and
 * elapsed times are summed per path.
 */
async function measureInterleaved(paths: Path[], plan: LatencyPlan): Promise<Record<string, PathResult>> {
  const rounds = Math.max(1, plan.rounds);
  const share = (b: Bounds): Bounds => ({ count: Math.ceil(b.count / rounds), maxMs: b.maxMs / rounds });
  for (const p of paths) {
    await sequentialSamples(p.callerFor(0), plan.warmup);
    await concurrentRun(p.callerFor, plan.concurrency, { count: plan.warmup.count, maxMs: plan.warmup.maxMs });
  }
  const samples = new Map<string, number[]>(paths.map((p) => [p.name, []]));
  const runs = new Map<string, Throughput[]>(paths.map((p) => [p.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const p of rotate(paths, r)) samples.get(p.name)!.push(...(await sequentialSamples(p.callerFor(0), share(plan.sequential))));
  }
  for (let r = 0; r < rounds; r++) {
    for (const p of rotate(paths, r)) runs.get(p.name)!.push(await concurrentRun(p.callerFor, plan.concurrency, share(plan.throughput)));
  }
  const out: Record<string, PathResult> = {};
  for (const p of paths) {
    const parts = runs.get(p.name)!;
    const calls = parts.reduce((a, t) => a + t.calls, 0);
    const ms = parts.reduce((a, t) => a + t.ms, 0);
    out[p.name] = { latency: summarize(samples.get(p.name)!), throughput: { calls, ms, perSecond: (calls / ms) * 1000, capped: parts.every((t) => t.capped) } };
  }
  return out;
}

/** tools/list over both eras and both transports, bare callers, interleaved one request at a time. */
async function measureLists(
  url: string,
  legacyAgent: Agent,
  session: string,
  modernAgent: Agent,
  legacyStdio: RawStdio,
  modernStdio: RawStdio,
  plan: LatencyPlan,
): Promise<ListTimes> {
  let id = 1_000_000;
  const bytes = { legacy: 0, modern: 0 };
  const kinds: Array<[keyof Omit<ListTimes, "legacyBytes" | "modernBytes">, () => Promise<string>]> = [
    ["legacyStdio", async () => (await legacyStdio.request("tools/list")).line],
    ["modernStdio", async () => (await modernStdio.request("tools/list")).line],
    ["legacyHttp", () => listTools(url, legacyAgent, session, id++)],
    ["modernHttp", () => modernListTools(url, modernAgent, id++)],
  ];
  const samples = new Map<string, number[]>(kinds.map(([k]) => [k, []]));
  const deadline = performance.now() + plan.lists.maxMs;
  for (let i = 0; i < plan.listWarmup + plan.lists.count && performance.now() < deadline; i++) {
    for (const [kind, list] of rotate(kinds, i)) {
      const t0 = performance.now();
      const text = await list();
      const ms = performance.now() - t0;
      if (i >= plan.listWarmup) samples.get(kind)!.push(ms);
      if (kind === "legacyStdio") bytes.legacy = Buffer.byteLength(text);
      if (kind === "modernStdio") bytes.modern = Buffer.byteLength(text);
    }
  }
  return {
    legacyStdio: summarize(samples.get("legacyStdio")!),
    modernStdio: summarize(samples.get("modernStdio")!),
    legacyHttp: summarize(samples.get("legacyHttp")!),
    modernHttp: summarize(samples.get("modernHttp")!),
    legacyBytes: bytes.legacy,
    modernBytes: bytes.modern,
  };
}

/** `items` starting at `r mod length`, wrapping around. */
function rotate<T>(items: readonly T[], r: number): T[] {
  const k = r % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function callOk(client: Client | ModernClient, plan: LatencyPlan): Promise<void> {
  const result = await client.callTool({ name: plan.tool, arguments: plan.arguments });
  if (result.isError) throw new Error(`${plan.tool} failed: ${JSON.stringify(result.content).slice(0, 300)}`);
}
