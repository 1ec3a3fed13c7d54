// Resolves `${ENV}` references in the runtime config at server start, and collects the secret values.
import type { AppRuntime, BreakerConfig, GatewayRuntime, RetryConfig, UpstreamAuth } from "../contract.js";
import { StartupError } from "./startup-error.js";

export { StartupError } from "./startup-error.js";

/** An app with every `${ENV}` resolved and the base URL override applied. */
export interface ResolvedApp {
  name: string;
  title?: string;
  /**
   * As configured (or overridden): an OpenAPI app's paths are joined to its path without a trailing slash; a
   * GraphQL app's endpoint is POSTed to exactly, trailing slash and query string included.
   * @example "https://api.github.com"
   */
  baseUrl: string;
  /** Same shape as the config's, with plain values instead of `${ENV}` references. */
  auth: UpstreamAuth;
  /** Extra headers for every upstream request, resolved. */
  headers: Record<string, string>;
  /** Origins (`https://host[:port]`) besides the base URL's that a redirect may lead to. Absent: none. */
  redirectOrigins?: string[];
  /** The app's `retry:` as configured; absent: the defaults. */
  retry?: RetryConfig | false;
  /** The app's `breaker:` as configured; absent: the defaults. */
  breaker?: BreakerConfig | false;
}

export interface ResolvedRuntime {
  /** Keyed by app name. */
  apps: Map<string, ResolvedApp>;
  /** Inbound bearer tokens (`server.auth.bearer.tokens`), resolved; empty when no bearer auth is configured. */
  bearerTokens: string[];
  /** The same tokens with the scopes and apps configured for each. */
  staticTokens: { token: string; scopes?: string[]; apps?: string[] }[];
  /** `server.auth.oauth.introspection`'s client credentials, resolved; absent without introspection. */
  introspectionClient?: { clientId: string; clientSecret: string };
  /** `server.sessions.store.redis.url`, resolved; absent when sessions live in memory. */
  redisUrl?: string;
  /**
   * Every value that must never appear in a result or a log line: substituted env values, the resolved
   * credentials, and derived forms (the base64 of basic credentials). Feed to `createRedactor`.
   */
  secrets: string[];
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A variable that was needed but not set, and the field that needs it. */
interface Missing {
  variable: string;
  field: string;
}

/**
 * Resolves every `${VAR}` in `value`; `field` names what needs it. A missing (or empty) variable is
 * pushed to `missing` when given (so one start-up error can list them all), thrown otherwise.
 */
function expandEnv(value: string, env: NodeJS.ProcessEnv, field: string, secrets?: Set<string>, missing?: Missing[]): string {
  if (!value.includes("${")) return value;
  return value.replace(REFERENCE, (_match, name: string) => {
    const resolved = env[name];
    if (resolved === undefined || resolved === "") {
      if (!missing) throw new StartupError(`environment variable ${name} is not set (needed by ${field})`, field);
      missing.push({ variable: name, field });
      return "";
    }
    secrets?.add(resolved);
    return resolved;
  });
}

function resolveAuth(auth: UpstreamAuth, env: NodeJS.ProcessEnv, at: string, secrets: Set<string>, missing: Missing[]): UpstreamAuth {
  const secret = (value: string, field: string): string => {
    const resolved = expandEnv(value, env, `${at}.${field}`, secrets, missing);
    if (resolved) secrets.add(resolved);
    return resolved;
  };
  switch (auth.type) {
    case "none":
      return auth;
    case "bearer":
      return { type: "bearer", token: secret(auth.token, "token") };
    case "basic": {
      // Env-supplied usernames count as secrets too (Stripe puts its secret key there).
      const username = expandEnv(auth.username, env, `${at}.username`, secrets, missing);
      const password = secret(auth.password, "password");
      secrets.add(Buffer.from(`${username}:${password}`).toString("base64"));
      return { type: "basic", username, password };
    }
    case "api_key":
      return { type: "api_key", in: auth.in, name: auth.name, value: secret(auth.value, "value") };
    case "oauth2_client_credentials":
      return {
        ...auth,
        tokenUrl: tokenUrlOf(expandEnv(auth.tokenUrl, env, `${at}.token_url`, undefined, missing), `${at}.token_url`),
        // A client id is not secret everywhere, but some IdPs make it one; redacting it costs nothing.
        clientId: secret(auth.clientId, "client_id"),
        clientSecret: secret(auth.clientSecret, "client_secret"),
      };
    case "forward":
      // Forwarded values are only known per request; the call path adds them to the redaction set.
      return auth;
  }
}

// A base URL is not a secret: hostnames in error messages help more than they leak.
function resolveBaseUrl(app: AppRuntime, env: NodeJS.ProcessEnv): string {
  const override = app.baseUrlEnv ? env[app.baseUrlEnv] : undefined;
  const raw = override !== undefined && override !== "" ? override : expandEnv(app.baseUrl, env, `apps.${app.name}.base_url`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    const from = override ? `environment variable ${app.baseUrlEnv}` : `apps.${app.name}.base_url`;
    throw new StartupError(`${from} is not an absolute URL: "${raw}"`, `apps.${app.name}.base_url`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new StartupError(`apps.${app.name}.base_url must be http or https, got "${url.protocol}"`, `apps.${app.name}.base_url`);
  }
  if (url.username !== "" || url.password !== "") {
    // Credentials in the URL would go to whatever host the URL names, and into every log line that shows it.
    const from = override ? `environment variable ${app.baseUrlEnv}` : `apps.${app.name}.base_url`;
    throw new StartupError(`${from} must not hold credentials (user:password@); configure apps.${app.name}.auth instead`, `apps.${app.name}.base_url`);
  }
  return raw;
}

/** A token endpoint: absolute http(s), no credentials in it (they go in the Authorization header). */
function tokenUrlOf(value: string, field: string): string {
  if (value === "") return value; // a missing variable, reported with the others
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StartupError(`${field} is not an absolute URL: "${value}"`, field);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new StartupError(`${field} must be http or https, got "${url.protocol}"`, field);
  if (url.username !== "" || url.password !== "") throw new StartupError(`${field} must not hold credentials (user:password@); use client_id and client_secret`, field);
  return value;
}

/** `value` as an origin (`https://host[:port]`, default port left out); the build checked its shape already. */
function originOf(value: string, field: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
  } catch {
    // reported below
  }
  throw new StartupError(`${field}: "${value}" is not an http(s) origin such as https://uploads.example.com`, field);
}

function resolveApp(app: AppRuntime, env: NodeJS.ProcessEnv, secrets: Set<string>, missing: Missing[]): ResolvedApp {
  const at = `apps.${app.name}`;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(app.headers ?? {})) {
    // A header that needed an env var is treated as a credential; a literal one is not.
    const resolved = expandEnv(value, env, `${at}.headers.${name}`, secrets, missing);
    if (resolved !== value && resolved) secrets.add(resolved);
    headers[name] = resolved;
  }
  return {
    name: app.name,
    ...(app.title !== undefined ? { title: app.title } : {}),
    baseUrl: resolveBaseUrl(app, env),
    auth: resolveAuth(app.auth ?? { type: "none" }, env, `${at}.auth`, secrets, missing),
    headers,
    redirectOrigins: (app.redirectOrigins ?? []).map((origin) => originOf(origin, `${at}.redirect_origins`)),
    ...(app.retry !== undefined && { retry: app.retry }),
    ...(app.breaker !== undefined && { breaker: app.breaker }),
  };
}

