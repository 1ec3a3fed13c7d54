// The contract: every type that the generator, generated/ and the runtime share. Types only, no imports.
//
// `gateway build` copies this file verbatim to generated/contract.ts, and generated modules import nothing
// else, so generated/ reads the same wherever the package is installed and type-checks on its own.

/** A JSON Schema object as it appears in a tool's schemas. */
export type JsonSchema = { [key: string]: unknown };

/** All four hints, always present: absent would mean the MCP defaults, which reviewers forget. */
export interface ToolAnnotations {
  /** The tool does not change anything upstream. */
  readOnlyHint: boolean;
  /** A change may delete or overwrite data (meaningful only when not read-only). */
  destructiveHint: boolean;
  /** Calling twice with the same arguments has no further effect. */
  idempotentHint: boolean;
  /** The tool talks to an outside world (every upstream API does). */
  openWorldHint: boolean;
}

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "TRACE";

/** Where one input argument goes on the wire. */
export type ParamLocation = "path" | "query" | "header" | "cookie" | "body";

/** OpenAPI serialisation styles we honour. @see https://spec.openapis.org/oas/v3.1.0#style-values */
export type ParamStyle = "form" | "simple" | "label" | "matrix" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** A parameter binding with something non-default about it. */
export interface ParamSpec {
  in: ParamLocation;
  /** The name on the wire, when it differs from the argument name (after a clash rename). */
  wire?: string;
  /** Only when it differs from the default for `in` (query/cookie: form, path/header: simple). */
  style?: ParamStyle;
  /** Only when it differs from the default for `style` (form: true, others: false). */
  explode?: boolean;
  /** Query only: send reserved characters unencoded (OpenAPI `allowReserved`). */
  allowReserved?: boolean;
}

/** The plain location string when everything else is default; a `ParamSpec` otherwise. */
export type ParamBinding = ParamLocation | ParamSpec;

export type BodyMediaType = "application/json" | "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain";

/** How the request body is assembled from `in: "body"` arguments. */
export interface BodyPlan {
  mediaType: BodyMediaType;
  /**
   * Set when the body is not an object (an array, a scalar) or could not be flattened: the named
   * argument is sent as the whole body. Absent: the body is an object made of every `in: "body"` argument.
   */
  whole?: string;
  /** The media type string as the spec wrote it, when it differs from `mediaType` (e.g. `application/vnd.github+json`). */
  contentType?: string;
}

/** How to call an HTTP operation: one request per call, built from the arguments by their bindings. */
export interface HttpRequest<Input = Record<string, unknown>> {
  /** The tag the runtime dispatches on. */
  kind: "http";
  method: HttpMethod;
  /** Path template relative to the app's base URL. @example "/repos/{owner}/{repo}" */
  path: string;
  /** Every input argument and where it goes; `tsc` rejects a missing or unknown one. */
  params: { [K in keyof Input]-?: ParamBinding };
  /** Absent: the request has no body. */
  body?: BodyPlan;
}

/**
 * How to call a GraphQL operation: one POST of `{ query, variables, operationName }` to the app's endpoint.
 * `document` was validated against the schema at build time and is the only query text the tool ever sends:
 * arguments fill variables, never the document.
 */
export interface GraphqlRequest<Input = Record<string, unknown>> {
  /** The tag the runtime dispatches on. */
  kind: "graphql";
  /** The operation's type: queries are read-only, mutations are not. */
  operation: "query" | "mutation";
  /** Sent as `operationName`. @example "RepositoryIssues" */
  operationName: string;
  /** The operation and every fragment it uses, printed. */
  document: string;
  /** Every input argument and the variable it fills; `tsc` rejects a missing or unknown one. */
  variables: { [K in keyof Input]-?: string };
}

/** How a tool reaches its upstream, tagged by `kind`. */
export type ToolRequest<Input = Record<string, unknown>> = HttpRequest<Input> | GraphqlRequest<Input>;

