// UserConfig (snake_case, as written) → Config (camelCase, defaults filled, apps and prompts in name order).
import type { BreakerConfig, InboundAuth, RetryConfig, StaticToken, UpstreamAuth } from "../../runtime/contract.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import type { AppConfig, BudgetConfig, Config, DeprecatedPolicy, FilterConfig, GraphqlAppConfig, Position, PromptConfig, ToolOverride } from "./types.js";
import type { UserApp, UserBudgets, UserConfig, UserFilter, UserPrompt, UserRetry } from "./user-config.js";

/**
 * An app's scopes when gateway.yaml gives none: the scope names of the Celigo MCP-servers API (seed 003):
 * read-only tools need one, the others the other.
 */
export const DEFAULT_SCOPES: AppConfig["scopes"] = { read: ["mcp:read"], write: ["mcp:write"] };

/** Defaults of every optional key; schema/gateway.schema.json repeats them as `default` for editors. */
const DEFAULTS = {
  version: "0.0.0",
  mode: "static",
  http: { host: "127.0.0.1", port: 3000, path: "/mcp" },
  sessions: { idleTimeoutMs: 1_800_000, maxSessions: 10_000 },
  limits: { timeoutMs: 30_000, maxResponseBytes: 900_000 },
  /** A tools/call is a few kB; a megabyte leaves room for big arguments and refuses floods. */
  maxBodyBytes: 1_048_576,
  auditMaxBytes: 104_857_600,
  metricsPath: "/metrics",
  naming: { maxLength: 48 },
  deprecated: "mark",
  selection: { depth: 2, maxFields: 60 },
  scopes: DEFAULT_SCOPES,
} as const;

/** Where the config came from, and where its keys sit (from yaml-position.ts). */
export interface NormalizeContext {
  path: string;
  root: string;
  file: string;
  /** Position of the key at a path such as `["apps", "github", "tools", "repos/get"]`, if found. */
  keyPosition(path: string[]): Position | undefined;
}

const byName = (a: { name: string }, b: { name: string }): number => compareCodeUnits(a.name, b.name);

/** A copy of `record` with its keys in code-unit order, so output never depends on YAML key order. */
function sortedRecord<T>(record: Record<string, T> | undefined): Record<string, T> {
  return Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => compareCodeUnits(a, b)));
}

function filter(user: UserFilter | undefined): FilterConfig | undefined {
  if (!user) return undefined;
  const out: FilterConfig = {};
  for (const key of ["tags", "operations", "methods", "paths"] as const) if (user[key]) out[key] = [...user[key]];
  return out;
}

/** A GraphQL app's own keys; `operations` becomes a list, each scalar's schema a copy. */
function graphql(schema: string, user: UserApp): GraphqlAppConfig {
  const result: GraphqlAppConfig = {
    schema,
    scalars: Object.fromEntries(Object.entries(sortedRecord(user.scalars)).map(([name, def]) => [name, structuredClone(def)])),
    selection: {
      depth: user.selection?.depth ?? DEFAULTS.selection.depth,
      maxFields: user.selection?.max_fields ?? DEFAULTS.selection.maxFields,
    },
  };
  if (user.operations !== undefined) result.operations = typeof user.operations === "string" ? [user.operations] : [...user.operations];
  return result;
}

/** `retry:` as the runtime reads it: camel-case keys, only those given, methods upper-case. */
function retryOf(user: UserRetry | false): RetryConfig | false {
  if (user === false) return false;
  const retry: RetryConfig = {};
  if (user.attempts !== undefined) retry.attempts = user.attempts;
  if (user.methods !== undefined) retry.methods = [...new Set(user.methods.map((m) => m.toUpperCase()))].sort();
  if (user.base_ms !== undefined) retry.baseMs = user.base_ms;
  if (user.max_ms !== undefined) retry.maxMs = user.max_ms;
  return retry;
}

