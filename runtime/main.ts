// The server entry: parse flags, resolve secrets, build the shared context once, then serve stdio or HTTP.

import type { GatewayRuntime } from "./contract.js";
import type { CallContext, callTool as CallTool } from "./call.js";
import { createCatalog } from "./catalog.js";
import { withPortableArguments } from "./dialect-arguments.js";
import { createDialects, type DialectData } from "./dialects.js";
import { resolveRuntime, StartupError, type ResolvedRuntime } from "./config/secrets.js";
import { createLogger, type Logger, type LogLevel } from "./log.js";
import { parseArgs, UsageError, type ServeOptions } from "./main-args.js";
import { createDynamicMode } from "./modes/dynamic.js";
import type { Invoke } from "./modes/mode.js";
import { createStatelessDynamicMode } from "./modes/stateless-dynamic.js";
import { createStatelessStaticMode, createStaticMode } from "./modes/static.js";
import { createInstructions } from "./instructions.js";
import { createPrompts } from "./prompts.js";
import { createRedactor, type Redactor } from "./redact.js";
import type { AuditLog } from "./audit/audit-log.js";
import { auditedInvoke, type CallWith } from "./audit/invoke.js";
import { refusalRecorder } from "./audit/refusal.js";
import { MemoryRateLimiter, type RateLimiter } from "./limits/rate-limit.js";
import { sensitiveSet } from "./sensitive.js";
import { ToolSearch } from "./search/index.js";
import type { ServerContext } from "./server.js";
import type { HttpOptions } from "./transport/http.js";
import type { SessionStore } from "./session/store.js";
import type { Tool } from "./contract.js";
import { isLoopbackHost } from "./shared/loopback.js";
import { readyBanner } from "./banner.js";
import { enableMetrics } from "./metrics.js";
import { disableTracing, enableTracing, tracesUrlOf, type Tracer } from "./tracing.js";

// The server bundle's entry (made by `gateway build`) reads its tools and search index with this before calling `main`.
export { unpackBundleData } from "./packed-tool.js";
export { unpackDialectData } from "./dialects.js";

/** What the generated bundle entry hands over. */
export interface Bundle {
  /** Every tool, sorted by name. */
  tools: Tool[];
  gateway: GatewayRuntime;
  /** `SEARCH_INDEX` from generated/search-index.ts: the BM25 index JSON, parsed at the first search. */
  searchIndex: string;
  /** The schemas of generated/dialects/, read on first use; absent: none. */
  dialects?: DialectData;
}

/** Where `start` writes; the real process streams unless a test passes its own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export type Started =
  | { kind: "exit"; code: number }
  | { kind: "running"; /** HTTP only. */ url?: string; closed: Promise<void>; close(): Promise<void> };

/** The bundle entry point. Never throws: sets the exit code, or keeps serving until a signal or end of stdin. */
export async function main(bundle: Bundle, argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const io: Io = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };
  const started = await start(bundle, argv, env, io);
  if (started.kind === "exit") {
    process.exitCode = started.code;
    return;
  }
  const stop = () => void started.close().finally(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await started.closed;
  process.exit(0);
}

