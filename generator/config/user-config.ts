// gateway.yaml as written (snake_case), after schema validation and before normalize.ts maps it to Config.
import type { JsonSchema, UpstreamAuth } from "../../runtime/contract.js";
import type { ToolAnnotations } from "../../runtime/contract.js";

/** include/exclude as written; same shape as FilterConfig. */
export interface UserFilter {
  tags?: string[];
  operations?: string[];
  methods?: string[];
  paths?: string[];
}

export interface UserToolOverride {
  name?: string;
  title?: string;
  description?: string;
  annotations?: Partial<ToolAnnotations>;
  hidden?: boolean;
  /** Replaces the app's default scopes for this tool. */
  scopes?: string[];
  /** Over the app's `retry:`; false: never retried. */
  retry?: UserRetry | false;
  output_schema?: "none" | "names" | "full";
  budgets?: Omit<UserBudgets, "list_tokens">;
}

/** `budgets:` as written, at the top level, of an app or (without list_tokens) of a tool. */
export interface UserBudgets {
  tool_tokens?: number;
  list_tokens?: number;
  strict?: boolean;
  cut?: "depth";
}

/** `retry:` of an app or a tool, as written (see RetryConfig). */
export interface UserRetry {
  attempts?: number;
  methods?: string[];
  base_ms?: number;
  max_ms?: number;
}

export interface UserApp {
  title?: string;
  /** Spec path relative to gateway.yaml; exactly one of `openapi` and `graphql`. */
  openapi?: string;
  graphql?: string;
  /** OpenAPI apps only. */
  base_url?: string;
  base_url_env?: string;
  /** GraphQL apps only (the schema makes `endpoint` required for them). */
  endpoint?: string;
  endpoint_env?: string;
  /** A glob or a list of globs of operation documents. */
  operations?: string | string[];
  scalars?: Record<string, JsonSchema>;
  selection?: { depth?: number; max_fields?: number };
  /** As UpstreamAuth, but basic auth may leave out its password. */
  auth?:
    | Exclude<UpstreamAuth, { type: "basic" | "oauth2_client_credentials" }>
    | { type: "basic"; username: string; password?: string }
    | { type: "oauth2_client_credentials"; token_url: string; client_id: string; client_secret: string; scope?: string; audience?: string };
  /** Origins besides the base URL's that a redirect may lead to. @example ["https://uploads.example.com"] */
  redirect_origins?: string[];
  headers?: Record<string, string>;
  include?: UserFilter;
  exclude?: UserFilter;
  tools?: Record<string, UserToolOverride>;
  /** OAuth scopes a caller needs for this app's read-only tools and for the others. */
  scopes?: { read?: string[]; write?: string[] };
  /** Retries of idempotent calls; false: never retried. */
  retry?: UserRetry | false;
  output_schema?: "none" | "names" | "full";
  /** The app's circuit breaker; false: none. */
  breaker?: { failures?: number; cooldown_ms?: number } | false;
  budgets?: UserBudgets;
  deprecated?: "mark" | "exclude";
}

export interface UserPrompt {
  title?: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
  messages: { role: "user" | "assistant"; template: string }[];
}

/** A static bearer token with the scopes and apps it is limited to. */
export interface UserStaticToken {
  token: string;
  scopes?: string[];
  apps?: string[];
}

/** `server.auth.oauth` as written. */
export interface UserOAuth {
  issuer: string;
  audience?: string | string[];
  jwks_uri?: string;
  algorithms?: string[];
  clock_skew_s?: number;
  scopes_supported?: string[];
  apps_claim?: string;
  apps_map?: Record<string, string[]>;
  introspection?: { endpoint: string; client_id: string; client_secret: string; cache_ttl_s?: number };
}

/** The root of gateway.yaml. Every optional key has its default in schema/gateway.schema.json and normalize.ts. */
export interface UserConfig {
  name: string;
  version?: string;
  mode?: "static" | "dynamic";
  server?: {
    http?: { host?: string; port?: number; path?: string };
    /** Exact URL of the MCP endpoint as clients reach it. @default http://<host>:<port><path> */
    public_url?: string;
    /** At least one of `bearer` and `oauth` (the schema says so). */
    auth?: { bearer?: { tokens: (string | UserStaticToken)[] }; oauth?: UserOAuth };
    allowed_origins?: string[];
    sessions?: { idle_timeout_ms?: number; max_sessions?: number; store?: { redis: { url: string; key_prefix?: string } } };
    max_body_bytes?: number;
    rate_limit?: { requests_per_minute: number; burst?: number };
    metrics?: { enabled?: boolean; path?: string };
  };
  limits?: { timeout_ms?: number; max_response_bytes?: number };
  naming?: { max_length?: number };
  budgets?: UserBudgets;
  deprecated?: "mark" | "exclude";
  audit?: { dir: string; rotate?: "day" | "size"; max_bytes?: number; include_values?: boolean };
  redact?: { fields?: string[] };
  /** Dialect name → who gets it without asking; `null` (a bare `gemini:`) is `{}`. */
  dialects?: Record<string, { clients?: string[] } | null>;
  allow_remote_refs?: boolean;
  apps: Record<string, UserApp>;
  prompts?: Record<string, UserPrompt>;
}
