// The OpenTelemetry side of tracing.ts, imported only when tracing is on: spans of an inbound HTTP request, of a
// tools/call and of each upstream attempt, exported over OTLP/HTTP (JSON) in batches. Spans carry what a call IS
// (MCP method, tool, app, HTTP method and route template, status, outcome, attempt), never argument values,
// URLs with their values filled in, or headers.
//
// No global OpenTelemetry state is set (no global tracer provider, no context manager): the parent of each span
// travels in an AsyncLocalStorage of this module, so the gateway's spans cannot mix with those of code that
// embeds it, and nothing changes for a process that never turns tracing on.

import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, defaultTextMapSetter, trace, type Attributes, type Context, type Span } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { CallToolResult } from "@modelcontextprotocol/server";
import { outcomeOf, type CallReport } from "../audit/audit-log.js";
import type { Tool } from "../contract.js";
import type { UpstreamResponse } from "../upstream/http.js";

/** Where a client put W3C trace context: a request's `_meta` (SEP-414), read for `traceparent` and `tracestate`. */
export type TraceCarrier = Readonly<Record<string, unknown>>;

export interface Tracer {
  /**
   * Runs `handle` for one inbound HTTP request inside a server span (parent: its `traceparent` header), ended
   * when the response is; named by its path when that is one of `routes`, else by its method alone.
   */
  httpRequest(req: IncomingMessage, res: ServerResponse, routes: ReadonlySet<string>, handle: () => Promise<void>): Promise<void>;
  /**
   * Runs one tools/call inside its span: a child of `carrier` (the request's `_meta`) when that holds a
   * traceparent, else of the inbound HTTP request's span; a server span of its own on stdio. `report` is read
   * when the call is over (outcome, upstream status).
   */
  toolCall(tool: Tool, carrier: TraceCarrier | undefined, report: CallReport, run: () => Promise<CallToolResult>): Promise<CallToolResult>;
  /** One upstream attempt in a client span; `send` gets the headers that carry that span's context upstream. */
  upstreamAttempt(tool: Tool, send: (headers: Record<string, string>) => Promise<UpstreamResponse>): Promise<UpstreamResponse>;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

export interface TracerOptions {
  /** Where spans are POSTed (the full traces URL). */
  url: string;
  /** `service.name` and `service.version` unless OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES say otherwise. */
  service: { name: string; version: string };
}

/** The span a request's work hangs under, and how many upstream attempts its call has made so far. */
interface Scope {
  context: Context;
  attempts: number;
}

const propagator = new W3CTraceContextPropagator();

export function createTracer(options: TracerOptions): Tracer {
  const resource = resourceFromAttributes({ "service.name": options.service.name, "service.version": options.service.version }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.url }))] });
  const tracer = provider.getTracer("mcp-gateway", options.service.version);
  const scopes = new AsyncLocalStorage<Scope>();

  return {
    httpRequest(req, res, routes, handle) {
      const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      const query = url.indexOf("?");
      const path = query < 0 ? url : url.slice(0, query);
      const route = routes.has(path) ? path : undefined;
      const attributes: Attributes = { "http.request.method": method, "network.transport": "tcp" };
      if (route) attributes["http.route"] = route;
      const span = tracer.startSpan(route ? `${method} ${route}` : method, { kind: SpanKind.SERVER, attributes }, parent);
      res.once("close", () => {
        span.setAttribute("http.response.status_code", res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        if (!res.writableFinished) span.setAttribute("error.type", "aborted");
        span.end();
      });
      return scopes.run({ context: trace.setSpan(parent, span), attempts: 0 }, handle);
    },

    async toolCall(tool, carrier, report, run) {
      const inbound = scopes.getStore();
      const fromMeta = carrier && propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
      // A malformed `_meta.traceparent` is ignored as a malformed header would be.
      const parent = (fromMeta && trace.getSpanContext(fromMeta) ? fromMeta : inbound?.context) ?? ROOT_CONTEXT;
      const attributes: Attributes = { "mcp.method.name": "tools/call", "gen_ai.tool.name": tool.name, "gen_ai.operation.name": "execute_tool", "gateway.app": tool.app };
      // Without an inbound HTTP span (stdio) this span is where the request enters the gateway.
      const span = tracer.startSpan(`tools/call ${tool.name}`, { kind: inbound ? SpanKind.INTERNAL : SpanKind.SERVER, attributes }, parent);
      const scope: Scope = { context: trace.setSpan(parent, span), attempts: 0 };
      try {
        const result = await scopes.run(scope, run);
        const outcome = outcomeOf(report, result);
        span.setAttribute("gateway.outcome", outcome);
        if (report.status !== undefined) span.setAttribute("http.response.status_code", report.status);
        if (scope.attempts > 1) span.setAttribute("gateway.upstream.retries", scope.attempts - 1);
        if (outcome !== "ok") {
          span.setAttribute("error.type", outcome);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        return result;
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },

    async upstreamAttempt(tool, send) {
      const scope = scopes.getStore();
      const resend = scope ? scope.attempts++ : 0;
      const request = tool.request;
      const attributes: Attributes = request.kind === "http"
        ? { "http.request.method": request.method, "url.template": request.path }
        : { "http.request.method": "POST", "graphql.operation.type": request.operation, "graphql.operation.name": request.operationName };
      attributes["gateway.app"] = tool.app;
      if (resend > 0) attributes["http.request.resend_count"] = resend;
      const name = request.kind === "http" ? `${request.method} ${request.path}` : `${request.operation} ${request.operationName}`;
      const parent = scope?.context ?? ROOT_CONTEXT;
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(parent, span), headers, defaultTextMapSetter);
      try {
        const response = await send(headers);
        span.setAttribute("http.response.status_code", response.status);
        if (response.status >= 400) {
          span.setAttribute("error.type", String(response.status));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        return response;
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },

    shutdown: () => provider.shutdown(),
  };
}

/** A thrown failure: its kind (an UpstreamError's `timeout`, `network`…) or class name; never its message, which may quote a value. */
function failed(span: Span, error: unknown): void {
  const kind = (error as { kind?: unknown } | null)?.kind;
  span.setAttribute("error.type", typeof kind === "string" ? kind : error instanceof Error ? error.name : "unknown");
  span.setStatus({ code: SpanStatusCode.ERROR });
}