/** Everything `main` does except touching the process: testable in-process. */
export async function start(bundle: Bundle, argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<Started> {
  let options: ServeOptions;
  try {
    options = parseArgs(argv, bundle.gateway, knownApps(bundle), env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`gateway: ${error.message}\n`);
    return { kind: "exit", code: 2 };
  }
  if (options.help) {
    io.stdout(USAGE);
    return { kind: "exit", code: 0 };
  }
  if (options.listTools) {
    const allowed = options.apps ? new Set(options.apps) : null;
    const names = bundle.tools.filter((t) => !allowed || allowed.has(t.app)).map((t) => t.name);
    io.stdout(names.length > 0 ? names.join("\n") + "\n" : "");
    return { kind: "exit", code: 0 };
  }
  try {
    return await serve(bundle, options, env, io);
  } catch (error) {
    io.stderr(`gateway: ${startupMessage(error, options)}\n`);
    return { kind: "exit", code: 1 };
  }
}

async function serve(bundle: Bundle, options: ServeOptions, env: NodeJS.ProcessEnv, io: Io): Promise<Started> {
  const { gateway } = bundle;
  // `--apps` narrows what this process serves, so only those apps' credentials must be set.
  const served = options.apps ? { ...gateway, apps: gateway.apps.filter((app) => options.apps!.includes(app.name)) } : gateway;
  const resolved = resolveRuntime(served, env);
  const redactor = createRedactor(resolved.secrets);
  const log = createLogger({ level: logLevel(env), write: io.stderr, redact: (t) => redactor.redact(t), format: env.GATEWAY_LOG_FORMAT === "text" ? "text" : "json" });
  if (!options.stdio && resolved.bearerTokens.length === 0 && !gateway.server.auth?.oauth && !isLoopbackHost(options.host)) {
    throw new StartupError(
      `refusing to listen on ${options.host} without inbound auth: anyone who can reach it could call the upstream APIs with this gateway's credentials. ` +
        `Set server.auth.bearer.tokens (e.g. ["\${GATEWAY_TOKEN}"]) or server.auth.oauth in gateway.yaml, or bind a loopback address (--host 127.0.0.1).`,
    );
  }
  const base: CallContext = { apps: resolved.apps, limits: gateway.limits, redactor, onToken: (token) => redactor.add(token) };
  // The call path (call.ts and what it imports: upstream HTTP, results, validation) and the node:http,
  // node:https and node:zlib it needs are not loaded before the first initialize and tools/list, which never
  // use them: at the first tools/call, or once start-up is over (CALL_PATH_PRELOAD_MS), whichever comes first.
  let callTool: typeof CallTool | undefined;
  const loadCallPath = () => import("./call.js").then((call) => (callTool ??= call.callTool));
  const untraced: CallWith = (tool, args, signal, extra, request) => {
    const context = { ...base, signal, ...extra, ...(request && { caller: request.caller, ...(request.inbound && { inbound: request.inbound }) }) };
    return callTool ? callTool(tool, args, context) : loadCallPath().then((load) => load(tool, args, context));
  };
  // OpenTelemetry, when an OTLP endpoint is configured: every tools/call in a span (the SDK is not loaded otherwise).
  const tracer = await startTracing(gateway, env);
  const call: CallWith = tracer
    ? (tool, args, signal, extra, request) => {
        const report = extra?.report ?? {};
        return tracer.toolCall(tool, request?.trace, report, () => untraced(tool, args, signal, { redactor: extra?.redactor ?? redactor, report }, request));
      }
    : untraced;
  // The audit log and `redact.fields` wrap the call path; without either, calls go straight to it.
  const sensitive = sensitiveSet(gateway.sensitiveFields);
  const audit = gateway.audit ? await openAudit(gateway, redactor, sensitive, log) : undefined;
  // /metrics (HTTP only, unless GATEWAY_METRICS=off) counts calls in the same hook.
  const metricsPath = options.stdio ? undefined : metricsPathOf(env, gateway.server.metrics);
  const dialects = createDialects(gateway.dialects, bundle.dialects ?? (() => new Map()));
  const direct: Invoke = audit || sensitive || metricsPath ? auditedInvoke(call, { ...(audit && { log: audit }), redactor, sensitive }) : (tool, args, signal, request) => call(tool, args, signal, undefined, request);
  // A call made in a schema dialect gets portable arguments back first: the audit log, validation and the upstream see those.
  const invoke = withPortableArguments(dialects, direct);
  // Cancelled when the server closes first; a failed preload is left to the first call to report.
  const preloadCallPath = () => setTimeout(() => void loadCallPath().catch(() => {}), CALL_PATH_PRELOAD_MS).unref();
  const catalog = createCatalog(bundle.tools, knownApps(bundle), dialects);
  const search = new ToolSearch(bundle.searchIndex);
  const ctx: ServerContext = {
    info: { name: gateway.name, version: gateway.version },
    catalog,
    modes: { static: createStaticMode(catalog, invoke), dynamic: createDynamicMode(catalog, invoke, search) },
    statelessModes: { static: createStatelessStaticMode(catalog, invoke), dynamic: createStatelessDynamicMode(catalog, invoke, search) },
    instructions: createInstructions(gateway, catalog),
    prompts: createPrompts(gateway.prompts),
    log,
    forwardHeaders: forwardedHeaderNames(served),
    ...(audit && { refused: refusalRecorder(audit) }),
    ...(dialects.names.length > 0 && { dialects }),
  };
  const toolCount = options.apps ? catalog.names(catalog.view(options.apps)).length : bundle.tools.length;
  if (options.stdio) {
    // Each transport is imported only when used: stdio never evaluates the HTTP stack, nor HTTP the stdio one.
    const { startStdio } = await import("./transport/stdio.js");
    const stdio = await startStdio(ctx, { mode: options.mode, apps: options.apps, maxLineBytes: gateway.server.maxBodyBytes, ...(options.dialect !== undefined && { dialect: options.dialect }) });
    const preload = preloadCallPath();
    void stdio.closed.then(() => clearTimeout(preload));
    log.info("serving on stdio", { tools: toolCount, mode: options.mode });
    // The audit log is flushed, and the spans exported, before the process may exit.
    const closed = stdio.closed.then(() => Promise.all([audit?.close(), tracer && disableTracing()])).then(() => {});
    return { kind: "running", closed, close: () => stdio.close().then(() => closed) };
  }
  const { startHttp } = await import("./transport/http.js");
  const store = resolved.redisUrl === undefined ? undefined : await openRedisStore(resolved.redisUrl, gateway, log);
  const rateLimiter = gateway.server.rateLimit && (resolved.redisUrl === undefined ? new MemoryRateLimiter(gateway.server.rateLimit) : await openRedisRateLimiter(resolved.redisUrl, gateway, log));
  const http = await startHttp(ctx, {
    host: options.host,
    port: options.port,
    path: options.path,
    allowedOrigins: gateway.server.allowedOrigins,
    sessions: gateway.server.sessions,
    defaultMode: options.mode,
    apps: options.apps ?? catalog.apps,
    defaultApps: options.apps,
    toolCount,
    dialects: dialects.names,
    maxBodyBytes: gateway.server.maxBodyBytes,
    ...(store && { store, storeKind: "redis" as const }),
    ...(rateLimiter && { rateLimiter }),
    ...(metricsPath && { metrics: { path: metricsPath, registry: await enableMetrics() } }),
    ...(gateway.server.publicUrl !== undefined && { publicUrl: gateway.server.publicUrl }),
    ...(await inboundAuth(bundle, resolved)),
  });
  const preload = preloadCallPath();
  const auth = resolved.bearerTokens.length > 0 || gateway.server.auth?.oauth ? "bearer" : "none";
  io.stderr(readyBanner({ name: gateway.name, url: http.url, tools: toolCount, mode: options.mode, auth, serverPath: process.argv[1] }));
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const close = () => {
    clearTimeout(preload);
    return http.close().then(() => Promise.all([store?.close(), rateLimiter && "close" in rateLimiter ? rateLimiter.close() : undefined])).then(() => Promise.all([audit?.close(), tracer && disableTracing()])).then(() => {}).finally(resolveClosed);
  };
  return { kind: "running", url: http.url, closed, close };
}

/** Turns tracing on when the environment names an OTLP endpoint; a URL that does not parse stops the start. */
async function startTracing(gateway: GatewayRuntime, env: NodeJS.ProcessEnv): Promise<Tracer | undefined> {
  const url = tracesUrlOf(env);
  if (url === undefined) return undefined;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new StartupError(`OpenTelemetry traces endpoint "${url}" (from OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT) is not an http(s) URL, e.g. http://127.0.0.1:4318`);
  }
  return enableTracing(url, { name: env.OTEL_SERVICE_NAME?.trim() || gateway.name, version: gateway.version });
}

