// The lean passes: rules that make the tools/list a model reads smaller without changing what a call may
// send. They run last, on final plans, whatever the source. Each rule is one module with its own table test;
// scripts/lean-savings.ts measures what each one saves.
import type { Config } from "../../config/types.js";
import type { ToolPlan } from "../../plan/tool-plan.js";
import { dropCaseNotes } from "./case-notes.js";
import { dropCredentialNotes } from "./credential-notes.js";
import { dropEmptyArguments } from "./empty-arguments.js";
import { plainHtml } from "./html-text.js";
import { plainLinks } from "./link-text.js";
import { dropMarkdownMarks } from "./markdown-marks.js";
import { dropMediaTypeNotes } from "./media-type-notes.js";
import { applyOutputPolicy } from "./output-schema.js";
import { dropReferences } from "./reference-sentences.js";
import { dropTitles } from "./schema-titles.js";
import { dropStorageCaps } from "./string-caps.js";
import { compactUnsetIdiom } from "./unset-idiom.js";

/** In order: links before HTML (an `<a>` keeps its text) and before reference sentences (which then end cleanly). */
export const LEAN_RULES = {
  "output-schema": applyOutputPolicy,
  "link-text": plainLinks,
  "html-text": plainHtml,
  "reference-sentences": dropReferences,
  "media-type-notes": dropMediaTypeNotes,
  "credential-notes": dropCredentialNotes,
  "case-notes": dropCaseNotes,
  "markdown-marks": dropMarkdownMarks,
  "schema-titles": dropTitles,
  "string-caps": dropStorageCaps,
  "unset-idiom": compactUnsetIdiom,
  "empty-arguments": dropEmptyArguments,
} satisfies Record<string, (plan: ToolPlan, config: Config) => ToolPlan>;

export type LeanRule = keyof typeof LEAN_RULES;

export const LEAN_RULE_NAMES = Object.keys(LEAN_RULES) as LeanRule[];

/** `plans` with every rule in `rules` applied (all of them by default). */
export function lean(plans: ToolPlan[], config: Config, rules: readonly LeanRule[] = LEAN_RULE_NAMES): ToolPlan[] {
  const enabled = LEAN_RULE_NAMES.filter((rule) => rules.includes(rule));
  return plans.map((plan) => enabled.reduce((p, rule) => LEAN_RULES[rule](p, config), plan));
}
