// A per-app circuit breaker: after `failures` consecutive upstream failures (no answer, or a 5xx) calls fail fast
// for a cool-down; then one probe goes through (half-open), and its outcome closes or reopens the breaker.

import type { BreakerConfig } from "../contract.js";

export type BreakerState = "closed" | "open" | "half_open";

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. @default 5 */
  failures: number;
  /** How long it stays open before one probe may go. @default 30000 */
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failures: 5, coolDownMs: 30_000 };

/** Milliseconds since the epoch; tests set their own with `setBreakerClock`. */
let now: () => number = Date.now;

export class CircuitBreaker {
  #state: BreakerState = "closed";
  #failures = 0;
  #openUntil = 0;
  /** A half-open probe is out. */
  #probing = false;
  #lastFailure = "";

  constructor(readonly app: string, readonly options: BreakerOptions = DEFAULT_BREAKER) {}

  /** The state as a reader sees it now: an open breaker whose cool-down is over reads half-open. */
  get state(): BreakerState {
    return this.#state === "open" && now() >= this.#openUntil ? "half_open" : this.#state;
  }

  /** Consecutive failures counted so far. */
  get failures(): number {
    return this.#failures;
  }

  /** When an open breaker lets a probe through (epoch ms); 0 when closed. */
  get retryAt(): number {
    return this.#state === "closed" ? 0 : this.#openUntil;
  }

  /** Undefined when a call may go out now (a half-open breaker lets one through); otherwise the isError text. */
  admit(): string | undefined {
    if (this.#state === "closed") return undefined;
    const t = now();
    if (this.#state === "open" && t >= this.#openUntil) {
      this.#state = "half_open";
      this.#probing = false;
    }
    if (this.#state === "half_open" && !this.#probing) {
      this.#probing = true;
      return undefined;
    }
    const wait = Math.max(0, this.#openUntil - t);
    const when = this.#state === "open"
      ? `it will be retried in ${Math.ceil(wait / 1000)} s (at ${new Date(this.#openUntil).toISOString()})`
      : "a probe call is testing it now; retry in a moment";
    return `upstream of app "${this.app}" is unavailable: ${this.#failures} consecutive failures opened its circuit breaker ` +
      `(last: ${this.#lastFailure}); calls fail fast and ${when}`;
  }

  /** An answer that is not a 5xx: the upstream is up. */
  success(): void {
    this.#state = "closed";
    this.#failures = 0;
    this.#probing = false;
  }

  /** No answer, or a 5xx. */
  failure(what: string): void {
    this.#failures++;
    this.#lastFailure = what;
    this.#probing = false;
    if (this.#state === "half_open" || this.#failures >= this.options.failures) {
      this.#state = "open";
      this.#openUntil = now() + this.options.coolDownMs;
    }
  }

  /** Neither (cancelled, refused redirect): a half-open probe that ended so lets the next call probe. */
  neutral(): void {
    this.#probing = false;
  }

  /** Whether more attempts of a call may go out: not once the breaker opened. */
  get closedOrProbing(): boolean {
    return this.#state !== "open";
  }
}

/**
 * One breaker per resolved app: the server resolves its apps once at start, so this is one per app for the
 * process (and a test's fresh app object starts closed).
 */
const byApp = new WeakMap<object, CircuitBreaker>();
/** The latest breaker of each app name, for `breakerStates`. */
const breakers = new Map<string, CircuitBreaker>();

/**
 * The options of an app's `breaker:` (camel-case, the keys given) over the defaults. `false` gives a breaker
 * that never opens: it still counts, so /metrics shows the app as always closed.
 */
export function breakerOptionsOf(config: BreakerConfig | false | undefined): BreakerOptions {
  if (config === false) return { failures: Infinity, coolDownMs: 0 };
  return { failures: config?.failures ?? DEFAULT_BREAKER.failures, coolDownMs: config?.cooldownMs ?? DEFAULT_BREAKER.coolDownMs };
}

/** The app's breaker, created closed on first use with the app's `breaker:` (or `options`, which tests pass). */
export function breakerOf(app: { name: string; breaker?: BreakerConfig | false }, options?: BreakerOptions): CircuitBreaker {
  let breaker = byApp.get(app);
  if (!breaker) {
    byApp.set(app, (breaker = new CircuitBreaker(app.name, options ?? breakerOptionsOf(app.breaker))));
    breakers.set(app.name, breaker);
  }
  return breaker;
}

/** Every app's breaker state, for metrics and health: `{ app, state, failures, retryAt }`. */
export function breakerStates(): { app: string; state: BreakerState; failures: number; retryAt: number }[] {
  return [...breakers.values()].map((b) => ({ app: b.app, state: b.state, failures: b.failures, retryAt: b.retryAt }));
}

/** For tests: a clock of their own (epoch ms), and every breaker forgotten. */
export function setBreakerClock(clock: () => number = Date.now): void {
  now = clock;
}

export function resetBreakers(): void {
  for (const breaker of breakers.values()) breaker.success();
  breakers.clear();
}