/**
 * How long after start the call path is loaded if no tools/call asked for it: after a client's initialize and
 * tools/list (tens of ms), before the first tools/call a model usually makes. Loading takes ~15 ms.
 */
const CALL_PATH_PRELOAD_MS = 250;

/**
 * The shared session store of `server.sessions.store.redis`. Loaded only when configured: ioredis is bundled but
 * never evaluated for the memory store. It connects in the background: Redis down at start leaves /readyz at 503
 * and session requests at 503 until it answers, never a failed start.
 */
async function openRedisStore(url: string, gateway: GatewayRuntime, log: Logger): Promise<SessionStore> {
  const [{ RedisSessionStore }, { storeIdleTimeoutMs }] = await Promise.all([import("./session/redis.js"), import("./session/store.js")]);
  const { idleTimeoutMs, store } = gateway.server.sessions;
  // Padded: a replica serves a session for up to a quarter idle timeout after the store last confirmed a touch.
  return new RedisSessionStore({ url, idleTimeoutMs: storeIdleTimeoutMs(idleTimeoutMs), keyPrefix: store!.redis.keyPrefix, log });
}

/** The rate-limit buckets in the same Redis as the sessions, so a caller's limit holds across replicas. */
async function openRedisRateLimiter(url: string, gateway: GatewayRuntime, log: Logger): Promise<RateLimiter & { close(): Promise<void> }> {
  const { RedisRateLimiter } = await import("./limits/redis-rate-limit.js");
  return new RedisRateLimiter(gateway.server.rateLimit!, { url, keyPrefix: gateway.server.sessions.store!.redis.keyPrefix, log });
}

/** Opens the audit log's directory at start-up, where a path that cannot be written stops the server. */
async function openAudit(gateway: GatewayRuntime, redactor: Redactor, sensitive: ReturnType<typeof sensitiveSet>, log: Logger): Promise<AuditLog> {
  const { AuditLog } = await import("./audit/audit-log.js");
  try {
    return new AuditLog({
      config: gateway.audit!,
      redactor,
      sensitive,
      onError: (error) => log.error("audit log write failed", { dir: gateway.audit!.dir, error: error.message }),
    });
  } catch (error) {
    throw new StartupError(`audit.dir "${gateway.audit!.dir}" cannot be used: ${error instanceof Error ? error.message : String(error)}`, "audit.dir");
  }
}

