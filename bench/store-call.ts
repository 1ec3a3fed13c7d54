// Added latency per 2025 tools/call through the HTTP server, Redis store beside memory store: one in-process
// gateway per store (the fixture tools answer without an upstream, so what differs is the store's round trip),
// a dynamic-mode session with the tool enabled, sequential calls over keep-alive fetch. The two gateways take turns
// in rounds, so a change of machine load while the section runs weighs on both alike. Redis is a redis-server this
// section starts on 127.0.0.1 and stops.

import { MemorySessionStore } from "../runtime/session/memory.js";
import { RedisSessionStore } from "../runtime/session/redis.js";
import type { SessionStore } from "../runtime/session/store.js";
import { serveHttp, serverContext } from "../test/runtime/server/server-context.js";
import { startRedis } from "../test/support/redis.js";
import { sequentialSamples, type Bounds } from "./loops.js";
import { atMost, fmt, reported, row, type Row } from "./report.js";
import { summarize, type Summary } from "./stats.js";

const SECTION = "Session store — per tools/call through the HTTP server (2025 dynamic session), memory vs Redis";
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

export interface StoreCallBench {
  memory: Summary;
  redis: Summary;
}

/** Calls per turn of one gateway before the other's. */
const ROUND = 250;

export async function benchStoreCall(bounds: Bounds): Promise<StoreCallBench> {
  const redis = await startRedis();
  const store = new RedisSessionStore({ url: redis.url, idleTimeoutMs: 3_600_000, keyPrefix: "bench-call:" });
  const gateways: Gateway[] = [];
  try {
    for (const each of [new MemorySessionStore(), store]) gateways.push(await openGateway(each));
    const [memory, onRedis] = gateways as [Gateway, Gateway];
    for (const gateway of gateways) await sequentialSamples(gateway.call, { count: 300, maxMs: 2_000 });
    const samples: [number[], number[]] = [[], []];
    const deadline = performance.now() + bounds.maxMs;
    while (samples[1].length < bounds.count && performance.now() < deadline) {
      const turn = { count: Math.min(ROUND, bounds.count - samples[1].length), maxMs: Math.max(1, (deadline - performance.now()) / 2) };
      samples[0].push(...(await sequentialSamples(memory.call, turn)));
      samples[1].push(...(await sequentialSamples(onRedis.call, turn)));
    }
    return { memory: summarize(samples[0]), redis: summarize(samples[1]) };
  } finally {
    for (const gateway of gateways) await gateway.close();
    await store.close();
    await redis.stop();
  }
}

interface Gateway {
  /** One tools/call of the session's enabled tool. */
  call: () => Promise<unknown>;
  close(): Promise<void>;
}

/** A gateway on `store` with one dynamic session that enabled get_item. */
async function openGateway(store: SessionStore): Promise<Gateway> {
  const gateway = await serveHttp(serverContext(), store, { defaultMode: "dynamic" });
  const post = async (body: object, sessionId?: string) => {
    const response = await fetch(gateway.url, { method: "POST", headers: { ...HEADERS, ...(sessionId && { "mcp-session-id": sessionId }) }, body: JSON.stringify(body) });
    await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    return response.headers.get("mcp-session-id");
  };
  try {
    const id = (await post({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "bench", version: "0" } } }))!;
    await post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "enable-tools", arguments: { tools: ["get_item"] } } }, id);
    return { call: () => post({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get_item", arguments: { id: "1" } } }, id), close: () => gateway.close() };
  } catch (error) {
    await gateway.close();
    throw error;
  }
}

export function storeCallRows({ memory, redis }: StoreCallBench): Row[] {
  const added = redis.p50 - memory.p50;
  return [
    reported(SECTION, "tools/call p50 / p99, memory · Redis", redis.p50, "ms", `${fmt(memory.p50, 3)} / ${fmt(memory.p99, 3)} · ${fmt(redis.p50, 3)} / ${fmt(redis.p99, 3)} ms`),
    row(SECTION, "added latency p50 per call, Redis − memory", added, "ms", `${fmt(added, 3)} ms`, atMost(0.2, "≤ 0.2 ms"), "a held session's call waits on no Redis round trip; its TTL is refreshed in the background"),
  ];
}
