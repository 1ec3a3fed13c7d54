// Retries of idempotent calls: exponential backoff with full jitter on connection errors, 502/503/504 and 429,
// Retry-After honoured up to `maxMs`, never past the call's overall deadline. The app's breaker counts every
// attempt and stops the retries once it opens.
import type { RetryConfig, Tool } from "../contract.js";
import { metrics } from "../metrics.js";
import type { CircuitBreaker } from "./breaker.js";
import { UpstreamError, type SendOptions, type UpstreamResponse } from "./http.js";

export interface RetryPolicy {
  /** Extra attempts after the first. */
  attempts: number;
  methods: readonly string[];
  baseMs: number;
  maxMs: number;
}

/** Methods retried by default: the idempotent ones (RFC 9110 §9.2.2) but TRACE. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 2, methods: ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"], baseMs: 100, maxMs: 2000 };

const RETRY_STATUS = new Set([429, 502, 503, 504]);

/**
 * The policy for a call of `tool`: the tool's `retry` over the app's over the defaults; undefined when this call
 * must not be retried (a method the policy leaves out, a GraphQL mutation unless POST is listed, `retry: false`).
 */
export function retryPolicyOf(tool: Tool, app: { retry?: RetryConfig | false }): RetryPolicy | undefined {
  const own = tool.retry;
  if (own === false || (own === undefined && app.retry === false)) return undefined;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...(app.retry || {}), ...(own || {}) };
  if (policy.attempts <= 0) return undefined;
  const methods = policy.methods.map((m) => m.toUpperCase());
  const request = tool.request;
  // A GraphQL query reads only: idempotent whatever it is sent with. A mutation is a POST.
  const method = request.kind === "graphql" ? (request.operation === "query" ? undefined : "POST") : request.method.toUpperCase();
  return method === undefined || methods.includes(method) ? policy : undefined;
}

/** A Retry-After value (seconds or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A failure worth another attempt: no connection or a reset (not a timeout, which spent the deadline). */
function retryableError(err: unknown): boolean {
  return err instanceof UpstreamError && err.kind === "network";
}

/** A failure the breaker counts. */
function breakerFailure(err: unknown): string | undefined {
  if (err instanceof UpstreamError && (err.kind === "network" || err.kind === "timeout")) return err.message;
  return undefined;
}

function plural(n: number): string {
  return `${n} attempt${n === 1 ? "" : "s"}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` once, and again under `policy` while it fails in a retryable way, within `options.timeoutMs`
 * overall. Reports each attempt to `breaker`. A final failure names how many attempts were made: a thrown
 * UpstreamError in its message, a response in its `note`.
 */
export async function withRetries(
  attempt: (options: SendOptions) => Promise<UpstreamResponse>,
  options: SendOptions,
  policy: RetryPolicy | undefined,
  breaker: CircuitBreaker,
): Promise<UpstreamResponse> {
  const deadline = performance.now() + options.timeoutMs;
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  let current = options;
  const onCancel = (): void => controller?.abort();
  const timedOut = (n: number) => new UpstreamError("timeout", `upstream timed out after ${options.timeoutMs} ms (${plural(n)})`);
  try {
    for (let n = 1; ; n++) {
      let response: UpstreamResponse | undefined;
      let error: unknown;
      try {
        response = await attempt(current);
        if (response.status >= 500) breaker.failure(`upstream returned ${response.status}`);
        else breaker.success();
      } catch (err) {
        error = expired ? timedOut(n) : err;
        const failure = breakerFailure(error);
        if (failure) breaker.failure(failure);
        else breaker.neutral();
      }
      const retryable = response ? RETRY_STATUS.has(response.status) : retryableError(error);
      let stop: string | undefined;
      let wait = 0;
      if (!retryable) stop = "";
      else if (!policy || n > policy.attempts) stop = n > 1 ? `after ${plural(n)}` : "";
      else if (!breaker.closedOrProbing) stop = `after ${plural(n)}; the circuit breaker opened`;
      else {
        const asked = response ? retryAfterMs(response.retryAfter) : undefined;
        if (asked !== undefined && asked > policy.maxMs) {
          stop = `${plural(n)}; not retried: Retry-After asks for ${Math.ceil(asked / 1000)} s, more than retry.max_ms ${policy.maxMs} ms`;
        } else {
          wait = asked ?? Math.random() * Math.min(policy.maxMs, policy.baseMs * 2 ** (n - 1));
          if (performance.now() + wait >= deadline) stop = `after ${plural(n)}; another would pass the ${options.timeoutMs} ms timeout`;
        }
      }
      if (stop !== undefined) {
        if (response) {
          if (stop) response.note = stop;
          return response;
        }
        if (stop && error instanceof UpstreamError) throw new UpstreamError(error.kind, `${error.message} (${stop})`);
        throw error;
      }
      if (!controller) {
        // From the second attempt on, one deadline for all of them; the call's cancellation still reaches them.
        controller = new AbortController();
        timer = setTimeout(() => {
          expired = true;
          controller!.abort();
        }, Math.max(1, deadline - performance.now()));
        options.signal?.addEventListener("abort", onCancel, { once: true });
        if (options.signal?.aborted) controller.abort();
        current = { ...options, signal: controller.signal };
      }
      metrics.retry(breaker.app);
      if (!(await sleep(wait, controller.signal))) {
        throw expired
          ? timedOut(n)
          : new UpstreamError("cancelled", "the call was cancelled before the upstream answered");
      }
    }
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCancel);
  }
}
