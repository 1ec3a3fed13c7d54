// Streamable HTTP on node:http: routing, Origin/auth checks and /healthz for both protocol eras, then either our
// session transport (2025-11-25: initialize, Mcp-Session-Id) or the stateless path (2026-07-28: modern/http.ts).

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resourceMetadata, resourceMetadataUrlOf, wwwAuthenticate, type AuthOutcome, type Authenticator } from "../auth/authenticate.js";
import { ANONYMOUS, type Caller } from "../auth/caller.js";
import type { Connection } from "../context.js";
import { createModernHttp, isModernRequest, type ModernHttp } from "../modern/http.js";
import type { ServerContext } from "../server.js";
import { MemorySessionStore } from "../session/memory.js";
import { parseApps, parseDialect, parseMode } from "../session/params.js";
import { StoreUnavailableError, type Mode, type SessionStore } from "../session/store.js";
import { isLoopbackHost } from "../shared/loopback.js";
import { checkOrigin, isInitialize, readJsonBody, requestIdOf, sendJson, sendJsonError } from "./http-guard.js";
import { auditCalls, refuseByGrant } from "./http-grant.js";
import { HttpSessions, type SessionLimits } from "./http-sessions.js";
import type { RateLimiter } from "../limits/rate-limit.js";
import { metrics, type MetricsRegistry } from "../metrics.js";
import { withRequestId, type Logger } from "../log.js";
import { tracer } from "../tracing.js";

export interface HttpOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The MCP endpoint. @example "/mcp" */
  path: string;
  allowedOrigins: readonly string[];
  sessions: SessionLimits;
  /** Mode for sessions that do not send `?mode=`. */
  defaultMode: Mode;
  /** Apps this server offers (from `--apps`, else every app), sorted; `?apps=` must name a subset. */
  apps: readonly string[];
  /** Apps of a session without `?apps=`: `null` (every app) unless `--apps` narrowed the server. */
  defaultApps: string[] | null;
  /** Tools served, for /healthz. */
  toolCount: number;
  /** Schema dialects `?dialect=` may name besides "portable"; absent: none. */
  dialects?: readonly string[];
  /**
   * Inbound auth (static tokens and/or OAuth); absent means no auth (and then only loopback binds are allowed,
   * checked by main) and every request's caller is ANONYMOUS.
   */
  auth?: {
    authenticate: Authenticator;
    /** The authorization server listed in the RFC 9728 metadata; absent with static tokens only. */
    issuer?: string;
    /** `scopes_supported` of the RFC 9728 metadata. */
    scopesSupported: readonly string[];
  };
  /** Exact URL of the MCP endpoint as clients reach it. Absent: `url` of the listener. */
  publicUrl?: string;
  /** Where session state lives; shared by every replica behind one load balancer. Default: memory. */
  store?: SessionStore;
  /** Named by /readyz. @default "memory" */
  storeKind?: "memory" | "redis";
  /** Largest request body; larger ones get 413. @default 1 MiB */
  maxBodyBytes?: number;
  /** Per-caller rate limit, keyed by the caller's subject; absent: none. */
  rateLimiter?: RateLimiter;
  /** Prometheus metrics at `path` (behind `auth` when set); absent: none. */
  metrics?: { path: string; registry: MetricsRegistry };
}

export interface HttpGateway {
  /** @example "http://127.0.0.1:3000/mcp" */
  url: string;
  port: number;
  sessions: HttpSessions;
  /** Stops accepting, waits up to `drainMs` (default 10 s) for requests in flight, then closes everything. */
  close(drainMs?: number): Promise<void>;
}