/** `breaker:` as the runtime reads it: camel-case keys, only those given. */
function breakerOf(user: NonNullable<UserApp["breaker"]>): BreakerConfig | false {
  if (user === false) return false;
  const breaker: BreakerConfig = {};
  if (user.failures !== undefined) breaker.failures = user.failures;
  if (user.cooldown_ms !== undefined) breaker.cooldownMs = user.cooldown_ms;
  return breaker;
}

/** `budgets:` at the key path `at` (e.g. `["apps", "github", "budgets"]`), with where its token keys sit. */
function budgetsOf(user: UserBudgets | undefined, at: string[], ctx: NormalizeContext): BudgetConfig {
  const out: BudgetConfig = { positions: {} };
  if (!user) return out;
  if (user.tool_tokens !== undefined) out.toolTokens = user.tool_tokens;
  if (user.list_tokens !== undefined) out.listTokens = user.list_tokens;
  if (user.strict !== undefined) out.strict = user.strict;
  if (user.cut !== undefined) out.cut = user.cut;
  const toolTokens = user.tool_tokens !== undefined ? ctx.keyPosition([...at, "tool_tokens"]) : undefined;
  const listTokens = user.list_tokens !== undefined ? ctx.keyPosition([...at, "list_tokens"]) : undefined;
  if (toolTokens) out.positions.toolTokens = toolTokens;
  if (listTokens) out.positions.listTokens = listTokens;
  return out;
}

function app(name: string, user: UserApp, ctx: NormalizeContext, deprecated: DeprecatedPolicy): AppConfig {
  const tools: Record<string, ToolOverride> = {};
  const toolPositions: Record<string, Position> = {};
  for (const [key, override] of Object.entries(sortedRecord(user.tools))) {
    const { output_schema: outputSchema, budgets, ...rest } = override;
    tools[key] = { ...rest, ...(override.annotations ? { annotations: { ...override.annotations } } : {}) };
    if (outputSchema !== undefined) tools[key].outputSchema = outputSchema;
    if (budgets) tools[key].budgets = budgetsOf(budgets, ["apps", name, "tools", key, "budgets"], ctx);
    if (override.scopes) tools[key].scopes = scopeList(override.scopes);
    if (override.retry !== undefined) tools[key].retry = retryOf(override.retry);
    const at = ctx.keyPosition(["apps", name, "tools", key]);
    if (at) toolPositions[key] = at;
  }
  const appPosition = ctx.keyPosition(["apps", name]);
  // The schema keeps each kind's keys to its apps: base_url* on openapi apps, endpoint* on graphql ones.
  const baseUrl = user.graphql !== undefined ? user.endpoint : user.base_url;
  const baseUrlEnv = user.graphql !== undefined ? (user.endpoint_env ?? `GATEWAY_${name.toUpperCase()}_ENDPOINT`) : (user.base_url_env ?? `GATEWAY_${name.toUpperCase()}_BASE_URL`);
  const result: AppConfig = {
    name,
    baseUrlEnv,
    auth: upstreamAuthOf(user.auth),
    headers: sortedRecord(user.headers),
    // As origins (`new URL().origin`: lower-case host, default port and trailing slash dropped), sorted.
    redirectOrigins: [...new Set((user.redirect_origins ?? []).map((origin) => new URL(origin).origin))].sort(),
    scopes: {
      read: scopeList(user.scopes?.read ?? DEFAULTS.scopes.read),
      write: scopeList(user.scopes?.write ?? DEFAULTS.scopes.write),
    },
    tools,
    deprecated: user.deprecated ?? deprecated,
    positions: { ...(appPosition ? { app: appPosition } : {}), tools: toolPositions },
  };
  if (user.title !== undefined) result.title = user.title;
  if (user.retry !== undefined) result.retry = retryOf(user.retry);
  if (user.output_schema !== undefined) result.outputSchema = user.output_schema;
  if (user.breaker !== undefined) result.breaker = breakerOf(user.breaker);
  if (user.budgets) result.budgets = budgetsOf(user.budgets, ["apps", name, "budgets"], ctx);
  if (user.openapi !== undefined) result.openapi = user.openapi;
  if (user.graphql !== undefined) result.graphql = graphql(user.graphql, user);
  if (baseUrl !== undefined) result.baseUrl = baseUrl;
  const include = filter(user.include);
  const exclude = filter(user.exclude);
  if (include) result.include = include;
  if (exclude) result.exclude = exclude;
  return result;
}

