// Session store operations, memory beside Redis on loopback: per-operation latency of what a request does to its
// session (get, touch, set, enable), and Redis memory per idle session (INFO memory before and after N sessions).
// Redis is a redis-server this section starts on 127.0.0.1 and stops.

import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { MemorySessionStore } from "../runtime/session/memory.js";
import { RedisSessionStore } from "../runtime/session/redis.js";
import type { Session, SessionStore } from "../runtime/session/store.js";
import { startRedis } from "../test/support/redis.js";
import { sequentialSamples, type Bounds } from "./loops.js";
import { atMost, fmt, reported, row, type Row } from "./report.js";
import { summarize, type Summary } from "./stats.js";

const SECTION = "Session store — memory vs Redis (redis-server on loopback), store operations in-process";
const OPERATIONS = ["get", "touch", "set", "enable"] as const;
type Operation = (typeof OPERATIONS)[number];

export interface StoreBenchPlan {
  /** Per operation and store. */
  ops: Bounds;
  /** Sessions created for the memory figure. */
  idleSessions: number;
}

export interface StoreBench {
  latency: Record<"memory" | "redis", Record<Operation, Summary>>;
  redisMemory: { sessions: number; usedBefore: number; usedAfter: number; bytesPerSession: number; keysAfter: number };
  redisVersion: string;
}

/** A session as an initialize in dynamic mode with a chat id makes it, with a few tools enabled. */
function sampleSession(owner: string): Session {
  const now = Date.now();
  return {
    id: randomUUID(),
    mode: "dynamic",
    apps: null,
    enabled: ["issues_list_for_repo", "pulls_list", "repos_get"],
    owner,
    chatId: randomUUID(),
    createdAt: now,
    lastSeen: now,
  };
}

export async function benchSessionStore(plan: StoreBenchPlan): Promise<StoreBench> {
  const server = await startRedis();
  const raw = new Redis(server.url);
  try {
    const memory = await measure(new MemorySessionStore({ idleTimeoutMs: 3_600_000 }), plan.ops);
    const redis = await measure(new RedisSessionStore({ url: server.url, idleTimeoutMs: 3_600_000, keyPrefix: "bench:" }), plan.ops);
    await raw.flushall();
    const info = await raw.info("server");
    return { latency: { memory, redis }, redisMemory: await idleMemory(server.url, raw, plan.idleSessions), redisVersion: /redis_version:(\S+)/.exec(info)?.[1] ?? "?" };
  } finally {
    raw.disconnect();
    await server.stop();
  }
}

/** Each operation, sequentially, on one of 1,000 stored sessions in turn, after a warm-up. */
async function measure(store: SessionStore, bounds: Bounds): Promise<Record<Operation, Summary>> {
  try {
    const sessions = Array.from({ length: 1_000 }, (_, i) => sampleSession(`owner-${i % 50}`));
    for (const s of sessions) await store.set(s);
    let i = 0;
    const next = () => sessions[i++ % sessions.length]!;
    const run: Record<Operation, () => Promise<unknown>> = {
      get: () => store.get(next().id),
      touch: () => store.touch(next().id, Date.now()),
      set: () => store.set(next()),
      enable: () => store.enable(next().id, ["gists_list"]),
    };
    const out = {} as Record<Operation, Summary>;
    for (const op of OPERATIONS) {
      await sequentialSamples(run[op], { count: 500, maxMs: 2_000 });
      out[op] = summarize(await sequentialSamples(run[op], bounds));
    }
    return out;
  } finally {
    await store.close();
  }
}

/** `used_memory` growth over `count` idle sessions (100 owners), divided by `count`. */
async function idleMemory(url: string, raw: Redis, count: number): Promise<StoreBench["redisMemory"]> {
  const store = new RedisSessionStore({ url, idleTimeoutMs: 3_600_000 });
  try {
    await store.set(sampleSession("warm-up"));
    const usedBefore = await usedMemory(raw);
    for (let done = 0; done < count; done += 100) {
      const batch = Math.min(100, count - done);
      await Promise.all(Array.from({ length: batch }, (_, i) => store.set(sampleSession(`caller-${(done + i) % 100}`))));
    }
    const usedAfter = await usedMemory(raw);
    return { sessions: count, usedBefore, usedAfter, bytesPerSession: (usedAfter - usedBefore) / count, keysAfter: await raw.dbsize() };
  } finally {
    await store.close();
  }
}

async function usedMemory(raw: Redis): Promise<number> {
  const info = await raw.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

export function sessionStoreRows(result: StoreBench): Row[] {
  const rows: Row[] = [];
  for (const op of OPERATIONS) {
    const m = result.latency.memory[op];
    const r = result.latency.redis[op];
    rows.push(reported(SECTION, `${op} p50 / p99, memory · Redis`, r.p50, "ms", `${fmt(m.p50, 4)} / ${fmt(m.p99, 4)} · ${fmt(r.p50, 3)} / ${fmt(r.p99, 3)} ms`,
      `${fmt(r.n)} sequential calls each`));
  }
  // A request in a 2025 session touches it once; the wiring may add a get when the session is not live on the replica.
  const added = result.latency.redis.touch.p50 - result.latency.memory.touch.p50;
  rows.push(row(SECTION, "added latency p50 per request (touch), Redis − memory", added, "ms", `${fmt(added, 3)} ms`, atMost(0.2, "≤ 0.2 ms"),
    `p99 ${fmt(result.latency.redis.touch.p99 - result.latency.memory.touch.p99, 3)} ms; store operation only, end to end once the store is wired in`));
  const mem = result.redisMemory;
  rows.push(reported(SECTION, "Redis memory per idle session", mem.bytesPerSession, "bytes", `${fmt(mem.bytesPerSession)} B`,
    `used_memory ${fmt(mem.usedBefore / 2 ** 20, 1)} → ${fmt(mem.usedAfter / 2 ** 20, 1)} MB over ${fmt(mem.sessions)} sessions (hash + owner index entry, 3 tools enabled, chat id); Redis ${result.redisVersion}`));
  return rows;
}
