// Pass 4: all four MCP hints: the method table, then the spec's `x-mcp-*` hints, then gateway.yaml; contradictions warn.
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { HttpMethod, ToolAnnotations, ToolPlan } from "../plan/tool-plan.js";
import { appOf, configLocation, overrideFor, toolsPath } from "./keys.js";

const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const WRITE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

/** Hints by HTTP method (RFC 9110 §9.2: safe and idempotent methods), before `x-mcp-*` and gateway.yaml. */
export const BY_METHOD: Record<HttpMethod, ToolAnnotations> = {
  GET: READ,
  HEAD: READ,
  OPTIONS: READ,
  TRACE: READ,
  PUT: { ...WRITE, idempotentHint: true },
  DELETE: { ...WRITE, destructiveHint: true, idempotentHint: true },
  POST: WRITE,
  PATCH: WRITE,
};

/** Hint combinations worth a warning, checked on the final hints. */
const CONTRADICTIONS: { when: (h: ToolAnnotations, method: HttpMethod) => boolean; says: (method: HttpMethod) => string }[] = [
  { when: (h, m) => m === "DELETE" && !h.destructiveHint, says: () => "a DELETE is marked destructiveHint: false" },
  { when: (h, m) => h.readOnlyHint && !(BY_METHOD[m] ?? WRITE).readOnlyHint, says: (m) => `a ${m} is marked readOnlyHint: true` },
  { when: (h) => h.readOnlyHint && h.destructiveHint, says: () => "readOnlyHint and destructiveHint are both true" },
];

/** Only the four known hints with boolean values: a stray key in a spec extension never reaches the output. */
function known(hints: Partial<ToolAnnotations> | undefined): Partial<ToolAnnotations> {
  const out: Partial<ToolAnnotations> = {};
  for (const key of Object.keys(READ) as (keyof ToolAnnotations)[]) {
    if (typeof hints?.[key] === "boolean") out[key] = hints[key];
  }
  return out;
}

export function annotate(plans: ToolPlan[], config: Config, report: Report): ToolPlan[] {
  return plans.map((plan) => {
    const app = appOf(config, plan.app);
    const found = overrideFor(plan, app);
    const fromConfig = known(found?.override.annotations);
    const annotations = { ...(BY_METHOD[plan.request.method] ?? WRITE), ...known(plan.specHints), ...fromConfig };
    for (const rule of CONTRADICTIONS.filter((r) => r.when(annotations, plan.request.method))) {
      const inConfig = found !== undefined && Object.keys(fromConfig).length > 0;
      report.warn({
        code: "GW320",
        message: `tool "${plan.name}": ${rule.says(plan.request.method)}`,
        ...(inConfig
          ? configLocation(config, app, found.key)
          : { file: plan.source.file, pointer: plan.source.pointer }),
        help: inConfig
          ? `check ${toolsPath(plan.app, found.key)}.annotations`
          : "check the operation's x-mcp-* hints, or set the hints under tools[…].annotations in gateway.yaml",
      });
    }
    return { ...plan, annotations };
  });
}
