// Lean rule: a `maxLength` of 5000 or more goes. Stripe puts `maxLength: 5000` on nearly every string (ids,
// cursors, expand paths) as a storage cap, not a rule a model could break by accident. The one looser
// behaviour (documented in README "Lean tool lists"): a string over the cap is no longer refused by the
// gateway's argument check and reaches the upstream, which refuses it itself.
import type { JsonSchema, ToolPlan } from "../../plan/tool-plan.js";
import { mapPlanSchemas } from "./schema-walk.js";

/** Caps at or above this say nothing to a model. */
const STORAGE_CAP = 5000;

export function withoutStorageCap(node: JsonSchema): JsonSchema {
  if (typeof node.maxLength !== "number" || node.maxLength < STORAGE_CAP) return node;
  const { maxLength: _, ...rest } = node;
  return rest;
}

export function dropStorageCaps(plan: ToolPlan): ToolPlan {
  return mapPlanSchemas(plan, "input", withoutStorageCap);
}