/** The inbound headers some served app's `forward` auth names, lower case: the only ones transports capture. */
function forwardedHeaderNames(gateway: GatewayRuntime): string[] {
  const names = new Set<string>();
  for (const app of gateway.apps) if (app.auth.type === "forward" && app.auth.from === "header") names.add(app.auth.name.toLowerCase());
  return [...names].sort();
}

/** HTTP inbound auth: static tokens (tried first) and the OAuth resource server, each when configured. */
async function inboundAuth(bundle: Bundle, resolved: ResolvedRuntime): Promise<{ auth?: NonNullable<HttpOptions["auth"]> }> {
  const oauth = bundle.gateway.server.auth?.oauth;
  if (resolved.bearerTokens.length === 0 && !oauth) return {};
  const { createAuthenticator } = await import("./auth/authenticate.js");
  const staticTokens = resolved.staticTokens.length > 0 ? (await import("./auth/bearer.js")).createStaticTokens(resolved.staticTokens) : undefined;
  const verifier = oauth && (await import("./auth/oauth.js")).createOAuthVerifier({ config: oauth, ...(resolved.introspectionClient && { introspectionClient: resolved.introspectionClient }) });
  // RFC 9728 scopes_supported: as configured, else every scope some tool needs — worked out at the first metadata
  // request, since reading each packed tool's scopes parses its call data, which start-up must not pay for.
  let scopesSupported = oauth?.scopesSupported;
  return {
    auth: {
      authenticate: createAuthenticator({ ...(staticTokens && { staticTokens }), ...(verifier && { oauth: verifier }) }),
      ...(oauth && { issuer: oauth.issuer }),
      get scopesSupported() {
        return (scopesSupported ??= [...new Set(bundle.tools.flatMap((t) => t.scopes ?? []))].sort());
      },
    },
  };
}

function knownApps(bundle: Bundle): string[] {
  return [...new Set([...bundle.gateway.apps.map((a) => a.name), ...bundle.tools.map((t) => t.app)])].sort();
}

/**
 * Where the HTTP listener serves Prometheus metrics, or undefined for nowhere: `server.metrics` of gateway.yaml
 * (default: enabled at /metrics), each key overridden by the environment, which a deployment sets without a
 * rebuild: GATEWAY_METRICS=on|off (true/false, 1/0) and GATEWAY_METRICS_PATH. Behind the same inbound auth as
 * the MCP endpoint when that is configured (tool names).
 */
export function metricsPathOf(env: NodeJS.ProcessEnv, config: GatewayRuntime["server"]["metrics"]): string | undefined {
  const switched = env.GATEWAY_METRICS?.trim() ?? "";
  const enabled = /^(off|false|0)$/i.test(switched) ? false : /^(on|true|1)$/i.test(switched) ? true : (config?.enabled ?? true);
  if (!enabled) return undefined;
  const path = env.GATEWAY_METRICS_PATH;
  return path && /^\/[\x21-\x7e]*$/.test(path) ? path : (config?.path ?? "/metrics");
}

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const value = env.GATEWAY_LOG_LEVEL;
  return value === "debug" || value === "warn" || value === "error" ? value : "info";
}

function startupMessage(error: unknown, options: ServeOptions): string {
  if (error instanceof StartupError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") return `port ${options.port} on ${options.host} is already in use; pick another with --port`;
  if (code === "EACCES") return `not allowed to listen on ${options.host}:${options.port}; use a port above 1024`;
  if (code === "EADDRNOTAVAIL") return `${options.host} is not an address of this machine; use --host 127.0.0.1 or 0.0.0.0`;
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}

const USAGE = `usage: gateway serve [--stdio] [--host H] [--port N] [--path /mcp] [--mode static|dynamic] [--apps a,b] [--list-tools]
  --stdio        serve one session on stdin/stdout instead of HTTP
  --host H       HTTP bind address (default from gateway.yaml server.http.host)
  --port N       HTTP port, 0 for any free port (default from gateway.yaml)
  --path P       MCP endpoint path (default from gateway.yaml, usually /mcp)
  --mode M       static (every tool) or dynamic (search-tools, enable-tools, disable-tools, call-tool); default from gateway.yaml
  --apps a,b     serve only these apps
  --dialect D    with --stdio: list and call tools in schema dialect D (gateway.yaml dialects:, or portable); default: by the client's name
  --list-tools   print the tool names and exit
env: GATEWAY_LOG_LEVEL=debug|info|warn|error (logs go to stderr); GATEWAY_DIALECT=D as --dialect (stdio)
     GATEWAY_METRICS=on|off, GATEWAY_METRICS_PATH=/metrics (over gateway.yaml server.metrics)
     OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) exports traces
`;