/** Listens and serves until `close()`. Rejects if the port cannot be bound. */
export async function startHttp(ctx: ServerContext, options: HttpOptions): Promise<HttpGateway> {
  const sessions = new HttpSessions(ctx, options.store ?? new MemorySessionStore(), options.sessions);
  const unwatchSessions = options.metrics?.registry.watchSessions(() => sessions.count);
  const policy = { loopbackBind: isLoopbackHost(options.host), allowedOrigins: options.allowedOrigins };
  const modern = createModernHttp(ctx, (url) => connectionOf(url, options));
  // The public URL defaults to the listener's, known once the port is bound (before the first request).
  const site: Site = siteOf(options.publicUrl ?? "");
  const route = createRouter(ctx, options, sessions, modern, policy, site);
  // What a span may name a request by: its path when it is one of these, never a path a client made up.
  const routes = new Set([options.path, `${options.path.replace(/\/$/, "")}/sessions`, "/healthz", "/readyz", ...(options.metrics ? [options.metrics.path] : [])]);
  // Requests being answered, GET streams aside (they last until the client or the session ends): what a drain waits for.
  const drain = { inflight: 0, draining: false, idle: () => {} };
  const server = createServer((req, res) => {
    if (drain.draining) res.setHeader("connection", "close");
    const requestId = inboundRequestId(req);
    res.setHeader("x-request-id", requestId);
    if (req.method !== "GET") {
      drain.inflight++;
      res.once("close", () => {
        if (--drain.inflight === 0) drain.idle();
      });
    }
    const handled = tracer ? tracer.httpRequest(req, res, routes, () => withRequestId(requestId, () => route(req, res))) : withRequestId(requestId, () => route(req, res));
    handled.catch((error: unknown) => {
      if (error instanceof StoreUnavailableError) return storeUnavailable(ctx, res, error);
      // A refused ?access_token= must not reach the log either.
      ctx.log.error("request failed", { method: req.method, url: req.url?.replace(/([?&]access_token=)[^&]*/gi, "$1[redacted]"), error });
      if (!res.headersSent) sendJsonError(res, 500, -32603, "Internal error");
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  sessions.startSweep();
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  if (!site.publicUrl) Object.assign(site, siteOf(`http://${shownHost}:${port}${options.path}`));
  return {
    url: `http://${shownHost}:${port}${options.path}`,
    port,
    sessions,
    /**
     * Drains: stops accepting connections, lets the requests in flight finish (up to `drainMs`; keep-alive
     * connections are told to close), then closes the sessions here (their GET streams end; their state stays in
     * the store for other replicas) and every connection.
     */
    async close(drainMs = 10_000) {
      drain.draining = true;
      server.close();
      server.closeIdleConnections();
      if (drain.inflight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          drain.idle = resolve;
          timer = setTimeout(resolve, drainMs);
        });
        clearTimeout(timer);
      }
      await Promise.all([sessions.close(), modern.close()]);
      unwatchSessions?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

/** A sane inbound `x-request-id` (a proxy's) is kept; anything else gets a fresh UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

function inboundRequestId(req: IncomingMessage): string {
  const inbound = req.headers["x-request-id"];
  return typeof inbound === "string" && REQUEST_ID.test(inbound) ? inbound : crypto.randomUUID();
}

/** Chat ids are opaque client strings; bounded so one cannot bloat the store. */
const CHAT_ID = /^[\x21-\x7e]{1,200}$/;

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** What the router knows of how clients reach it. */
interface Site {
  /** Exact URL of the MCP endpoint: the RFC 9728 `resource` and the default OAuth audience. */
  publicUrl: string;
  /** Where its RFC 9728 metadata is served, for every challenge; derived once, not per request. */
  resourceMetadataUrl: string;
}

function siteOf(publicUrl: string): Site {
  return { publicUrl, resourceMetadataUrl: publicUrl ? resourceMetadataUrlOf(publicUrl) : "" };
}

function createRouter(ctx: ServerContext, options: HttpOptions, sessions: HttpSessions, modern: ModernHttp, policy: Parameters<typeof checkOrigin>[1], site: Site): Route {
  const sessionsPath = `${options.path.replace(/\/$/, "")}/sessions`;
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      return sendJson(res, 200, { status: "ok", tools: options.toolCount });
    }
    if (url.pathname === "/readyz" && (req.method === "GET" || req.method === "HEAD")) return readiness(res, sessions.store, options.storeKind ?? "memory");
    if (options.auth && isResourceMetadataPath(url.pathname, options.path, site.publicUrl)) {
      return sendResourceMetadata(req, res, options.auth, site.publicUrl);
    }
    if (options.metrics && url.pathname === options.metrics.path && url.pathname !== options.path) return sendMetrics(ctx, req, res, url, options, site);
    if (url.pathname !== options.path && url.pathname !== sessionsPath) {
      return sendJsonError(res, 404, -32000, `Not found: the MCP endpoint is ${options.path}`);
    }
    const refused = checkOrigin(req, policy);
    if (refused) return sendJsonError(res, 403, -32000, `Forbidden: ${refused}`);
    if (req.headers.origin !== undefined) {
      // The Origin passed the check above, so browsers on it may read responses (CORS).
      res.setHeader("access-control-allow-origin", req.headers.origin);
      res.setHeader("access-control-expose-headers", "mcp-session-id, mcp-protocol-version, www-authenticate, retry-after, x-request-id");
      res.setHeader("vary", "origin");
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-methods": "GET, POST, DELETE",
          "access-control-allow-headers": "authorization, content-type, accept, last-event-id, mcp-session-id, mcp-protocol-version, mcp-method, mcp-name, x-chat-id",
          "access-control-max-age": "600",
        });
        return void res.end();
      }
    }
    let caller: Caller = ANONYMOUS;
    if (options.auth) {
      const auth = await options.auth.authenticate(req.headers.authorization, url, site.publicUrl);
      if (!auth.ok) return sendUnauthorized(ctx.log, res, auth, site.resourceMetadataUrl);
      caller = auth.caller;
    }
    const limited = await options.rateLimiter?.take(caller.subject, Date.now());
    if (limited && !limited.ok) {
      if (ctx.refused && req.method === "POST") await auditRateLimited(req, ctx, options, sessions, caller);
      return tooManyRequests(res, limited.retryAfterMs);
    }
    if (url.pathname === sessionsPath) return listSessions(req, res, sessions, caller);

    const sessionId = header(req, "mcp-session-id");
    if (sessionId !== undefined) {
      // Live here or rebuilt from the store (any replica serves any session). A session of another caller is
      // reported as missing, so ids cannot be probed across tokens.
      const live = await sessions.resolve(sessionId, caller);
      if (!live) {
        return sendJsonError(res, 404, -32001, "Session not found: it expired or was ended; initialize a new one");
      }
      const body = req.method === "POST" ? await readJsonBody(req, options.maxBodyBytes) : undefined;
      if (body && !body.ok) return sendJsonError(res, body.status, body.code, body.message, body.headers);
      const grant = { catalog: ctx.catalog, caller, body: body?.value, apps: live.session.apps, resourceMetadataUrl: site.resourceMetadataUrl, refused: ctx.refused, session: sessionId };
      if (refuseByGrant(res, grant)) return;
      return live.transport.handleRequest(req, res, caller, body?.value);
    }
    if (req.method === "GET") return sendJsonError(res, 405, -32000, "Method not allowed: GET needs an Mcp-Session-Id; initialize with POST first", { allow: "POST" });
    if (req.method === "DELETE") return sendJsonError(res, 400, -32000, "Bad Request: Mcp-Session-Id header is required");
    if (req.method !== "POST") return sendJsonError(res, 405, -32000, "Method not allowed", { allow: "GET, POST, DELETE" });

    const body = await readJsonBody(req, options.maxBodyBytes);
    if (!body.ok) return sendJsonError(res, body.status, body.code, body.message, body.headers);
    const grant = { catalog: ctx.catalog, caller, body: body.value, apps: options.defaultApps, url, resourceMetadataUrl: site.resourceMetadataUrl, refused: ctx.refused };
    if (refuseByGrant(res, grant)) return;
    const params = parseParams(url, options);
    if (!params.ok) return sendJsonError(res, 400, -32602, params.message, {}, requestIdOf(body.value));
    // The connection the router read off the URL, not read again for the call.
    const fast = modern.serveFast(req, res, body.value, caller, connectionFrom(params, options));
    if (fast) return fast;
    if (isModernRequest(req, body.value)) return modern.serve(req, res, body.value, caller);
    if (!isInitialize(body.value)) return sendJsonError(res, 400, -32000, "Bad Request: Mcp-Session-Id header is required (send initialize first)");
    return initialize(ctx, options, sessions, req, res, url, body.value, caller, params);
  };
}

