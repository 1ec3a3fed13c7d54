// The GraphQL source's annotation rules: queries read, mutations write, and a mutation whose name says it
// deletes is destructive. gateway.yaml `tools.<key>.annotations` overrides any of them per tool.
import type { HintRule, ToolAnnotations } from "../../plan/tool-plan.js";

const QUERY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const MUTATION: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

/** Verbs that start the name of a mutation that takes something away. */
export const DESTRUCTIVE_VERBS = ["delete", "remove", "cancel", "destroy", "revoke", "archive"] as const;

/** True when `name` starts with one of the verbs as a whole word: `deleteIssue`, `DeleteIssue`, `delete_issue`, not `deleted`. */
function startsDestructive(name: string): boolean {
  const lower = name.toLowerCase();
  return DESTRUCTIVE_VERBS.some((verb) => lower.startsWith(verb) && (name.length === verb.length || /[A-Z_0-9]/.test(name[verb.length]!)));
}

/**
 * The rule for one operation. `names` are what the operation goes by: its own name and its root fields' names
 * (a `CloseIssue` operation may call `deleteIssueComment`); any destructive one makes the tool destructive.
 */
export function operationRule(operation: "query" | "mutation", names: readonly string[]): HintRule {
  if (operation === "query") return { label: "a query", annotations: QUERY };
  const verb = names.find(startsDestructive);
  if (verb) return { label: `a mutation named "${verb}"`, annotations: { ...MUTATION, destructiveHint: true } };
  return { label: "a mutation", annotations: MUTATION };
}
