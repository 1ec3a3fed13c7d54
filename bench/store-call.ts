// Added latency per 2025 tools/call through the HTTP server, Redis store beside memory store: one in-process
// gateway per store (the fixture tools answer without an upstream, so what differs is the store's round trip),
// a dynamic-mode session with the tool enabled, sequential calls over keep-alive fetch. Redis is a redis-server
// this section starts on 127.0.0.1 and stops.

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

export async function benchStoreCall(bounds: Bounds): Promise<StoreCallBench> {
  const redis = await startRedis();
  try {
    const memory = await measure(new MemorySessionStore(), bounds);
    const store = new RedisSessionStore({ url: redis.url, idleTimeoutMs: 3_600_000, keyPrefix: "bench-call:" });
    try {
      return { memory, redis: await measure(store, bounds) };
    } finally {
      await store.close();
    }
  } finally {
    await redis.stop();
  }
}

async function measure(store: SessionStore, bounds: Bounds): Promise<Summary> {
  const gateway = await serveHttp(serverContext(), store, { defaultMode: "dynamic" });
  try {
    const post = async (body: object, sessionId?: string) => {
      const response = await fetch(gateway.url, { method: "POST", headers: { ...HEADERS, ...(sessionId && { "mcp-session-id": sessionId }) }, body: JSON.stringify(body) });
      await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      return response.headers.get("mcp-session-id");
    };
    const id = (await post({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "bench", version: "0" } } }))!;
    await post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "enable-tools", arguments: { tools: ["get_item"] } } }, id);
    const call = () => post({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get_item", arguments: { id: "1" } } }, id);
    await sequentialSamples(call, { count: 300, maxMs: 2_000 });
    return summarize(await sequentialSamples(call, bounds));
  } finally {
    await gateway.close();
  }
}

export function storeCallRows({ memory, redis }: StoreCallBench): Row[] {
  const added = redis.p50 - memory.p50;
  return [
    reported(SECTION, "tools/call p50 / p99, memory · Redis", redis.p50, "ms", `${fmt(memory.p50, 3)} / ${fmt(memory.p99, 3)} · ${fmt(redis.p50, 3)} / ${fmt(redis.p99, 3)} ms`),
    row(SECTION, "added latency p50 per call, Redis − memory", added, "ms", `${fmt(added, 3)} ms`, atMost(0.2, "≤ 0.2 ms"), "touch + get in one round trip on loopback"),
  ];
}