async function initialize(
  ctx: ServerContext,
  options: HttpOptions,
  sessions: HttpSessions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: unknown,
  caller: Caller,
  { mode, apps, dialect }: Asked,
): Promise<void> {
  // `?chat=` is for clients that cannot set headers (the Inspector CLI, URL-only connectors); the header wins.
  const chatId = header(req, "x-chat-id") ?? (url.searchParams.get("chat") || undefined);
  if (chatId !== undefined && !CHAT_ID.test(chatId)) {
    return sendJsonError(res, 400, -32602, "x-chat-id (or ?chat=): must be 1-200 printable ASCII characters, e.g. a UUID");
  }
  if (sessions.full) {
    ctx.log.warn("session cap reached", { maxSessions: options.sessions.maxSessions });
    return sendJsonError(res, 503, -32000, `Service Unavailable: the gateway already holds its maximum of ${options.sessions.maxSessions} sessions; retry later or end unused sessions with DELETE`, { "retry-after": "5" });
  }
  const live = await sessions.open({
    ...(mode && { mode }),
    ...(apps && { apps }),
    defaultMode: options.defaultMode,
    defaultApps: options.defaultApps,
    caller,
    ...(chatId !== undefined && { chatId }),
    // Asked for by the URL, else matched by the client's name; neither: a resumed chat's, else portable.
    ...resolvedDialect(dialect, ctx.dialects?.forClient(clientNameOf(body)) ?? null),
  });
  try {
    await live.server.connect(live.transport);
    await live.transport.handleRequest(req, res, caller, body);
  } finally {
    live.settle();
  }
}