/** One tool as generated/ declares it: what tools/list shows, plus how to call it. Plain data. */
export interface Tool<Input = Record<string, unknown>, Request extends ToolRequest<Input> = ToolRequest<Input>> {
  /** The MCP tool name, unique across apps. @example "repos_get" */
  name: string;
  /** The gateway.yaml app this tool belongs to. @example "github" */
  app: string;
  title?: string;
  description: string;
  annotations: ToolAnnotations;
  /** JSON Schema of the arguments; unknown arguments are refused. */
  inputSchema: JsonSchema & { type: "object" };
  /**
   * What the static tools/list shows instead of `inputSchema` when gateway.yaml's `budgets.cut` trimmed it to fit
   * the tool's token budget. Calls are validated against `inputSchema`, which enable-tools and search-tools return.
   */
  listedInputSchema?: JsonSchema & { type: "object" };
  /** Only when the 2xx response is an object schema we trust; enables `structuredContent`. */
  outputSchema?: JsonSchema & { type: "object" };
  /** Tags from the spec, sorted; search weighs them. Absent when the spec gave none. */
  tags?: string[];
  /**
   * OAuth scopes a caller needs, all of them, sorted: `mcp:read` for read-only tools and `mcp:write` for the
   * others unless gateway.yaml says otherwise per app or per tool. Enforced only for callers that carry scopes.
   */
  scopes: string[];
  request: Request;
  /** `tools.<key>.retry` of gateway.yaml: over the app's policy; `false` never retries. Absent: the app's. */
  retry?: RetryConfig | false;
}

/** A schema dialect as the server reads it; each tool's schema in it is in generated/dialects/<name>.ts. */
export interface DialectRuntime {
  /** @example "openai-strict" */
  name: string;
  /** Globs (`*`) over `clientInfo.name`: a client that matches gets this dialect when it asks for none. */
  clients: string[];
  /** What tools/call undoes, in this order, before validating arguments against the portable inputSchema. */
  reverse: DialectReverse[];
}

/**
 * A step back from a dialect's arguments to portable ones: `drop-optional-nulls` removes a null sent for a
 * property the portable schema does not require (a dialect that makes every property required has the model
 * send null for "absent"); `parse-json-objects` parses a string sent where the portable schema wants an object
 * (a dialect that cannot describe maps asks for JSON text).
 */
export type DialectReverse = "drop-optional-nulls" | "parse-json-objects";

/** generated/dialects/<name>.ts: tool name → that tool's inputSchema in the dialect. */
export type DialectSchemas = Record<string, JsonSchema & { type: "object" }>;

/**
 * `retry:` of an app or a tool. Idempotent calls (and GraphQL queries) that fail with no connection, a reset, a
 * 502/503/504 or a 429 are sent again after an exponential backoff with full jitter, within the call's timeout.
 */
export interface RetryConfig {
  /** Extra attempts after the first. @default 2 */
  attempts?: number;
  /** Methods retried; a GraphQL mutation counts as POST. @default ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"] */
  methods?: string[];
  /** First backoff ceiling; doubles per attempt. @default 100 */
  baseMs?: number;
  /** Backoff ceiling, and the longest Retry-After honoured (a longer one is not retried). @default 2000 */
  maxMs?: number;
}

/**
 * `breaker:` of an app: after `failures` consecutive upstream failures (no answer, or a 5xx) calls fail fast for
 * `cooldownMs`, then one probe call goes through.
 */
export interface BreakerConfig {
  /** Consecutive failures that open the breaker. @default 5 */
  failures?: number;
  /** How long it stays open before a probe. @default 30000 */
  cooldownMs?: number;
}

/** A tool called over HTTP. */
export type HttpTool<Input = Record<string, unknown>> = Tool<Input, HttpRequest<Input>>;

