// Distributed tracing, off unless an OTLP endpoint is configured (the standard OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
// or OTEL_EXPORTER_OTLP_ENDPOINT). Off, `tracer` stays undefined and nothing of OpenTelemetry is loaded: the
// HTTP router, the call path and the upstream code test `tracer` and go on as before. On, `enableTracing` loads
// ./tracing/otel.ts (the SDK and its OTLP/HTTP exporter, bundled but not evaluated until then) once at start.

import type { Tracer } from "./tracing/otel.js";

export type { TraceCarrier, Tracer } from "./tracing/otel.js";

/** The process's tracer; undefined while tracing is off. */
export let tracer: Tracer | undefined;

/**
 * Where spans go, from the standard variables (the per-signal one wins; the general one gets `/v1/traces`), or
 * undefined when tracing is off: no endpoint, OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none.
 */
export function tracesUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true" || env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === "none") return undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, "")}/v1/traces` : undefined;
}

/** Loads the SDK and turns tracing on for the process; a second call keeps the first tracer. */
export async function enableTracing(url: string, service: { name: string; version: string }): Promise<Tracer> {
  const { createTracer } = await import("./tracing/otel.js");
  return (tracer ??= createTracer({ url, service }));
}

/** Exports the spans still buffered and turns tracing off. */
export async function disableTracing(): Promise<void> {
  const current = tracer;
  tracer = undefined;
  await current?.shutdown();
}
