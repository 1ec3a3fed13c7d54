// The memory token bucket under a fake clock: burst, refill, Retry-After, per-key buckets, bounded size.
import { describe, expect, test } from "vitest";
import { MemoryRateLimiter } from "../../../runtime/limits/rate-limit.js";

const T0 = 1_700_000_000_000;

describe("MemoryRateLimiter", () => {
  test("allows the burst at once, then refuses with the time until the next token", () => {
    const limiter = new MemoryRateLimiter({ requestsPerMinute: 60, burst: 3 });
    expect([1, 2, 3].map(() => limiter.take("a", T0).ok)).toEqual([true, true, true]);
    expect(limiter.take("a", T0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(limiter.take("a", T0 + 400)).toEqual({ ok: false, retryAfterMs: 600 });
  });

  test("refills at requests_per_minute, never above the burst", () => {
    const limiter = new MemoryRateLimiter({ requestsPerMinute: 60, burst: 2 });
    limiter.take("a", T0);
    limiter.take("a", T0);
    expect(limiter.take("a", T0 + 1000).ok).toBe(true);
    expect(limiter.take("a", T0 + 1000).ok).toBe(false);
    // An hour idle refills two tokens, not 3600.
    const later = T0 + 3_600_000;
    expect([1, 2, 3].map(() => limiter.take("a", later).ok)).toEqual([true, true, false]);
  });

  test("refused requests do not cost a token", () => {
    const limiter = new MemoryRateLimiter({ requestsPerMinute: 60, burst: 1 });
    limiter.take("a", T0);
    for (let i = 0; i < 10; i++) limiter.take("a", T0 + i * 10);
    expect(limiter.take("a", T0 + 1000).ok).toBe(true);
  });

  test("each key has its own bucket", () => {
    const limiter = new MemoryRateLimiter({ requestsPerMinute: 1, burst: 1 });
    expect(limiter.take("alice", T0).ok).toBe(true);
    expect(limiter.take("alice", T0).ok).toBe(false);
    expect(limiter.take("bob", T0).ok).toBe(true);
  });

  test("a clock that goes backwards refills nothing and breaks nothing", () => {
    const limiter = new MemoryRateLimiter({ requestsPerMinute: 60, burst: 1 });
    limiter.take("a", T0);
    expect(limiter.take("a", T0 - 5000).ok).toBe(false);
  });

  test("keeps at most maxKeys buckets: refilled ones go first, else the least recently used", () => {
    const limiter = new MemoryRateLimiter({ requestsPerMinute: 60, burst: 2 }, 3);
    for (let i = 0; i < 100; i++) limiter.take(`k${i}`, T0 + i);
    expect(limiter.size).toBeLessThanOrEqual(3);
    // "hot" is used constantly, so it stays while idle keys come and go, and its bucket is kept.
    limiter.take("hot", T0 + 200);
    limiter.take("hot", T0 + 200);
    for (let i = 0; i < 10; i++) {
      limiter.take(`cold${i}`, T0 + 201 + i);
      if (i % 2 === 0) expect(limiter.take("hot", T0 + 201 + i).ok).toBe(false);
    }
    expect(limiter.size).toBeLessThanOrEqual(3);
  });
});
