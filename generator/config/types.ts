// The normalised gateway.yaml: what load + validate + normalize hand to the rest of the build.
import type { BreakerConfig, GatewayRuntime, JsonSchema, RetryConfig, UpstreamAuth } from "../../runtime/contract.js";
import type { ToolAnnotations } from "../../runtime/contract.js";

/** include/exclude filter of one app. Every list is optional; an empty filter matches nothing. */
export interface FilterConfig {
  /** Spec tags. */
  tags?: string[];
  /**
   * Keys of `source.keys`: operationIds or `METHOD /path` (OpenAPI), operation or root field names (GraphQL).
   * An entry with `*` or `?` is a glob over whole keys. @example ["repos/get", "issues/*", "Query.viewer"]
   */
  operations?: string[];
  /** HTTP methods, upper case. */
  methods?: string[];
  /** Path globs: `*` matches within one segment, `**` across segments. @example "/repos/**" */
  paths?: string[];
}

/**
 * How much of a tool's response schema its tools/list entry carries: `none` (no outputSchema, no
 * structuredContent), `names` (the top-level property names) or `full` (names with their descriptions).
 */
export type OutputSchemaPolicy = "none" | "names" | "full";

/** Per-tool overrides in gateway.yaml, keyed by operationId or `METHOD /path`. */
export interface ToolOverride {
  name?: string;
  title?: string;
  description?: string;
  annotations?: Partial<ToolAnnotations>;
  hidden?: boolean;
  /** The scopes a caller needs for this tool, replacing the app's default for its kind. */
  scopes?: string[];
  /** Over the app's retry policy; false: never retried. */
  retry?: RetryConfig | false;
  /** Over the app's `output_schema:`. */
  outputSchema?: OutputSchemaPolicy;
  /** This tool's token budget (no listTokens), over its app's. */
  budgets?: BudgetConfig;
}

/**
 * `budgets:` at one level (gateway.yaml, an app, a tool), in o200k tokens of tools/list entries. A key left
 * out takes the level above's; `resolveBudget` in generator/emit/budgets.ts merges the levels.
 */
export interface BudgetConfig {
  toolTokens?: number;
  listTokens?: number;
  strict?: boolean;
  /** How a tool over toolTokens is cut down in tools/list. */
  cut?: "depth";
  /** Where `tool_tokens` and `list_tokens` sit in gateway.yaml, for the diagnostics that name them. */
  positions: { toolTokens?: Position; listTokens?: Position };
}

/** What becomes of a deprecated operation: listed and marked as such, or left out. */
export type DeprecatedPolicy = "mark" | "exclude";

/** Where a key or value sits in gateway.yaml, for diagnostics. */
export interface Position {
  line: number;
  column: number;
}

/** What only a GraphQL app has (`apps.<name>.graphql` and its companions). */
export interface GraphqlAppConfig {
  /** Schema path relative to the config directory: SDL (`.graphql`/`.gql`) or introspection JSON. */
  schema: string;
  /**
   * Globs of operation documents relative to the config directory, in the order written (expand each with
   * `matchFiles` from file-globs.ts): one tool per named operation. Absent: one tool per root Query and Mutation field.
   */
  operations?: string[];
  /** Custom scalar name → the JSON Schema of its values. Unlisted custom scalars are strings on input. */
  scalars: Record<string, JsonSchema>;
  /** How root-field tools select their result. */
  selection: {
    /** Levels of nested objects below the root field. @default 2 */
    depth: number;
    /** Most leaf fields one tool selects; the rest are named in the description. @default 60 */
    maxFields: number;
  };
}

export interface AppConfig {
  name: string;
  title?: string;
  /** Spec path relative to the config directory. */
  openapi?: string;
  /** Set for a GraphQL app; absent for an OpenAPI one. */
  graphql?: GraphqlAppConfig;
  /** Upstream base URL (a GraphQL app's `endpoint:`); an OpenAPI app defaults to the spec's first server URL. */
  baseUrl?: string;
  /** Env var that overrides baseUrl at runtime. @default "GATEWAY_<APP>_BASE_URL" ("GATEWAY_<APP>_ENDPOINT" for GraphQL) */
  baseUrlEnv: string;
  auth: UpstreamAuth;
  headers: Record<string, string>;
  /** Origins besides the base URL's that redirects may lead to. */
  redirectOrigins: string[];
  /** Retries of idempotent calls; false: never. Absent: the runtime's defaults. */
  retry?: RetryConfig | false;
  /** The circuit breaker; false: none. Absent: the runtime's defaults. */
  breaker?: BreakerConfig | false;
  include?: FilterConfig;
  exclude?: FilterConfig;
  tools: Record<string, ToolOverride>;
  /** The outputSchema of this app's tools; absent: the lean pass's default (`none`). */
  outputSchema?: OutputSchemaPolicy;
  /**
   * Scopes a caller needs, by kind of tool: `read` for read-only tools, `write` for the others (sorted, no
   * duplicates). @default { read: ["mcp:read"], write: ["mcp:write"] }
   */
  scopes: { read: string[]; write: string[] };
  /** This app's budgets, over the top-level ones; absent: the top level's. */
  budgets?: BudgetConfig;
  /** `deprecated:` of the app, or the top level's. @default "mark" */
  deprecated: DeprecatedPolicy;
  /** Positions of keys in gateway.yaml: `apps.<name>` and `apps.<name>.tools.<key>`, for diagnostics. */
  positions: { app?: Position; tools: Record<string, Position> };
}

export interface PromptConfig {
  name: string;
  title?: string;
  description?: string;
  arguments: { name: string; description?: string; required: boolean }[];
  /** Handlebars source, compiled (and syntax-checked) by the build. */
  messages: { role: "user" | "assistant"; template: string }[];
}

export interface DialectConfig {
  /** A key of generator/dialects/index.ts's DIALECTS (the schema allows no other). @example "gemini" */
  name: string;
  /** Globs over `clientInfo.name`; a client that matches gets this dialect when it asks for none. */
  clients: string[];
}

export interface NamingConfig {
  /** Longest tool name the build emits. @default 48 (64 minus room for a client prefix such as `mcp__server__`) */
  maxLength: number;
}

export interface Config {
  /** Absolute path of gateway.yaml (never written to output). */
  path: string;
  /** Directory of gateway.yaml; every relative path is resolved from here. */
  root: string;
  /** Path of gateway.yaml relative to root, for diagnostics. @example "gateway.yaml" */
  file: string;
  name: string;
  version: string;
  mode: "static" | "dynamic";
  server: GatewayRuntime["server"];
  limits: GatewayRuntime["limits"];
  audit?: GatewayRuntime["audit"];
  sensitiveFields: string[];
  naming: NamingConfig;
  /** Schema dialects offered besides the portable schemas, in name order (docs/dialects.md). */
  dialects: DialectConfig[];
  /** The top-level `budgets:`; empty (no key set) when absent. */
  budgets: BudgetConfig;
  /** Apps in name order. */
  apps: AppConfig[];
  prompts: PromptConfig[];
  /** Allow `$ref`s to http(s) URLs in specs. @default false (SSRF) */
  allowRemoteRefs: boolean;
}
