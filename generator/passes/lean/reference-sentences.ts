// Lean rule: sentences that only send the reader to documentation ("For more information, see …") go. With
// link targets gone they point nowhere a model can reach; GitHub repeats one on every `page` and `per_page`.
import type { ToolPlan } from "../../plan/tool-plan.js";
import { mapDescriptions } from "./schema-walk.js";

/**
 * A whole sentence that opens with "For more information/details" or "To learn more", or reads "See … for more
 * information/details.", ending at a full stop (inside a closing quote or not) before a space or the end.
 */
const REFERENCE = /(^|[.!?:]["”)]?\s+|\n)(?:(?:For more (?:information|details)|For details|To learn more)\b|See\b[^.\n]*?\bfor (?:more )?(?:information|details)\b)[^\n]*?(?:\.["”)]|["”)]\.|\.)(?=\s|$)/g;

export function withoutReferences(text: string): string {
  if (!/For more|For details|To learn more|for (?:more )?(?:information|details)/.test(text)) return text;
  return text.replace(REFERENCE, (_, before: string) => (before.startsWith("\n") ? before : before.trimEnd())).replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim();
}

export function dropReferences(plan: ToolPlan): ToolPlan {
  return mapDescriptions(plan, withoutReferences);
}
