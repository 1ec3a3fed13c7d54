// tools/call latency (sequential p50/p99) and throughput (16 callers) over stdio and HTTP vs direct HTTP.

import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { Agent } from "node:http";
import { createDirectClient } from "./direct.js";
import { concurrentRun, sequentialSamples, type Bounds, type Throughput } from "./loops.js";
import { callTool, openSession } from "./raw-http.js";
import { closeHttpClient, connectHttp, connectStdio, startHttpServer } from "./server.js";
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
}

/** One path's figures. */
export interface PathResult {
  /** Sequential call durations, ms. */
  latency: Summary;
  throughput: Throughput;
}

export interface LatencyResult {
  direct: PathResult;
  stdio: PathResult;
  http: PathResult;
  /** HTTP again with a bare node:http caller instead of the SDK Client: the server's share of the HTTP figures. */
  httpRaw: PathResult;
  /** Upstream requests seen during the whole section (sanity: every call reached it). */
  upstreamRequests: number;
  /** Calls made during the whole section, all paths. */
  callsMade: number;
}

/** Measures the three paths one after another against one upstream; every process and client is closed at the end. */
export async function benchLatency(server: string, env: Record<string, string>, upstream: Upstream, plan: LatencyPlan): Promise<LatencyResult> {
  const before = upstream.requests();
  let callsMade = 0;
  const counted = (fn: () => Promise<unknown>) => async () => {
    callsMade++;
    return fn();
  };

  const direct = createDirectClient(upstream.url, plan.concurrency);
  const stdio = await connectStdio(server, env);
  const http = await startHttpServer(server, env);
  const httpClients: Client[] = [];
  const rawAgent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  try {
    for (let i = 0; i < plan.concurrency; i++) httpClients.push(await connectHttp(http.url));
    const rawSessions: string[] = [];
    for (let i = 0; i < plan.concurrency; i++) rawSessions.push(await openSession(http.url, rawAgent));
    let id = 1;
    const rawVia = (session: string) => counted(() => callTool(http.url, rawAgent, session, plan.tool, plan.arguments, id++));
    const callVia = (client: Client) => counted(() => callOk(client, plan));
    const directResult = await measure(() => counted(direct.call), plan);
    const stdioResult = await measure(() => callVia(stdio.client), plan);
    const httpResult = await measure((i) => callVia(httpClients[i]!), plan);
    const httpRawResult = await measure((i) => rawVia(rawSessions[i]!), plan);
    return { direct: directResult, stdio: stdioResult, http: httpResult, httpRaw: httpRawResult, upstreamRequests: upstream.requests() - before, callsMade };
  } finally {
    await Promise.all(httpClients.map(closeHttpClient));
    rawAgent.destroy();
    await http.close();
    await stdio.close();
    direct.close();
  }
}

/** Warm-up, sequential samples on caller 0, then `concurrency` callers (caller i from `callerFor(i)`). */
async function measure(callerFor: (i: number) => () => Promise<unknown>, plan: LatencyPlan): Promise<PathResult> {
  await sequentialSamples(callerFor(0), plan.warmup);
  const samples = await sequentialSamples(callerFor(0), plan.sequential);
  await concurrentRun(callerFor, plan.concurrency, { count: plan.warmup.count, maxMs: plan.warmup.maxMs });
  const throughput = await concurrentRun(callerFor, plan.concurrency, plan.throughput);
  return { latency: summarize(samples), throughput };
}

async function callOk(client: Client, plan: LatencyPlan): Promise<void> {
  const result = await client.callTool({ name: plan.tool, arguments: plan.arguments });
  if (result.isError) throw new Error(`${plan.tool} failed: ${JSON.stringify(result.content).slice(0, 300)}`);
}
