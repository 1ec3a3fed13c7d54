// Lean rule: "The name is not case sensitive." after a parameter's description goes. GitHub puts it on every
// owner, repo and org (some 1,450 times); a model sends the name as it has it either way.
import type { ToolPlan } from "../../plan/tool-plan.js";
import { mapDescriptions } from "./schema-walk.js";

/** A whole sentence of that one shape, and the space before it. */
const CASE_NOTE = /(^|\s+)(?:The|This|Its) (?:[\w-]+ ){0,3}(?:is|are) (?:not case[- ]sensitive|case[- ]insensitive)\.(?=\s|$)/g;

export function withoutCaseNotes(text: string): string {
  if (!/case[- ](?:in)?sensitive/.test(text)) return text;
  return text.replace(CASE_NOTE, "").trim();
}

export function dropCaseNotes(plan: ToolPlan): ToolPlan {
  return mapDescriptions(plan, withoutCaseNotes);
}
