// Sends one upstream request over node:http(s) with keep-alive, a deadline, a body-size cap and redirects.
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import type { Target, UpstreamRequest } from "./request.js";

/** The upstream's answer, with the body cut at the cap. */
export interface UpstreamResponse {
  status: number;
  statusText: string;
  /** Lower-cased media type without parameters; "" when absent. @example "application/json" */
  mediaType: string;
  /** At most `maxBytes` bytes of the (decoded) body. */
  body: Buffer;
  /** The body's full length in bytes, when known; at least `body.length`. */
  totalBytes: number;
  /** False when the body was so large we stopped counting: `totalBytes` is then a lower bound. */
  totalExact: boolean;
  /** The final URL without its query string (which may hold an api key). */
  url: string;
}

export interface SendOptions {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

/** Why no response came back; the message is safe for a client (no stack, no headers). */
export class UpstreamError extends Error {
  override name = "UpstreamError";
  constructor(readonly kind: "timeout" | "cancelled" | "network", message: string) {
    super(message);
  }
}

// Not Node's fetch (undici): it costs more per call than node:http with a keep-alive agent (web Request,
// Response and streams around every call), and it would resolve `%2E%2E` in a path as `..`; node:http sends
// the path exactly as built.
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

const MAX_REDIRECTS = 5;
/** Methods safe to send twice (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
/** How a request on a socket the upstream had just closed fails. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE"]);
const STALE_SOCKET_RETRIES = 1;
/** Past the cap we only count bytes, and stop counting here. */
const COUNT_LIMIT = 64 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers kept when a redirect leaves the origin: credentials never follow. */
const CROSS_ORIGIN_SAFE = new Set(["accept", "accept-encoding", "user-agent", "content-type"]);

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/** The request to send after a redirect, or undefined when it should not be followed. */
function redirected(req: UpstreamRequest, status: number, location: string): UpstreamRequest | undefined {
  let url: URL;
  try {
    url = new URL(location, req.target.origin + req.path);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const protocol = url.protocol;
  const target: Target = {
    protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : protocol === "https:" ? 443 : 80,
    basePath: "",
    origin: url.origin,
  };
  let headers = req.headers;
  if (url.origin !== req.target.origin) {
    headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (CROSS_ORIGIN_SAFE.has(k)) headers[k] = v;
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && req.method === "POST");
  if (toGet) {
    if (headers === req.headers) headers = { ...headers };
    delete headers["content-type"];
    return { method: req.method === "HEAD" ? "HEAD" : "GET", target, path: url.pathname + url.search, headers };
  }
  return { ...req, target, path: url.pathname + url.search, headers };
}

function networkMessage(err: NodeJS.ErrnoException): string {
  const code = err.code ? ` (${err.code})` : "";
  return `upstream request failed${code}: ${err.message.split("\n")[0]}`;
}

/** Sends `request`; resolves with the response (body capped), rejects with an UpstreamError. */
export function send(request: UpstreamRequest, opts: SendOptions): Promise<UpstreamResponse> {
  return new Promise<UpstreamResponse>((resolve, reject) => {
    let settled = false;
    let current: http.ClientRequest | undefined;
    let stream: Readable | undefined;
    const timer = setTimeout(() => fail(new UpstreamError("timeout", `upstream timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const onAbort = (): void => fail(new UpstreamError("cancelled", "the call was cancelled before the upstream answered"));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });

    function cleanup(): void {
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
    }
    function fail(err: UpstreamError): void {
      if (settled) return;
      cleanup();
      stream?.destroy();
      current?.destroy();
      reject(err);
    }

    function read(req: UpstreamRequest, res: http.IncomingMessage): void {
      const decoder = decoderFor(res.headers["content-encoding"]);
      stream = decoder ? res.pipe(decoder) : res;
      // pipe() does not forward errors: a reset mid-body must fail the call, not wait for the deadline.
      if (decoder) res.on("error", (err: NodeJS.ErrnoException) => fail(new UpstreamError("network", networkMessage(err))));
      const declared = !decoder && res.headers["content-length"] ? Number(res.headers["content-length"]) : NaN;
      const chunks: Buffer[] = [];
      let kept = 0;
      let total = 0;
      const finish = (exact: boolean): void => {
        if (settled) return;
        cleanup();
        const contentType = res.headers["content-type"] ?? "";
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          mediaType: contentType.split(";")[0].trim().toLowerCase(),
          body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept),
          totalBytes: Number.isFinite(declared) && declared > total ? declared : total,
          totalExact: exact,
          url: req.target.origin + req.path.split("?")[0],
        });
      };
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (kept < opts.maxBytes) {
          const room = opts.maxBytes - kept;
          const piece = chunk.length <= room ? chunk : chunk.subarray(0, room);
          chunks.push(piece);
          kept += piece.length;
        }
        // Over the cap: stop early when the length is declared or counting gets absurd.
        if (total > opts.maxBytes && (Number.isFinite(declared) || total >= COUNT_LIMIT)) {
          finish(Number.isFinite(declared));
          stream?.destroy();
          res.destroy();
        }
      });
      stream.on("end", () => finish(true));
      stream.on("error", (err: NodeJS.ErrnoException) => fail(new UpstreamError("network", networkMessage(err))));
    }

    let retries = STALE_SOCKET_RETRIES;
    function attempt(req: UpstreamRequest, hops: number): void {
      const mod = req.target.protocol === "https:" ? https : http;
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
      let answered = false;
      current = mod.request(
        { host: req.target.hostname, port: req.target.port, path: req.path, method: req.method, headers, agent: agents[req.target.protocol] },
        (res) => {
          answered = true;
          const location = res.headers.location;
          const status = res.statusCode ?? 0;
          const next = REDIRECTS.has(status) && location && hops < MAX_REDIRECTS ? redirected(req, status, location) : undefined;
          if (next) {
            res.resume();
            attempt(next, hops + 1);
            return;
          }
          read(req, res);
        },
      );
      current.on("error", (err: NodeJS.ErrnoException) => {
        // A kept-alive socket the upstream closed while we were sending: nothing reached it, so an idempotent
        // request is sent once more on a fresh socket. Anything else fails the call.
        if (!answered && !settled && retries > 0 && IDEMPOTENT.has(req.method) && STALE_SOCKET.has(err.code ?? "")) {
          retries--;
          attempt(req, hops);
          return;
        }
        fail(new UpstreamError("network", networkMessage(err)));
      });
      current.end(req.body);
    }

    try {
      attempt(request, 0);
    } catch (err) {
      // node:http throws synchronously on an invalid header or path.
      fail(new UpstreamError("network", networkMessage(err as NodeJS.ErrnoException)));
    }
  });
}
