// The Redis token bucket: the same answers as the memory one, one bucket shared by every replica (two limiters on
// one Redis race for the last token and only one gets it), and the memory fallback while Redis is down.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RedisRateLimiter } from "../../../runtime/limits/redis-rate-limit.js";
import { startRedis, type RedisServer } from "../../support/redis.js";

const T0 = 1_700_000_000_000;
let redis: RedisServer;
const limiters: RedisRateLimiter[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const limiter of limiters) await limiter.close();
  await redis?.stop();
});

async function limiter(limit: { requestsPerMinute: number; burst: number }, keyPrefix: string): Promise<RedisRateLimiter> {
  const made = new RedisRateLimiter(limit, { url: redis.url, keyPrefix });
  limiters.push(made);
  // Connected before the test counts on Redis answering (until then the memory fallback answers).
  await made.take("warm-up", T0);
  await new Promise((r) => setTimeout(r, 50));
  return made;
}

describe("RedisRateLimiter", () => {
  test("the burst at once, then refused with the time until the next token; refills at the rate", async () => {
    const a = await limiter({ requestsPerMinute: 60, burst: 3 }, "rl1:");
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await a.take("a", T0)).ok);
    expect(taken).toEqual([true, true, true]);
    expect(await a.take("a", T0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(await a.take("a", T0 + 400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect((await a.take("a", T0 + 1000)).ok).toBe(true);
    expect((await a.take("other", T0)).ok).toBe(true);
  });

  test("two replicas share one bucket: of 20 simultaneous takes against a burst of 5, exactly 5 pass", async () => {
    const a = await limiter({ requestsPerMinute: 1, burst: 5 }, "rl2:");
    const b = await limiter({ requestsPerMinute: 1, burst: 5 }, "rl2:");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take("shared", T0)));
    expect(answers.filter((t) => t.ok).length).toBe(5);
  });

  test("Redis down: counts in memory instead of failing, and back on Redis once it returns", async () => {
    const a = await limiter({ requestsPerMinute: 60, burst: 2 }, "rl3:");
    await redis.stop();
    try {
      const during = [];
      for (let i = 0; i < 3; i++) during.push((await a.take("down", T0)).ok);
      expect(during).toEqual([true, true, false]);
    } finally {
      await redis.restart();
    }
    const deadline = Date.now() + 10_000;
    // Redis came back empty: its bucket for "down" is full, unlike the fallback's.
    let ok = false;
    while (!ok && Date.now() < deadline) {
      ok = (await a.take("down", T0)).ok;
      if (!ok) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ok).toBe(true);
  });
});
