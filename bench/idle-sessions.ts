// Memory per idle HTTP session — open many sessions (initialize only) and divide the server's RSS growth.

import { Agent } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { concurrentRun, type Bounds, type Throughput } from "./loops.js";
import { INITIALIZE, post } from "./raw-http.js";
import { rssMb } from "./server.js";

/** The idle-session figures. */
export interface IdleSessions {
  /** Sessions opened in the measured phase (initialize answered 200 with an Mcp-Session-Id). */
  opened: number;
  /** Initialize requests that failed. */
  failed: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** (after − before) / opened, in KB. */
  perSessionKb: number;
  /** How fast sessions were opened. */
  rate: Throughput;
}

/** Opens `warmup` sessions, reads RSS, opens `bounds.count` more with `concurrency` callers, waits, reads RSS again. */
export async function benchIdleSessions(url: string, pid: number, warmup: number, bounds: Bounds, concurrency: number): Promise<IdleSessions> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    let opened = 0;
    let failed = 0;
    const open = async () => ((await initialize(url, agent)) ? opened++ : failed++);
    await concurrentRun(() => open, concurrency, { count: warmup, maxMs: bounds.maxMs });
    await sleep(300);
    const rssBeforeMb = rssMb(pid) ?? NaN;
    opened = 0;
    failed = 0;
    const rate = await concurrentRun(() => open, concurrency, bounds);
    await sleep(1_000);
    const rssAfterMb = rssMb(pid) ?? NaN;
    const perSessionKb = opened > 0 ? ((rssAfterMb - rssBeforeMb) * 1024) / opened : NaN;
    return { opened, failed, rssBeforeMb, rssAfterMb, perSessionKb, rate };
  } finally {
    agent.destroy();
  }
}

/** One initialize POST; true when the server answered 200 with a session id. */
async function initialize(url: string, agent: Agent): Promise<boolean> {
  try {
    const answer = await post(url, agent, INITIALIZE);
    return answer.status === 200 && answer.sessionId !== undefined;
  } catch {
    return false;
  }
}
