// A loopback OTLP/HTTP collector: records every JSON export request POSTed to /v1/traces and flattens their spans.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One exported span, attributes as plain values. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, string | number | boolean>;
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  status: number;
  /** The `service.name` of its resource. */
  service: string;
}

export interface Collector {
  /** Set as OTEL_EXPORTER_OTLP_ENDPOINT. @example "http://127.0.0.1:41234" */
  url: string;
  /** Every POST received, whatever its path. */
  posts: { path: string; contentType: string | undefined; body: string }[];
  spans(): CollectedSpan[];
  /** Resolves once `count` spans arrived; rejects after `timeoutMs`. */
  waitForSpans(count: number, timeoutMs?: number): Promise<CollectedSpan[]>;
  close(): Promise<void>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}

function plain(value: OtlpValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return value.boolValue ?? "";
}

function attributesOf(list: OtlpAttribute[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map((a) => [a.key, plain(a.value)]));
}

export async function startCollector(): Promise<Collector> {
  const posts: Collector["posts"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "POST") posts.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const spans = (): CollectedSpan[] =>
    posts
      .filter((p) => p.path === "/v1/traces")
      .flatMap((p) => {
        const request = JSON.parse(p.body) as {
          resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: (Omit<CollectedSpan, "attributes" | "status" | "service"> & { attributes: OtlpAttribute[]; status?: { code?: number } })[] }[] }[];
        };
        return request.resourceSpans.flatMap((rs) => {
          const service = String(attributesOf(rs.resource.attributes)["service.name"]);
          return rs.scopeSpans.flatMap((ss) =>
            ss.spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId && { parentSpanId: s.parentSpanId }),
              name: s.name,
              kind: s.kind,
              attributes: attributesOf(s.attributes),
              status: s.status?.code ?? 0,
              service,
            })),
          );
        });
      });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    spans,
    async waitForSpans(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (spans().length < count) {
        if (Date.now() > until) throw new Error(`the collector got ${spans().length} spans, not ${count}, within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return spans();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
