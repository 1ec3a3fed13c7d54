// Lean rule: a schema `title` goes when it says nothing a model needs: an identifier (Stripe's
// `"title": "payment_intent_payment_method_options_param"` on every nested object) or a label next to a
// description. A prose title that is a subschema's only label (a oneOf branch's) stays.
import type { JsonSchema, ToolPlan } from "../../plan/tool-plan.js";
import { mapPlanSchemas } from "./schema-walk.js";

const IDENTIFIER = /^[A-Za-z0-9_.$:-]+$/;

export function withoutTitle(node: JsonSchema): JsonSchema {
  if (typeof node.title !== "string") return node;
  const described = typeof node.description === "string" && node.description.trim() !== "";
  if (!described && !IDENTIFIER.test(node.title)) return node;
  const { title: _, ...rest } = node;
  return rest;
}

export function dropTitles(plan: ToolPlan): ToolPlan {
  return mapPlanSchemas(plan, "input", withoutTitle);
}
