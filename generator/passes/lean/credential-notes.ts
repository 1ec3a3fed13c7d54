// Lean rule: sentences telling which token scopes or permissions the upstream credential needs ("OAuth app
// tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.") go from tool
// descriptions. The gateway holds the credential and the model cannot change it; a missing scope comes back
// as the upstream's own 403 text, which names it.
import type { ToolPlan } from "../../plan/tool-plan.js";
import { mapToolDescription } from "./schema-walk.js";

/** One sentence: up to a full stop before a space or the end, on one line. */
const SENTENCE = /[^.\n]*(?:\.(?!\s|$)[^.\n]*)*\.(?=\s|$)/g;
const TOKEN = /\btokens?\b/i;
const GRANT = /\b(?:scopes?|permissions?)\b/i;

export function withoutCredentialNotes(text: string): string {
  if (!TOKEN.test(text)) return text;
  return text
    .replace(SENTENCE, (sentence) => (TOKEN.test(sentence) && GRANT.test(sentence) ? "" : sentence))
    .replace(/[ \t]+(?=\n|$)/g, "")
    .replace(/ {2,}/g, " ")
    .replace(/\n +/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function dropCredentialNotes(plan: ToolPlan): ToolPlan {
  return mapToolDescription(plan, withoutCredentialNotes);
}
