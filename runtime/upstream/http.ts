// Sends one upstream request over node:http(s) with keep-alive, a deadline, a body-size cap and redirects.
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { targetOfUrl, type UpstreamRequest } from "./request.js";

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
  /** The `Retry-After` header, as sent. */
  retryAfter?: string;
  /** How retries ended, for an error result. @example "after 3 attempts" */
  note?: string;
}

export interface SendOptions {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  /**
   * Origins besides the first request's that a redirect may lead to (the app's `redirect_origins`). A redirect
   * anywhere else is not followed: the call fails naming the target, and nothing is sent there.
   */
  redirectOrigins?: readonly string[];
}

/** Why no response came back; the message is safe for a client (no stack, no headers). */
export class UpstreamError extends Error {
  override name = "UpstreamError";
  constructor(readonly kind: "timeout" | "cancelled" | "network" | "redirect" | "body" | "unavailable", message: string) {
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
  const target = targetOfUrl(url);
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

/** `text` up to the first `separator`, all of it when there is none. */
function before(text: string, separator: string): string {
  const at = text.indexOf(separator);
  return at === -1 ? text : text.slice(0, at);
}

/** A zlib or brotli decoder's failure: the body does not decode as its content-encoding says. */
function undecodable(err: NodeJS.ErrnoException): boolean {
  return err.code?.startsWith("Z_") || err.code?.startsWith("ERR_BROTLI") || false;
}

/**
 * What went wrong on the wire, in words: refused, closed before the answer, or closed in the middle of the body
 * (`received` bytes of it read). Starts with `upstream request failed (CODE)`.
 */
function networkMessage(err: NodeJS.ErrnoException, target?: { origin: string }, received?: number): string {
  const code = err.code ? ` (${err.code})` : "";
  let what = err.message.split("\n")[0];
  if (undecodable(err)) what = `the body does not decode as its content-encoding says (${what})`;
  else if (err.code === "ECONNREFUSED" && target) what = `connection refused by ${target.origin}`;
  else if (received !== undefined) what = `the upstream closed the connection in the middle of the body, after ${received} bytes (${what})`;
  else if (err.code === "ECONNRESET" || err.code === "EPIPE") what = `the upstream closed the connection before answering (${what})`;
  return `upstream request failed${code}: ${what}`;
}

/**
 * A compressed body that inflates past INFLATE_FLOOR (and the cap) to more than INFLATE_RATIO times its
 * compressed size is a decompression bomb (gzip of zeros gives about 1000:1; JSON rarely more than 20:1):
 * decoding stops there and the call fails saying so.
 */
const INFLATE_RATIO = 100;
const INFLATE_FLOOR = 8 * 1024 * 1024;

/**
 * How long a call may be pending before it listens to its abort signal itself. Most answers from a nearby
 * upstream come sooner, and never pay for an abort listener (adding and removing one on the fresh signal of
 * each request costs more than the rest of `send`'s own work); a cancellation in that window is acted on when
 * the window ends, at most this much later. The signal is checked when the call starts, as before.
 */
const LISTEN_AFTER_MS = 5;

/** One pending call, linked in its `PendingCalls` list. */
interface PendingCall {
  /** `performance.now()` at which the call times out. */
  at: number;
  timeout: () => void;
  signal: AbortSignal | undefined;
  cancel: () => void;
  /** Its abort listener is on `signal`. */
  listening: boolean;
  /** False once removed (settled, timed out or cancelled). */
  queued: boolean;
  prev: PendingCall | undefined;
  next: PendingCall | undefined;
}

/**
 * The pending calls with one timeout length, in start order (so in deadline order), under one timer: a call
 * costs a link in a list, not a setTimeout and clearTimeout of its own, nor an abort listener when it ends
 * within LISTEN_AFTER_MS. The timer is due at the earliest deadline, or sooner while some call has been
 * pending without listening to its signal. It never holds the event loop open (nor ref and unref it per
 * call): while a call is pending, its socket, connection attempt or DNS lookup does.
 */
class PendingCalls {
  #head: PendingCall | undefined;
  #tail: PendingCall | undefined;
  /** The oldest call not listening to its signal yet; every later one is not either. */
  #unheard: PendingCall | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** When the timer is due (`performance.now()` time); Infinity without one. */
  #due = Infinity;

  constructor(private readonly ms: number) {}

  add(timeout: () => void, signal: AbortSignal | undefined, cancel: () => void): PendingCall {
    const now = performance.now();
    const call: PendingCall = { at: now + this.ms, timeout, signal, cancel, listening: false, queued: true, prev: this.#tail, next: undefined };
    if (this.#tail) this.#tail.next = call;
    else this.#head = call;
    this.#tail = call;
    if (signal && !this.#unheard) this.#unheard = call;
    this.#arm(now, signal ? Math.min(call.at, now + LISTEN_AFTER_MS) : call.at);
    return call;
  }

  remove(call: PendingCall): void {
    if (!call.queued) return;
    call.queued = false;
    if (call.listening) call.signal!.removeEventListener("abort", call.cancel);
    const { prev, next } = call;
    if (prev) prev.next = next;
    else this.#head = next;
    if (next) next.prev = prev;
    else this.#tail = prev;
    if (this.#unheard === call) this.#unheard = next;
    call.prev = call.next = undefined;
  }

  /** Makes the timer due at `at` at the latest. */
  #arm(now: number, at: number): void {
    if (at >= this.#due) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#fire, Math.max(1, Math.ceil(at - now))).unref();
    this.#due = at;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#due = Infinity;
    const now = performance.now();
    while (this.#head && this.#head.at <= now) {
      const due = this.#head;
      this.remove(due);
      due.timeout();
    }
    // Calls keep coming: tick again at the end of the next window, and the ones that come meanwhile need not
    // move the timer. Otherwise only the earliest deadline is left to wait for.
    const busy = this.#unheard !== undefined;
    // Every call still pending listens from now on; one whose signal fired meanwhile is cancelled now.
    for (let call = this.#unheard; call; ) {
      const next = call.next;
      if (call.signal?.aborted) {
        this.remove(call);
        call.cancel();
      } else if (call.signal) {
        call.signal.addEventListener("abort", call.cancel);
        call.listening = true;
      }
      call = next;
    }
    this.#unheard = undefined;
    if (this.#head) this.#arm(now, busy ? Math.min(this.#head.at, now + LISTEN_AFTER_MS) : this.#head.at);
  };
}

/** One list per timeout length (there is one in practice: `limits.timeoutMs`). */
const pending = new Map<number, PendingCalls>();

function pendingCalls(ms: number): PendingCalls {
  let list = pending.get(ms);
  if (!list) pending.set(ms, (list = new PendingCalls(ms)));
  return list;
}

/** Methods node:http sends without a body framing of their own (no `Transfer-Encoding: chunked` by default). */
const NO_DEFAULT_BODY = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

/**
 * The request's headers as node:http's flat `[name, value, …]` list, which it writes as given (still validating
 * each name and value) instead of setting them one by one into a header map first: the same bytes for less
 * work. The Host header goes last, as node:http adds it to a header object. Undefined when the list would not
 * be byte-for-byte what the object gives: a Host of the request's own (node:http then also takes its TLS
 * server name from it), or no body on a method node:http frames with a `Content-Length: 0` it adds at `end()`.
 */
function headerList(req: UpstreamRequest, headers: Record<string, string>): string[] | undefined {
  if (headers.host !== undefined || (req.body === undefined && !NO_DEFAULT_BODY.has(req.method))) return undefined;
  const list: string[] = [];
  for (const name in headers) list.push(name, headers[name]!);
  const { hostname, port, protocol } = req.target;
  // As node:http builds it from `host` and `port`: IPv6 in brackets, the port unless it is the default one.
  let host = hostname.indexOf(":") !== hostname.lastIndexOf(":") && hostname.charCodeAt(0) !== 91 ? `[${hostname}]` : hostname;
  if (port !== (protocol === "https:" ? 443 : 80)) host += `:${port}`;
  list.push("Host", host);
  return list;
}

const CANCELLED = "the call was cancelled before the upstream answered";

function refusedRedirect(status: number, origin: string): string {
  return `the upstream answered ${status} redirecting to ${origin}, another origin: not followed (nothing was sent there). ` +
    `If the API really moves calls there, add "${origin}" to this app's redirect_origins in gateway.yaml.`;
}

/** Sends `request`; resolves with the response (body capped), rejects with an UpstreamError. */
export function send(request: UpstreamRequest, opts: SendOptions): Promise<UpstreamResponse> {
  return new Promise<UpstreamResponse>((resolve, reject) => {
    let settled = false;
    let current: http.ClientRequest | undefined;
    let stream: Readable | undefined;
    const onAbort = (): void => fail(new UpstreamError("cancelled", CANCELLED));
    if (opts.signal?.aborted) return reject(new UpstreamError("cancelled", CANCELLED));
    const list = pendingCalls(opts.timeoutMs);
    /** Body bytes read so far, once the answer's head arrived: a timeout then says the body was still coming. */
    let bodyBytes: number | undefined;
    const timedOut = (): string => `upstream timed out after ${opts.timeoutMs} ms` +
      (bodyBytes === undefined ? "" : ` while the body was still arriving (${bodyBytes} bytes received; the deadline covers the whole body)`);
    const call = list.add(() => fail(new UpstreamError("timeout", timedOut())), opts.signal, onAbort);

    function cleanup(): void {
      settled = true;
      list.remove(call);
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
      let compressed = 0;
      // pipe() does not forward errors: a reset mid-body must fail the call, not wait for the deadline.
      if (decoder) {
        res.on("error", (err: NodeJS.ErrnoException) => fail(new UpstreamError("network", networkMessage(err, undefined, compressed))));
        res.on("data", (chunk: Buffer) => (compressed += chunk.length));
      }
      const declared = !decoder && res.headers["content-length"] ? Number(res.headers["content-length"]) : NaN;
      const chunks: Buffer[] = [];
      let kept = 0;
      let total = 0;
      const finish = (exact: boolean): void => {
        if (settled) return;
        cleanup();
        const contentType = res.headers["content-type"] ?? "";
        const retryAfter = res.headers["retry-after"];
        resolve({
          ...(retryAfter !== undefined && { retryAfter }),
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          mediaType: before(contentType, ";").trim().toLowerCase(),
          body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept),
          totalBytes: Number.isFinite(declared) && declared > total ? declared : total,
          totalExact: exact,
          url: req.target.origin + before(req.path, "?"),
        });
      };
      bodyBytes = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        bodyBytes = total;
        if (kept < opts.maxBytes) {
          const room = opts.maxBytes - kept;
          const piece = chunk.length <= room ? chunk : chunk.subarray(0, room);
          chunks.push(piece);
          kept += piece.length;
        }
        if (decoder && total > opts.maxBytes && total > INFLATE_FLOOR && total > INFLATE_RATIO * compressed) {
          const encoding = String(res.headers["content-encoding"]).trim().toLowerCase();
          fail(new UpstreamError("body", `the upstream sent a ${encoding}-compressed body that inflates past the response limit of ` +
            `${opts.maxBytes} bytes more than ${INFLATE_RATIO}-fold (${total} bytes from ${compressed}): decompression stopped, nothing returned`));
          return;
        }
        // Over the cap: stop early when the length is declared or counting gets absurd.
        if (total > opts.maxBytes && (Number.isFinite(declared) || total >= COUNT_LIMIT)) {
          finish(Number.isFinite(declared));
          stream?.destroy();
          res.destroy();
        }
      });
      stream.on("end", () => finish(true));
      stream.on("error", (err: NodeJS.ErrnoException) => {
        // A body that does not decode came whole from a healthy upstream: not a network failure to retry.
        fail(new UpstreamError(undecodable(err) ? "body" : "network", networkMessage(err, undefined, decoder ? compressed : total)));
      });
    }

    let retries = STALE_SOCKET_RETRIES;
    function attempt(req: UpstreamRequest, hops: number): void {
      const mod = req.target.protocol === "https:" ? https : http;
      let headers: Record<string, string> = req.headers;
      if (req.body !== undefined) headers = { ...headers, "content-length": String(Buffer.byteLength(req.body)) };
      let answered = false;
      const out = (current = mod.request(
        { host: req.target.hostname, port: req.target.port, path: req.path, method: req.method, headers: headerList(req, headers) ?? headers, agent: agents[req.target.protocol] },
        (res) => {
          answered = true;
          const location = res.headers.location;
          const status = res.statusCode ?? 0;
          const next = REDIRECTS.has(status) && location && hops < MAX_REDIRECTS ? redirected(req, status, location) : undefined;
          if (next && next.target.origin !== request.target.origin && !opts.redirectOrigins?.includes(next.target.origin)) {
            res.resume();
            fail(new UpstreamError("redirect", refusedRedirect(status, next.target.origin)));
            return;
          }
          if (next) {
            res.resume();
            attempt(next, hops + 1);
            return;
          }
          read(req, res);
        },
      ));
      current.on("error", (err: NodeJS.ErrnoException) => {
        // A kept-alive socket the upstream closed while we were sending: nothing reached it, so an idempotent
        // request is sent once more on a fresh socket, at once. Anything else fails the call (retry.ts may try
        // again, after a backoff).
        if (!answered && !settled && retries > 0 && out.reusedSocket && IDEMPOTENT.has(req.method) && STALE_SOCKET.has(err.code ?? "")) {
          retries--;
          attempt(req, hops);
          return;
        }
        fail(new UpstreamError("network", networkMessage(err, req.target, answered ? 0 : undefined)));
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