/**
 * Resolves every `${VAR}` in apps' auth, headers and base URL (plus the `baseUrlEnv` override) and in the
 * server's bearer tokens. Missing variables throw one StartupError naming each and the field that needs it.
 */
export function resolveRuntime(gateway: GatewayRuntime, env: NodeJS.ProcessEnv): ResolvedRuntime {
  const secrets = new Set<string>();
  const apps = new Map<string, ResolvedApp>();
  const missing: Missing[] = [];
  for (const app of gateway.apps) apps.set(app.name, resolveApp(app, env, secrets, missing));
  const staticTokens = (gateway.server.auth?.bearer?.tokens ?? []).map(({ token, ...limits }, i) => {
    const resolved = expandEnv(token, env, `server.auth.bearer.tokens[${i}]`, secrets, missing);
    if (resolved) secrets.add(resolved);
    return { token: resolved, ...limits };
  });
  const bearerTokens = staticTokens.map((t) => t.token);
  const introspection = gateway.server.auth?.oauth?.introspection;
  const introspectionClient = introspection && {
    clientId: expandEnv(introspection.clientId, env, "server.auth.oauth.introspection.client_id", secrets, missing),
    clientSecret: expandEnv(introspection.clientSecret, env, "server.auth.oauth.introspection.client_secret", secrets, missing),
  };
  if (introspectionClient?.clientSecret) secrets.add(introspectionClient.clientSecret);
  const redis = gateway.server.sessions?.store?.redis;
  // The whole URL is redacted, and its password alone too (an ioredis error may quote either).
  const redisUrl = redis && expandEnv(redis.url, env, "server.sessions.store.redis.url", secrets, missing);
  if (redisUrl) {
    secrets.add(redisUrl);
    const password = passwordOf(redisUrl);
    if (password) secrets.add(password);
  }
  if (missing.length > 0) {
    const list = missing.map((m) => `${m.variable} (needed by ${m.field})`).join(", ");
    const noun = missing.length === 1 ? "environment variable is" : "environment variables are";
    throw new StartupError(`${missing.length === 1 ? "an" : missing.length} ${noun} not set: ${list}`, missing[0].field);
  }
  return { apps, bearerTokens, staticTokens, ...(introspectionClient && { introspectionClient }), ...(redisUrl && { redisUrl }), secrets: [...secrets] };
}

/** The password of a `redis://user:password@host` URL, decoded; undefined when there is none or it is not a URL. */
function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
