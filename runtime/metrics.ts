// Prometheus metrics, served at /metrics on the HTTP listener. `metrics` is a set of no-ops until `enableMetrics()`
// loads prom-client (HTTP with metrics on), so stdio and a server with GATEWAY_METRICS=off never evaluate it.
// The call path, the upstream code (retries, circuit breaker) and the router report through `metrics` alone.

import type { BreakerState } from "./upstream/breaker.js";

const BREAKER_STATES: readonly BreakerState[] = ["closed", "open", "half_open"];

export interface Metrics {
  /** One tools/call that reached a tool: its outcome (audit-log `Outcome`) and the gateway's time in seconds. */
  call(app: string, tool: string, outcome: string, seconds: number): void;
  /** One upstream exchange of `app` (retries included), in seconds. */
  upstream(app: string, seconds: number): void;
  /** A request refused, or a session's background TTL refresh failed, because the session store could not be reached. */
  storeError(): void;
  /** One retried upstream request of `app`. */
  retry(app: string): void;
}

const noop = (): void => {};

/** Process-wide: what reports here is counted once `enableMetrics` ran, and ignored before. */
export const metrics: Metrics = { call: noop, upstream: noop, storeError: noop, retry: noop };

export interface MetricsRegistry {
  contentType: string;
  /** The text exposition of every series. */
  render(): Promise<string>;
  /** Adds a source of open sessions (one per HTTP listener) to `gateway_sessions_open`; returns its removal. */
  watchSessions(count: () => number): () => void;
}

let registry: Promise<MetricsRegistry> | undefined;

/** Loads prom-client and makes `metrics` count; once per process (later calls get the same registry). */
export function enableMetrics(): Promise<MetricsRegistry> {
  return (registry ??= createRegistry());
}

/** Latency buckets in seconds: a loopback call takes ~1 ms, a slow upstream tens of seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

async function createRegistry(): Promise<MetricsRegistry> {
  const prom = await import("prom-client");
  const { breakerStates } = await import("./upstream/breaker.js");
  const { Counter, Gauge, Histogram, Registry } = prom.default ?? prom;
  const reg = new Registry();
  const registers = [reg];
  const sources = new Set<() => number>();
  const calls = new Counter({ name: "gateway_tool_calls_total", help: "tools/call requests that reached a tool, by app, tool and outcome.", labelNames: ["app", "tool", "outcome"], registers });
  const callSeconds = new Histogram({ name: "gateway_tool_call_duration_seconds", help: "Time the gateway took to answer a tools/call, by app.", labelNames: ["app"], buckets: BUCKETS, registers });
  const upstreamSeconds = new Histogram({ name: "gateway_upstream_request_duration_seconds", help: "Time of the upstream exchange of a tools/call (retries included), by app.", labelNames: ["app"], buckets: BUCKETS, registers });
  const storeErrors = new Counter({ name: "gateway_session_store_errors_total", help: "Requests refused, and background session TTL refreshes failed, because the session store could not be reached.", registers });
  const retries = new Counter({ name: "gateway_upstream_retries_total", help: "Upstream requests retried, by app.", labelNames: ["app"], registers });
  new Gauge({
    name: "gateway_circuit_breaker_state",
    help: "1 for the state each app's circuit breaker is in, 0 for the others.",
    labelNames: ["app", "state"],
    registers,
    collect() {
      for (const { app, state } of breakerStates()) for (const s of BREAKER_STATES) this.set({ app, state: s }, s === state ? 1 : 0);
    },
  });
  new Gauge({
    name: "gateway_sessions_open",
    help: "Sessions (2025-11-25 era) open on this replica.",
    registers,
    collect() {
      let open = 0;
      for (const count of sources) open += count();
      this.set(open);
    },
  });
  storeErrors.inc(0);
  Object.assign(metrics, {
    call: (app, tool, outcome, seconds) => {
      calls.inc({ app, tool, outcome });
      callSeconds.observe({ app }, seconds);
    },
    upstream: (app, seconds) => upstreamSeconds.observe({ app }, seconds),
    storeError: () => storeErrors.inc(),
    retry: (app) => retries.inc({ app }),
  } satisfies Metrics);
  return {
    contentType: reg.contentType,
    render: () => reg.metrics(),
    watchSessions(count) {
      sources.add(count);
      return () => void sources.delete(count);
    },
  };
}