/** A tool that sends one GraphQL operation. */
export type GraphqlTool<Input = Record<string, unknown>> = Tool<Input, GraphqlRequest<Input>>;

/** A string that may hold `${ENV}` references, resolved at server start. @example "${GITHUB_TOKEN}" */
export type SecretRef = string;

/** How the gateway authenticates to an app's upstream API. Secrets stay `${ENV}` references until start-up. */
export type UpstreamAuth =
  | { type: "none" }
  | { type: "bearer"; token: SecretRef }
  | { type: "basic"; username: SecretRef; password: SecretRef }
  | { type: "api_key"; in: "header" | "query" | "cookie"; name: string; value: SecretRef }
  | OAuth2ClientCredentials
  | ForwardAuth;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): the gateway fetches an access token from `tokenUrl`, caches it
 * until shortly before it expires, and sends it as `Authorization: Bearer`.
 */
export interface OAuth2ClientCredentials {
  type: "oauth2_client_credentials";
  tokenUrl: string;
  clientId: SecretRef;
  clientSecret: SecretRef;
  /** Space-separated scopes to ask for. */
  scope?: string;
  /** RFC 8707 resource indicator, or an IdP's `audience` parameter. */
  audience?: string;
}

/**
 * Explicit pass-through: a value of the inbound request (a header, or a claim of the caller's verified token)
 * becomes an upstream header. Nothing is forwarded unless an app says so here.
 */
export interface ForwardAuth {
  type: "forward";
  from: "header" | "claim";
  /** The inbound header (lower case) or the claim. @example "x-upstream-token" @example "sub" */
  name: string;
  /** The upstream header it is sent as. @example "authorization" */
  header: string;
  /** Put before the value. @example "Bearer " */
  prefix?: string;
}

/** One app of gateway.yaml as the runtime needs it. */
export interface AppRuntime {
  /** The key under `apps:`. @example "github" */
  name: string;
  title?: string;
  /**
   * Default upstream base URL (a GraphQL app's endpoint); the env var `baseUrlEnv` overrides it.
   * @example "https://api.github.com"
   */
  baseUrl: string;
  /** The env var that overrides `baseUrl`. @default "GATEWAY_<APP>_BASE_URL" ("GATEWAY_<APP>_ENDPOINT" for GraphQL apps) */
  baseUrlEnv: string;
  auth: UpstreamAuth;
  /** Extra headers sent on every upstream request; values may hold `${ENV}`. */
  headers: Record<string, SecretRef>;
  /** Origins besides the base URL's that a redirect may lead to; every other redirect is refused. */
  redirectOrigins: string[];
  /** `retry:` of the app; `false` never retries. Absent: the defaults of `RetryConfig`. */
  retry?: RetryConfig | false;
  /** `breaker:` of the app; `false`: no circuit breaker. Absent: the defaults of `BreakerConfig`. */
  breaker?: BreakerConfig | false;
}

export interface PromptArgument {
  name: string;
  description?: string;
  /** The client must supply it. */
  required: boolean;
}

export interface PromptMessage {
  role: "user" | "assistant";
  /** Handlebars template precompiled at build time: the object `Handlebars.precompile` prints, for `Handlebars.template`. */
  template: object;
}

/** One prompt of gateway.yaml. */
export interface PromptRuntime {
  name: string;
  title?: string;
  description?: string;
  arguments: PromptArgument[];
  messages: PromptMessage[];
}

/** Who may call the server. Both kinds may be configured; a token is tried as a static one first. */
export interface InboundAuth {
  bearer?: { tokens: StaticToken[] };
  oauth?: OAuthResourceServer;
}

/** A static bearer token. Without `scopes` it may call every tool; without `apps` it sees every app. */
export interface StaticToken {
  token: SecretRef;
  scopes?: string[];
  apps?: string[];
}

