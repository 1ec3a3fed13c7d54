// Small HTTP helpers for the Streamable HTTP endpoint: Origin/Host checks, JSON errors, bounded body reads.

import type { IncomingMessage, ServerResponse } from "node:http";
import { isLoopbackHost } from "../shared/loopback.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./jsonrpc.js";

/** gateway.yaml's `server.max_body_bytes` default. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** The hostname part of a Host header value (`[::1]:3000` → `[::1]`, `a:80` → `a`). */
function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1);
  const colon = hostHeader.lastIndexOf(":");
  return colon === -1 ? hostHeader : hostHeader.slice(0, colon);
}

export interface OriginPolicy {
  /** The server listens on a loopback address: then Host must be a loopback name too (DNS rebinding). */
  loopbackBind: boolean;
  /** Exact origins (`scheme://host[:port]`) allowed besides loopback and same-host ones. */
  allowedOrigins: readonly string[];
}

/**
 * DNS rebinding protection. Returns why the request is refused, or undefined when it may proceed.
 * A loopback-bound server accepts only loopback Host names (or hosts of `allowedOrigins`, for a local
 * reverse proxy that keeps the public Host); an Origin must be loopback, the request's own host, or listed.
 */
export function checkOrigin(req: IncomingMessage, policy: OriginPolicy): string | undefined {
  const host = req.headers.host ?? "";
  if (policy.loopbackBind && !isLoopbackHost(hostnameOf(host)) && !policy.allowedOrigins.some((o) => sameHost(o, host))) {
    return `Host "${host}" is not a loopback name; this server only answers local requests (DNS rebinding protection)`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `Origin "${origin}" is not a valid origin`;
  }
  if (isLoopbackHost(url.hostname)) return undefined;
  if (url.host === host.toLowerCase()) return undefined;
  if (policy.allowedOrigins.includes(url.origin)) return undefined;
  return `Origin "${origin}" is not allowed; add it to server.allowedOrigins in gateway.yaml if it should be`;
}

function sameHost(origin: string, hostHeader: string): boolean {
  try {
    return new URL(origin).host === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}

/** Ends the response with a JSON-RPC error body (`id: null`), as the SDK transport does. */
export function sendJsonError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}, id: string | number | null = null): void {
  const body = JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Ends the response with a plain JSON body. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; code: number; message: string; headers?: Record<string, string> };

/**
 * Reads and parses a JSON body of at most `maxBytes`. A larger one (by its Content-Length, or once that many
 * bytes arrived) is refused with 413 and read no further: the answer closes the connection, so the rest of the
 * body is never read.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<BodyResult> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    return { ok: false, status: 415, code: -32000, message: "Unsupported Media Type: Content-Type must be application/json" };
  }
  const tooLarge: BodyResult = {
    ok: false,
    status: 413,
    code: -32600,
    message: `Payload Too Large: the request body exceeds this server's limit of ${maxBytes} bytes (server.max_body_bytes)`,
    headers: { connection: "close" },
  };
  if (Number(req.headers["content-length"]) > maxBytes) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return tooLarge;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (nestsDeeperThan(text)) return { ok: false, status: 400, code: -32600, message: `Invalid Request: the body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, code: -32700, message: "Parse error: Invalid JSON" };
  }
}

/** True when the body is a single JSON-RPC `initialize` request. */
export function isInitialize(body: unknown): boolean {
  const one = Array.isArray(body) && body.length === 1 ? body[0] : body;
  return typeof one === "object" && one !== null && (one as { method?: unknown }).method === "initialize";
}

/** A POST's Accept names both media types its answer may take, as every POST must (2025-06-18 and later). */
export function acceptsJsonAndSse(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return accept.includes("application/json") && accept.includes("text/event-stream");
}

/** The id of a JSON-RPC request body, so an error about it can answer it; null otherwise. */
export function requestIdOf(body: unknown): string | number | null {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? id : null;
}
