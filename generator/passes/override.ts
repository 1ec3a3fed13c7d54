// Pass 2: gateway.yaml `tools:` entries: drop hidden tools, set title and description.
// Names are applied by the name pass and annotations by the annotate pass, so each precedence rule lives once.
import type { Config, ToolOverride } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolDraft } from "../plan/tool-plan.js";
import { appOf, overrideFor } from "./keys.js";

/** Fields copied from a `tools:` entry onto the plan; an empty string never replaces a description. */
const RULES: ((plan: ToolDraft, override: ToolOverride) => ToolDraft)[] = [
  (plan, o) => (o.title !== undefined ? { ...plan, title: o.title } : plan),
  (plan, o) => (o.description !== undefined && o.description.trim() !== "" ? { ...plan, description: o.description } : plan),
  (plan, o) => (o.retry !== undefined ? { ...plan, retry: o.retry } : plan),
];

export function override(plans: ToolDraft[], config: Config, _report: Report): ToolDraft[] {
  const out: ToolDraft[] = [];
  for (const plan of plans) {
    const found = overrideFor(plan, appOf(config, plan.app));
    if (!found) {
      out.push(plan);
      continue;
    }
    if (found.override.hidden === true) continue;
    out.push(RULES.reduce((p, rule) => rule(p, found.override), plan));
  }
  return out;
}