function prompt(name: string, user: UserPrompt): PromptConfig {
  const result: PromptConfig = {
    name,
    arguments: (user.arguments ?? []).map((a) => ({ name: a.name, ...(a.description !== undefined ? { description: a.description } : {}), required: a.required ?? false })),
    messages: user.messages.map((m) => ({ role: m.role, template: m.template })),
  };
  if (user.title !== undefined) result.title = user.title;
  if (user.description !== undefined) result.description = user.description;
  return result;
}

/** Maps a schema-valid UserConfig to Config. Pure: reads no files and no environment. */
export function normalizeConfig(user: UserConfig, ctx: NormalizeContext): Config {
  const server = user.server ?? {};
  return {
    path: ctx.path,
    root: ctx.root,
    file: ctx.file,
    name: user.name,
    version: user.version ?? DEFAULTS.version,
    mode: user.mode ?? DEFAULTS.mode,
    server: {
      http: {
        host: server.http?.host ?? DEFAULTS.http.host,
        port: server.http?.port ?? DEFAULTS.http.port,
        path: server.http?.path ?? DEFAULTS.http.path,
      },
      ...(server.public_url !== undefined ? { publicUrl: server.public_url } : {}),
      ...(server.auth ? { auth: inboundAuthOf(server.auth) } : {}),
      allowedOrigins: [...(server.allowed_origins ?? [])],
      sessions: {
        idleTimeoutMs: server.sessions?.idle_timeout_ms ?? DEFAULTS.sessions.idleTimeoutMs,
        maxSessions: server.sessions?.max_sessions ?? DEFAULTS.sessions.maxSessions,
        ...(server.sessions?.store ? { store: { redis: { url: server.sessions.store.redis.url, keyPrefix: server.sessions.store.redis.key_prefix ?? "gateway:" } } } : {}),
      },
      maxBodyBytes: server.max_body_bytes ?? DEFAULTS.maxBodyBytes,
      ...(server.rate_limit ? { rateLimit: { requestsPerMinute: server.rate_limit.requests_per_minute, burst: server.rate_limit.burst ?? server.rate_limit.requests_per_minute } } : {}),
      // Only when written, so a config without it emits what it did before.
      ...(server.metrics ? { metrics: { enabled: server.metrics.enabled ?? true, path: server.metrics.path ?? DEFAULTS.metricsPath } } : {}),
    },
    ...(user.audit ? { audit: auditOf(user.audit) } : {}),
    sensitiveFields: [...(user.redact?.fields ?? [])].sort(compareCodeUnits),
    limits: {
      timeoutMs: user.limits?.timeout_ms ?? DEFAULTS.limits.timeoutMs,
      maxResponseBytes: user.limits?.max_response_bytes ?? DEFAULTS.limits.maxResponseBytes,
    },
    naming: { maxLength: user.naming?.max_length ?? DEFAULTS.naming.maxLength },
    dialects: Object.entries(sortedRecord(user.dialects)).map(([name, dialect]) => ({ name, clients: [...(dialect?.clients ?? [])] })),
    budgets: budgetsOf(user.budgets, ["budgets"], ctx),
    apps: Object.entries(user.apps).map(([name, def]) => app(name, def, ctx, user.deprecated ?? DEFAULTS.deprecated)).sort(byName),
    prompts: Object.entries(user.prompts ?? {}).map(([name, def]) => prompt(name, def)).sort(byName),
    allowRemoteRefs: user.allow_remote_refs ?? false,
  };
}