/** The dialect a new session is opened with; absent when neither the URL nor the client's name chose one. */
function resolvedDialect(asked: string | null | undefined, matched: string | null): { dialect?: string | null } {
  if (asked !== undefined) return { dialect: asked };
  return matched !== null ? { dialect: matched } : {};
}

/**
 * The store cannot be reached: 503 with Retry-After while nothing was sent; once a stream has started, the
 * response ends (a JSON-RPC error for the request was sent by the SDK where it could be).
 */
function storeUnavailable(ctx: ServerContext, res: ServerResponse, error: StoreUnavailableError): void {
  ctx.log.debug("request refused: session store unavailable", { error: error.message });
  metrics.storeError();
  if (res.headersSent) return void res.end();
  const seconds = String(error.retryAfterS);
  sendJsonError(res, 503, -32000, `Service Unavailable: the session store cannot be reached; retry after ${seconds} s`, { "retry-after": seconds });
}

/** `GET /readyz`: 200 when the session store answers, else 503 (a load balancer then sends no new sessions here). */
async function readiness(res: ServerResponse, store: SessionStore, kind: string): Promise<void> {
  try {
    await store.ping();
    sendJson(res, 200, { status: "ok", store: kind });
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    metrics.storeError();
    res.setHeader("retry-after", String(error.retryAfterS));
    sendJson(res, 503, { status: "unavailable", store: kind });
  }
}

/** `GET /metrics`: the Prometheus text format; it names apps and tools, so it asks for the same auth as the MCP endpoint. */
async function sendMetrics(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, options: HttpOptions, site: Site): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return sendJsonError(res, 405, -32000, "Method not allowed", { allow: "GET" });
  if (options.auth) {
    const auth = await options.auth.authenticate(req.headers.authorization, url, site.publicUrl);
    if (!auth.ok) return sendUnauthorized(ctx.log, res, auth, site.resourceMetadataUrl);
  }
  const text = await options.metrics!.registry.render();
  res.writeHead(200, { "content-type": options.metrics!.registry.contentType, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : text);
}

/** `GET <path>/sessions`: `{ chatId: sessionId }` of the calling credential's open sessions, nobody else's. */
async function listSessions(req: IncomingMessage, res: ServerResponse, sessions: HttpSessions, caller: Caller): Promise<void> {
  if (req.method !== "GET") return sendJsonError(res, 405, -32000, "Method not allowed", { allow: "GET" });
  sendJson(res, 200, await sessions.chatsOf(caller.subject));
}

/**
 * The audit line of a rate-limited tool call: the body is read (within max_body_bytes) only to name the tool, and
 * only when an audit log is kept; the session only when it is the caller's own.
 */
async function auditRateLimited(req: IncomingMessage, ctx: ServerContext, options: HttpOptions, sessions: HttpSessions, caller: Caller): Promise<void> {
  const body = await readJsonBody(req, options.maxBodyBytes);
  if (!body.ok) return;
  const id = header(req, "mcp-session-id");
  const session = id !== undefined && sessions.get(id)?.session.owner === caller.subject ? id : undefined;
  auditCalls({ catalog: ctx.catalog, caller, refused: ctx.refused, ...(session && { session }) }, body.value, "rate_limited");
}

/** 429 with Retry-After in whole seconds (at least 1), as RFC 9110 §10.2.3 wants it. */
function tooManyRequests(res: ServerResponse, retryAfterMs: number): void {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  sendJsonError(res, 429, -32000, `Too Many Requests: this caller's rate limit (server.rate_limit) is used up; retry after ${seconds} s`, { "retry-after": String(seconds) });
}

const RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

/** The RFC 9728 metadata paths: the bare one, and the path-suffixed ones for the endpoint's path (listener and public). */
function isResourceMetadataPath(pathname: string, path: string, publicUrl: string): boolean {
  if (!pathname.startsWith(RESOURCE_METADATA)) return false;
  const suffix = pathname.slice(RESOURCE_METADATA.length);
  return suffix === "" || suffix === path || suffix === new URL(publicUrl).pathname;
}

/** `GET /.well-known/oauth-protected-resource[/mcp]`: public, no auth, readable from any origin. */
function sendResourceMetadata(req: IncomingMessage, res: ServerResponse, auth: NonNullable<HttpOptions["auth"]>, publicUrl: string): void {
  res.setHeader("access-control-allow-origin", "*");
  if (req.method === "OPTIONS") {
    res.writeHead(204, { "access-control-allow-methods": "GET", "access-control-allow-headers": "mcp-protocol-version", "access-control-max-age": "600" });
    return void res.end();
  }
  if (req.method !== "GET" && req.method !== "HEAD") return sendJsonError(res, 405, -32000, "Method not allowed", { allow: "GET" });
  res.setHeader("cache-control", "public, max-age=3600");
  sendJson(res, 200, resourceMetadata(publicUrl, auth.issuer, auth.scopesSupported));
}

/**
 * 401 (RFC 6750 §3, RFC 9728 §5.1), or 503 when the issuer could not be asked. Neither the body nor the log line
 * quotes the token. A refused token is logged at info (a wrong audience or issuer in the deployment shows there
 * first); a request without one at debug, since every OAuth client's first request is one.
 */
function sendUnauthorized(log: Logger, res: ServerResponse, outcome: Extract<AuthOutcome, { ok: false }>, resourceMetadataUrl: string): void {
  if (outcome.status === 503) {
    log.warn("request refused: the token could not be checked", { reason: outcome.description });
    return sendJsonError(res, 503, -32000, `Service Unavailable: ${outcome.description}; retry later`, { "retry-after": "5" });
  }
  (outcome.error === undefined ? log.debug : log.info)(`request refused: 401 ${outcome.error ?? "no credential"}`, { reason: outcome.description });
  const challenge = wwwAuthenticate(resourceMetadataUrl, outcome);
  sendJsonError(res, 401, -32001, `Unauthorized: ${outcome.description}`, { "www-authenticate": challenge });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value || undefined;
}

/** What a URL asks for: `?mode=`, `?apps=` and `?dialect=` (`null`: portable), each absent when the URL does not say. */
interface Asked {
  mode?: Mode;
  apps?: string[];
  dialect?: string | null;
}
type Params = ({ ok: true } & Asked) | { ok: false; message: string };

function parseParams(url: URL, options: HttpOptions): Params {
  const modeParam = url.searchParams.get("mode");
  const mode = modeParam === null ? undefined : parseMode(modeParam, "?mode");
  if (mode && !mode.ok) return mode;
  const appsParam = url.searchParams.get("apps");
  const apps = appsParam === null ? undefined : parseApps(appsParam, options.apps, "?apps");
  if (apps && !apps.ok) return apps;
  const dialectParam = url.searchParams.get("dialect");
  const dialect = dialectParam === null ? undefined : parseDialect(dialectParam, options.dialects ?? [], "?dialect");
  if (dialect && !dialect.ok) return dialect;
  return { ok: true, ...(mode && { mode: mode.value }), ...(apps && { apps: apps.value }), ...(dialect && { dialect: dialect.value }) };
}

/** The connection a stateless request describes by its URL alone; the router refused bad parameters before. */
function connectionOf(url: URL, options: HttpOptions): Connection {
  const params = parseParams(url, options);
  return connectionFrom(params.ok ? params : {}, options);
}

/** The connection of what a URL asked for, the server's defaults where it did not say. */
function connectionFrom(asked: Asked, options: HttpOptions): Connection {
  return { mode: asked.mode ?? options.defaultMode, apps: asked.apps ?? options.defaultApps, ...(asked.dialect !== undefined && { dialect: asked.dialect }) };
}

/** `params.clientInfo.name` of an initialize request. */
function clientNameOf(body: unknown): string | undefined {
  const name = (body as { params?: { clientInfo?: { name?: unknown } } } | null)?.params?.clientInfo?.name;
  return typeof name === "string" ? name : undefined;
}
