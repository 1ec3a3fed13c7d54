// The runtime view of gateway.yaml, as emitted into generated/gateway.ts. Secrets stay `${ENV}` strings
// here; runtime/config/ resolves them at start-up. Types only.

/** A string that may hold `${ENV}` references, resolved at server start. @example "${GITHUB_TOKEN}" */
export type SecretRef = string;

export type UpstreamAuth =
  | { type: "none" }
  | { type: "bearer"; token: SecretRef }
  | { type: "basic"; username: SecretRef; password: SecretRef }
  | { type: "api_key"; in: "header" | "query" | "cookie"; name: string; value: SecretRef };

export interface AppRuntime {
  name: string;
  title?: string;
  /** Default upstream base URL; the env var `base_url_env` (default `GATEWAY_<APP>_BASE_URL`) overrides it. */
  baseUrl: string;
  baseUrlEnv: string;
  auth: UpstreamAuth;
  /** Extra headers sent on every upstream request; values may hold `${ENV}`. */
  headers: Record<string, SecretRef>;
}

export interface PromptArgument {
  name: string;
  description?: string;
  required: boolean;
}

export interface PromptMessage {
  role: "user" | "assistant";
  /** Handlebars template precompiled at build time: the object `Handlebars.precompile` prints, for `Handlebars.template`. */
  template: object;
}

export interface PromptRuntime {
  name: string;
  title?: string;
  description?: string;
  arguments: PromptArgument[];
  messages: PromptMessage[];
}

export interface GatewayRuntime {
  name: string;
  version: string;
  /** What a client gets when it does not ask for `?mode=`. */
  mode: "static" | "dynamic";
  server: {
    http: { host: string; port: number; path: string };
    /** Inbound auth; absent means none, and then only loopback binds are allowed. */
    auth?: { bearer?: { tokens: SecretRef[] } };
    /** Origins allowed besides the server's own; empty means only same-origin and loopback. */
    allowedOrigins: string[];
    sessions: { idleTimeoutMs: number; maxSessions: number };
  };
  limits: { timeoutMs: number; maxResponseBytes: number };
  apps: AppRuntime[];
  prompts: PromptRuntime[];
}