/** The gateway as an OAuth 2.1 resource server: JWT access tokens verified against the issuer's keys. */
export interface OAuthResourceServer {
  /** @example "https://login.example.com/" */
  issuer: string;
  /** Accepted `aud` values. Absent: the server's public URL. */
  audience?: string[];
  /** Absent: discovered from the issuer's RFC 8414 or OpenID Connect metadata. */
  jwksUri?: string;
  /** Accepted JWS algorithms; only asymmetric ones. */
  algorithms: string[];
  /** Leeway for `exp`, `nbf` and `iat`. */
  clockToleranceSec: number;
  /** Scopes listed in the RFC 9728 metadata. Absent: every scope a tool needs. */
  scopesSupported?: string[];
  /** A claim listing the apps a caller may use (an array, or a space-separated string). Absent: every app. */
  appsClaim?: string;
  /** With `appsClaim`: the apps each value of that claim grants (a caller gets the union). Absent: the values are app names. */
  appsByClaimValue?: Record<string, string[]>;
  /** RFC 7662 introspection for tokens that are not JWTs. */
  introspection?: { endpoint: string; clientId: SecretRef; clientSecret: SecretRef; cacheTtlMs: number };
}

/** Where and how tool calls are written down. */
export interface AuditRuntime {
  /** Directory of the JSONL files, relative to the working directory. */
  dir: string;
  /** A new file each UTC day, or when the current one would pass `maxBytes`. */
  rotate: { every: "day" } | { every: "size"; maxBytes: number };
  /** Record argument values (redacted), not only their keys. */
  includeValues: boolean;
}

/** The runtime view of gateway.yaml, as emitted into generated/gateway.ts. Secrets stay `${ENV}` strings. */
export interface GatewayRuntime {
  /** Sent as `serverInfo.name`. */
  name: string;
  /** Sent as `serverInfo.version`. */
  version: string;
  /** What a client gets when it does not ask for `?mode=`. */
  mode: "static" | "dynamic";
  server: {
    http: { host: string; port: number; path: string };
    /**
     * The exact URL clients reach the MCP endpoint at (behind a proxy, the public one): the RFC 9728 `resource`
     * and the default OAuth audience. Absent: `http://<host>:<port><path>` of the listener.
     */
    publicUrl?: string;
    /** Inbound auth; absent means none, and then only loopback binds are allowed. */
    auth?: InboundAuth;
    /** Origins allowed besides the server's own; empty means only same-origin and loopback. */
    allowedOrigins: string[];
    sessions: {
      /** Idle sessions end after this long without a request. */
      idleTimeoutMs: number;
      /** Initializes beyond this many sessions open on this replica get a 503 (each replica counts its own). */
      maxSessions: number;
      /** Shared session state for replicas behind one load balancer; absent: this process's memory. */
      store?: { redis: { /** @example "${REDIS_URL}" */ url: SecretRef; /** @default "gateway:" */ keyPrefix: string } };
    };
    /** Largest inbound request body; larger ones get 413. */
    maxBodyBytes: number;
    /** Per-caller token bucket; absent: no rate limit. */
    rateLimit?: { requestsPerMinute: number; burst: number };
    /**
     * Prometheus metrics on the HTTP listener; GATEWAY_METRICS (on/off) and GATEWAY_METRICS_PATH override it.
     * Absent: enabled at /metrics.
     */
    metrics?: { enabled: boolean; path: string };
  };
  /** JSONL audit log of tool calls; absent: none. */
  audit?: AuditRuntime;
  /** Schema dialects served besides the portable schemas (generated/dialects/); absent: none. */
  dialects?: DialectRuntime[];
  /** Argument and response field names whose values are redacted in logs, errors and the audit log. */
  sensitiveFields: string[];
  limits: {
    /** Deadline of one upstream exchange, body included. */
    timeoutMs: number;
    /** Cap on a result's text (or base64 payload) in bytes. */
    maxResponseBytes: number;
  };
  apps: AppRuntime[];
  prompts: PromptRuntime[];
}
