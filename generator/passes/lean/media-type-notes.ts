// Lean rule: a description's section on the custom media types an endpoint answers with ("This endpoint
// supports the following custom media types." and its list) goes when the tool has no `Accept` argument:
// the gateway sends its own Accept header, so the model can pick none of them.
import type { ToolPlan } from "../../plan/tool-plan.js";
import { mapToolDescription } from "./schema-walk.js";

/** The announcing paragraph and the list items (with their continuation lines) that follow it. */
const SECTION = /(^|\n)[^\n]*\bsupports the following custom media types\b[^\n]*(?:\n+(?:[-*] [^\n]*|  +[^\n]*))*/g;

export function withoutMediaTypes(text: string): string {
  if (!text.includes("custom media types")) return text;
  return text.replace(SECTION, "$1").replace(/\n{3,}/g, "\n\n").trim();
}

export function dropMediaTypeNotes(plan: ToolPlan): ToolPlan {
  if (plan.args.some((arg) => arg.in === "header" && arg.wire.toLowerCase() === "accept")) return plan;
  return mapToolDescription(plan, withoutMediaTypes);
}
