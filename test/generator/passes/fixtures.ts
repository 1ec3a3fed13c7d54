// Tiny builders for ToolPlan and Config fixtures in the pass tests.
import type { AppConfig, Config } from "../../../generator/config/types.js";
import type { HttpMethod, ToolPlan } from "../../../generator/plan/tool-plan.js";

export interface PlanSpec {
  app?: string;
  operationId?: string;
  tags?: string[];
  file?: string;
  specHints?: ToolPlan["specHints"];
  description?: string;
}

/** JSON pointer of an operation: `/paths/~1pets~1{id}/get`. */
export function pointerFor(method: string, path: string): string {
  return `/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}`;
}

/** A plan as a source would produce it, from `"GET /pets"` and a few options. */
export function plan(key: string, spec: PlanSpec = {}): ToolPlan {
  const [method, path] = key.split(" ") as [HttpMethod, string];
  const app = spec.app ?? "app";
  return {
    name: spec.operationId ?? key,
    app,
    description: spec.description ?? key,
    args: [],
    defs: {},
    tags: spec.tags ?? [],
    request: { kind: "http", method, path },
    source: {
      file: spec.file ?? `specs/${app}.json`,
      pointer: pointerFor(method, path),
      keys: spec.operationId !== undefined ? [spec.operationId, key] : [key],
      ...(spec.operationId !== undefined ? { operationId: spec.operationId } : {}),
    },
    ...(spec.specHints ? { specHints: spec.specHints } : {}),
  };
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
    ...partial,
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
    },
    limits: { timeoutMs: 1000, maxResponseBytes: 1000 },
    naming: { maxLength },
    apps: [...apps].sort((a, b) => (a.name < b.name ? -1 : 1)),
    prompts: [],
    allowRemoteRefs: false,
  };
}

/** The first key of each plan ("operationId" or "METHOD /path"), sorted: what a filter kept. */
export function keysOfPlans(plans: ToolPlan[]): string[] {
  return plans.map((p) => p.source.keys[0]!).sort();
}
