// The normalised gateway.yaml: what load + validate + normalize hand to the rest of the build.
import type { GatewayRuntime, UpstreamAuth } from "../../runtime/contract.js";
import type { ToolAnnotations } from "../../runtime/contract.js";

/** include/exclude filter of one app. Every list is optional; an empty filter matches nothing. */
export interface FilterConfig {
  /** Spec tags. */
  tags?: string[];
  /** operationIds or `METHOD /path` keys. */
  operations?: string[];
  /** HTTP methods, upper case. */
  methods?: string[];
  /** Path globs: `*` matches within one segment, `**` across segments. @example "/repos/**" */
  paths?: string[];
}

/** Per-tool overrides in gateway.yaml, keyed by operationId or `METHOD /path`. */
export interface ToolOverride {
  name?: string;
  title?: string;
  description?: string;
  annotations?: Partial<ToolAnnotations>;
  hidden?: boolean;
}

/** Where a key or value sits in gateway.yaml, for diagnostics. */
export interface Position {
  line: number;
  column: number;
}

export interface AppConfig {
  name: string;
  title?: string;
  /** Spec path relative to the config directory. */
  openapi?: string;
  graphql?: string;
  /** Upstream base URL; defaults to the spec's first server URL. */
  baseUrl?: string;
  /** Env var that overrides baseUrl at runtime. @default "GATEWAY_<APP>_BASE_URL" */
  baseUrlEnv: string;
  auth: UpstreamAuth;
  headers: Record<string, string>;
  include?: FilterConfig;
  exclude?: FilterConfig;
  tools: Record<string, ToolOverride>;
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
  naming: NamingConfig;
  /** Apps in name order. */
  apps: AppConfig[];
  prompts: PromptConfig[];
  /** Allow `$ref`s to http(s) URLs in specs. @default false (SSRF) */
  allowRemoteRefs: boolean;
}
