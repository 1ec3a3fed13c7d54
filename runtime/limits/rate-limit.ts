// Per-caller rate limit: a token bucket per key (the caller's subject), behind an interface a shared store
// (Redis, for several replicas: redis-rate-limit.ts) implements too. The memory one bounds its size by evicting idle buckets.

/** What one request costs: allowed, or refused with how long until a token is back. */
export type Taken = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Takes one token for `key` at `now` (ms since the epoch). Implementations keep their own clock out of it. The
 * memory one answers at once; a shared one (Redis: limits/redis-rate-limit.ts) asks its store.
 */
export interface RateLimiter {
  take(key: string, now: number): Taken | Promise<Taken>;
}

export interface RateLimit {
  /** Sustained rate: tokens come back at this many per minute. */
  requestsPerMinute: number;
  /** Bucket size: requests allowed at once after idling. */
  burst: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

/** Most buckets kept; past it the least recently used goes (a full bucket is the same as no bucket). */
const DEFAULT_MAX_KEYS = 10_000;

/**
 * Token buckets in a Map kept in last-use order (a key is re-inserted on each take), so eviction drops the
 * idlest caller first. An evicted bucket comes back full, which only ever errs on the side of the caller and
 * only for one who was idle longest; buckets that have refilled completely are dropped first anyway.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    this.#perMs = limit.requestsPerMinute / 60_000;
  }

  /** Buckets held, for tests. */
  get size(): number {
    return this.#buckets.size;
  }

  take(key: string, now: number): Taken {
    const bucket = this.#buckets.get(key);
    let tokens: number = this.limit.burst;
    if (bucket) {
      tokens = Math.min(this.limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.#perMs);
      this.#buckets.delete(key);
    }
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / this.#perMs) };
    }
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.#buckets.size > this.maxKeys) this.#evict(now);
    return { ok: true };
  }

  /** Drops buckets that are full again (no state worth keeping), else the least recently used one. */
  #evict(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.limit.burst) this.#buckets.delete(key);
      else break;
    }
    while (this.#buckets.size > this.maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
  }
}
