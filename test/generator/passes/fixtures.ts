// Tiny builders for ToolDraft, ToolPlan and Config fixtures in the pass tests.
import type { AppConfig, Config } from "../../../generator/config/types.js";
import type { HttpMethod, ToolAnnotations, ToolDraft, ToolPlan } from "../../../generator/plan/tool-plan.js";
import { methodRule } from "../../../generator/sources/openapi/method-hints.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

export interface PlanSpec {
  app?: string;
  operationId?: string;
  tags?: string[];
  file?: string;
  /** Hints the spec declared (`x-mcp-*`), laid over the method table as the OpenAPI source does. */
  specHints?: Partial<ToolAnnotations>;
  description?: string;
}

/** JSON pointer of an operation: `/paths/~1pets~1{id}/get`. */
export function pointerFor(method: string, path: string): string {
  return `/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}`;
}

/** A draft as the OpenAPI source would produce it, from `"GET /pets"` and a few options. */
export function plan(key: string, spec: PlanSpec = {}): ToolDraft {
  const [method, path] = key.split(" ") as [HttpMethod, string];
  const app = spec.app ?? "app";
  const rule = methodRule(method);
  return {
    candidate: spec.operationId ?? key,
    app,
    description: spec.description ?? key,
    annotations: { ...rule.annotations, ...spec.specHints },
    rule,
    args: [],
    defs: {},
    tags: spec.tags ?? [],
    request: { kind: "http", method, path },
    source: {
      file: spec.file ?? `specs/${app}.json`,
      pointer: pointerFor(method, path),
      keys: spec.operationId !== undefined ? [spec.operationId, key] : [key],
      ...(spec.operationId !== undefined ? { operationId: spec.operationId } : {}),
      route: { method, path },
    },
  };
}

/**
 * A draft as the GraphQL source would produce it: no route, keys from its root field or operation name.
 * @example graphqlPlan("mutation", ["createIssue", "Mutation.createIssue"])
 */
export function graphqlPlan(operation: "query" | "mutation", keys: string[], app = "app"): ToolDraft {
  const rule = { label: `a ${operation}`, annotations: { readOnlyHint: operation === "query", destructiveHint: operation === "mutation", idempotentHint: operation === "query", openWorldHint: true } };
  return {
    candidate: keys[0]!,
    app,
    description: keys[0]!,
    annotations: { ...rule.annotations },
    rule,
    args: [],
    defs: {},
    tags: [],
    request: { kind: "graphql", operation, operationName: keys[0]!, document: `${operation} ${keys[0]} { x }` },
    source: { file: `specs/${app}.graphql`, pointer: `/${keys[keys.length - 1]}`, keys },
  };
}

/** The plan the name pass would make of `draft` if nothing collided. */
export function named(draft: ToolDraft, name = draft.candidate): ToolPlan {
  const { candidate: _, ...rest } = draft;
  return { ...rest, name };
}

/** An app config with defaults; `tools` positions are made up from the key order (line 10, 11, …). */
export function app(name: string, partial: Partial<AppConfig> = {}): AppConfig {
  const tools = partial.tools ?? {};
  const positions = partial.positions ?? {
    app: { line: 3, column: 3 },
    tools: Object.fromEntries(Object.keys(tools).map((key, i) => [key, { line: 10 + i, column: 7 }])),
  };
  return {
    name,
    baseUrlEnv: `GATEWAY_${name.toUpperCase()}_BASE_URL`,
    auth: { type: "none" },
    headers: {},
    redirectOrigins: [],
    deprecated: "mark",
    ...partial,
    scopes: partial.scopes ?? { read: ["mcp:read"], write: ["mcp:write"] },
    tools,
    positions,
  };
}

/** A whole config around `apps`. */
export function config(apps: AppConfig[], maxLength = 48): Config {
  return {
    path: "/nowhere/gateway.yaml",
    root: "/nowhere",
    file: "gateway.yaml",
    name: "test",
    version: "0.0.0",
    mode: "static",
    server: {
      http: { host: "127.0.0.1", port: 0, path: "/mcp" },
      allowedOrigins: [],
      sessions: { idleTimeoutMs: 60_000, maxSessions: 10 },
      maxBodyBytes: 1_048_576,
    },
    limits: { timeoutMs: 1000, maxResponseBytes: 1000 },
    sensitiveFields: [],
    naming: { maxLength },
    dialects: [],
    budgets: { positions: {} },
    apps: [...apps].sort((a, b) => compareCodeUnits(a.name, b.name)),
    prompts: [],
    allowRemoteRefs: false,
  };
}

/** The first key of each plan ("operationId" or "METHOD /path"), sorted: what a filter kept. */
export function keysOfPlans(plans: { source: { keys: string[] } }[]): string[] {
  return plans.map((p) => p.source.keys[0]!).sort();
}
