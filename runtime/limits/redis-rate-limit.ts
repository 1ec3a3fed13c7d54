// The per-caller token bucket in Redis, shared by every replica: one hash per caller, taken in one Lua script so
// two replicas cannot both spend the last token. While Redis is unreachable each replica falls back to its own
// memory buckets (a caller gets at most a burst per replica) instead of refusing or failing requests.

import { Redis } from "ioredis";
import type { Logger } from "../log.js";
import { evalScript, script } from "../session/redis-scripts.js";
import { MemoryRateLimiter, type RateLimit, type RateLimiter, type Taken } from "./rate-limit.js";

// KEYS[1] bucket. ARGV: now (ms), tokens per ms, burst, ttl ms. Returns {1, 0} or {0, ms until the next token}.
// Fields: t = tokens (a float, kept as Lua prints it), a = when t was brought up to date. Idle buckets expire
// once they would be full again: a missing bucket is a full one.
const TAKE = script(`
local held = redis.call('HMGET', KEYS[1], 't', 'a')
local now, perMs, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens = burst
if held[1] then tokens = math.min(burst, tonumber(held[1]) + math.max(0, now - tonumber(held[2])) * perMs) end
local ok = tokens >= 1
if ok then tokens = tokens - 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ok then return {1, 0} end
return {0, math.ceil((1 - tokens) / perMs)}`);

export interface RedisRateLimiterOptions {
  url: string;
  /** @default "gateway:" */
  keyPrefix?: string;
  /** Longest wait for Redis before the memory fallback answers. @default 200 */
  commandTimeoutMs?: number;
  log?: Pick<Logger, "warn">;
}

export class RedisRateLimiter implements RateLimiter {
  readonly #client: Redis;
  readonly #fallback: MemoryRateLimiter;
  readonly #perMs: number;
  readonly #ttlMs: number;
  readonly #prefix: string;
  readonly #log: Pick<Logger, "warn"> | undefined;
  #warned = false;

  constructor(
    private readonly limit: RateLimit,
    options: RedisRateLimiterOptions,
  ) {
    this.#perMs = limit.requestsPerMinute / 60_000;
    this.#ttlMs = Math.ceil(limit.burst / this.#perMs) + 1_000;
    this.#prefix = options.keyPrefix ?? "gateway:";
    this.#log = options.log;
    this.#fallback = new MemoryRateLimiter(limit);
    const timeout = options.commandTimeoutMs ?? 200;
    this.#client = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeout,
      connectTimeout: 1_000,
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times - 1, 6), 2_000),
      connectionName: "gateway-rate-limit",
    });
    // Outages are reported by the session store; here they only switch to the fallback.
    this.#client.on("error", () => {});
    this.#client.on("ready", () => (this.#warned = false));
  }

  async take(key: string, now: number): Promise<Taken> {
    const args = [String(Math.trunc(now)), String(this.#perMs), String(this.limit.burst), String(this.#ttlMs)];
    const bucket = `${this.#prefix}rate:${key}`;
    try {
      if (this.#client.status !== "ready") throw new Error(`connection ${this.#client.status}`);
      const [ok, retryAfterMs] = (await evalScript(this.#client, TAKE, [bucket], args)) as [number, number];
      return ok === 1 ? { ok: true } : { ok: false, retryAfterMs };
    } catch (error) {
      if (!this.#warned) this.#log?.warn("rate limit: Redis unavailable, counting in this replica's memory until it is back", { error: error instanceof Error ? error.message : String(error) });
      this.#warned = true;
      return this.#fallback.take(key, now);
    }
  }

  async close(): Promise<void> {
    if (this.#client.status === "ready") await this.#client.quit().catch(() => this.#client.disconnect());
    else this.#client.disconnect();
  }
}
