// The build passes, in order: filter → describe → override (drafts) → name (drafts → plans) → annotate → scope → lean (plans).
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolDraft, ToolPlan } from "../plan/tool-plan.js";
import { annotate } from "./annotate.js";
import { describe } from "./describe.js";
import { filter } from "./filter.js";
import { type LeanRule, lean } from "./lean/index.js";
import { name } from "./name.js";
import { override } from "./override.js";
import { scope } from "./scope.js";

export { NAME_PATTERN } from "./name-candidate.js";

/**
 * The order is the precedence: describe marks (or drops) deprecated tools and leads each description with a
 * sentence before override lays gateway.yaml's title and description over them; override drops hidden tools
 * before naming (so they take no name); name puts a gateway.yaml name first; annotate lays gateway.yaml hints
 * over the source's; scope reads the final hints; lean shrinks what the final plans list. `leanRules` picks the
 * lean rules (all by default; [] lists the plans as the sources made them). Returns plans sorted by (app, name).
 */
export function runPasses(drafts: ToolDraft[], config: Config, report: Report, leanRules?: readonly LeanRule[]): ToolPlan[] {
  const kept = override(describe(filter(drafts, config, report), config, report), config, report);
  return lean(scope(annotate(name(kept, config, report), config, report), config, report), config, leanRules);
}
