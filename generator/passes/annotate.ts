// Pass 4: the final hints: the source's (its rule table, then the spec's own hints), then gateway.yaml; contradictions warn.
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolAnnotations, ToolPlan } from "../plan/tool-plan.js";
import { appOf, configLocation, overrideFor, toolsPath } from "./keys.js";

const HINT_KEYS: readonly (keyof ToolAnnotations)[] = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"];

/** Hint combinations worth a warning, checked on the final hints against what the source's rule table said. */
const CONTRADICTIONS: { when: (final: ToolAnnotations, rule: ToolAnnotations) => boolean; says: (label: string) => string }[] = [
  { when: (h, rule) => rule.destructiveHint && !h.destructiveHint, says: (label) => `${label} is marked destructiveHint: false` },
  { when: (h, rule) => h.readOnlyHint && !rule.readOnlyHint, says: (label) => `${label} is marked readOnlyHint: true` },
  { when: (h) => h.readOnlyHint && h.destructiveHint, says: () => "readOnlyHint and destructiveHint are both true" },
];

/** Only the four known hints with boolean values: a stray key in gateway.yaml never reaches the output. */
function known(hints: Partial<ToolAnnotations> | undefined): Partial<ToolAnnotations> {
  const out: Partial<ToolAnnotations> = {};
  for (const key of HINT_KEYS) if (typeof hints?.[key] === "boolean") out[key] = hints[key];
  return out;
}

export function annotate(plans: ToolPlan[], config: Config, report: Report): ToolPlan[] {
  return plans.map((plan) => {
    const app = appOf(config, plan.app);
    const found = overrideFor(plan, app);
    const fromConfig = known(found?.override.annotations);
    const annotations = { ...plan.annotations, ...fromConfig };
    for (const rule of CONTRADICTIONS.filter((r) => r.when(annotations, plan.rule.annotations))) {
      const inConfig = found !== undefined && Object.keys(fromConfig).length > 0;
      report.warn({
        code: "GW320",
        message: `tool "${plan.name}": ${rule.says(plan.rule.label)}`,
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