/** Asymmetric JWS algorithms accepted when `server.auth.oauth.algorithms` is not set (never HS* or none). */
const OAUTH_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

/** `apps_map` with keys in code-unit order and each value's apps sorted, so generated/ does not follow the YAML's order. */
function appsMapOf(map: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.keys(map).sort(compareCodeUnits).map((value) => [value, [...new Set(map[value])].sort(compareCodeUnits)]));
}

/** `server.auth`: a token written as a bare `${ENV}` string becomes `{ token }`; OAuth defaults filled. */
function inboundAuthOf(user: NonNullable<NonNullable<UserConfig["server"]>["auth"]>): InboundAuth {
  const out: InboundAuth = {};
  if (user.bearer) {
    out.bearer = {
      tokens: user.bearer.tokens.map((entry): StaticToken => {
        if (typeof entry === "string") return { token: entry };
        return { token: entry.token, ...(entry.scopes ? { scopes: [...entry.scopes].sort(compareCodeUnits) } : {}), ...(entry.apps ? { apps: [...entry.apps].sort(compareCodeUnits) } : {}) };
      }),
    };
  }
  const oauth = user.oauth;
  if (oauth) {
    out.oauth = {
      issuer: oauth.issuer,
      ...(oauth.audience !== undefined ? { audience: typeof oauth.audience === "string" ? [oauth.audience] : [...oauth.audience] } : {}),
      ...(oauth.jwks_uri !== undefined ? { jwksUri: oauth.jwks_uri } : {}),
      algorithms: [...(oauth.algorithms ?? OAUTH_ALGORITHMS)],
      clockToleranceSec: oauth.clock_skew_s ?? 30,
      ...(oauth.scopes_supported ? { scopesSupported: [...oauth.scopes_supported] } : {}),
      ...(oauth.apps_claim !== undefined ? { appsClaim: oauth.apps_claim } : {}),
      ...(oauth.apps_map !== undefined ? { appsByClaimValue: appsMapOf(oauth.apps_map) } : {}),
      ...(oauth.introspection
        ? {
            introspection: {
              endpoint: oauth.introspection.endpoint,
              clientId: oauth.introspection.client_id,
              clientSecret: oauth.introspection.client_secret,
              cacheTtlMs: (oauth.introspection.cache_ttl_s ?? 60) * 1000,
            },
          }
        : {}),
    };
  }
  return out;
}

/** `audit:` as the runtime reads it; a size-rotated log without max_bytes rotates at 100 MiB. */
function auditOf(user: NonNullable<UserConfig["audit"]>): NonNullable<Config["audit"]> {
  const rotate = user.rotate === "size" ? { every: "size" as const, maxBytes: user.max_bytes ?? DEFAULTS.auditMaxBytes } : { every: "day" as const };
  return { dir: user.dir, rotate, includeValues: user.include_values ?? false };
}

/** Scopes sorted and deduplicated, so the same set always prints (and hashes) the same. */
function scopeList(scopes: readonly string[]): string[] {
  return [...new Set(scopes)].sort(compareCodeUnits);
}

/** A basic auth without password (Stripe takes the key as the user name) sends an empty one. */
function upstreamAuthOf(auth: UserApp["auth"]): UpstreamAuth {
  if (!auth) return { type: "none" };
  if (auth.type === "basic") return { ...auth, password: auth.password ?? "" };
  if (auth.type === "oauth2_client_credentials") {
    const { token_url, client_id, client_secret, scope, audience } = auth;
    return {
      type: "oauth2_client_credentials",
      tokenUrl: token_url,
      clientId: client_id,
      clientSecret: client_secret,
      ...(scope !== undefined && { scope }),
      ...(audience !== undefined && { audience }),
    };
  }
  return { ...auth };
}
