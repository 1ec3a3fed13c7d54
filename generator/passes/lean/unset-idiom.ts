// Lean rule: Stripe's "send an empty string to unset" idiom, `anyOf: [X, {type: string, enum: [""]}]`
// (hundreds of times in one spec), becomes an equivalent smaller schema: exactly the same values validate,
// so whatever a model sends is accepted as before and builds the same request.
import type { JsonSchema, ToolPlan } from "../../plan/tool-plan.js";
import { mapPlanSchemas } from "./schema-walk.js";

/** `{enum: [""]}`, `{type: "string", enum: [""]}` or `{const: ""}`, with nothing else. */
function isEmptyStringOnly(node: unknown): boolean {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return false;
  const { type, enum: values, const: constant, ...rest } = node as JsonSchema;
  if (Object.keys(rest).length > 0 || (type !== undefined && type !== "string")) return false;
  if (constant !== undefined) return constant === "" && values === undefined;
  return Array.isArray(values) && values.length === 1 && values[0] === "";
}

/** Keywords of a string schema that "" satisfies whatever their value. */
const HARMLESS_FOR_EMPTY = new Set(["type", "description", "title", "maxLength", "default", "examples", "deprecated", "readOnly", "writeOnly"]);

/** `other` widened to accept "" as well, when one string schema can say so; undefined otherwise. */
function stringWithEmpty(other: JsonSchema): JsonSchema | undefined {
  if (other.type !== "string") return undefined;
  const keys = Object.keys(other);
  if (keys.every((key) => HARMLESS_FOR_EMPTY.has(key))) return other;
  if (Array.isArray(other.enum) && keys.every((key) => key === "enum" || HARMLESS_FOR_EMPTY.has(key))) {
    return other.enum.includes("") ? other : { ...other, enum: [...other.enum, ""] };
  }
  return undefined;
}

/** Outer keywords that may sit beside a merged member: labels, where the outer one wins. */
const LABELS = new Set(["description", "title"]);

export function compactUnset(node: JsonSchema): JsonSchema {
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = node[keyword];
    if (!Array.isArray(members) || members.length !== 2) continue;
    const unset = members.findIndex(isEmptyStringOnly);
    const other = members[1 - unset] as JsonSchema | undefined;
    if (unset < 0 || !other || typeof other !== "object" || Array.isArray(other) || isEmptyStringOnly(other)) continue;
    const { [keyword]: _, ...rest } = node;
    const merged = stringWithEmpty(other);
    // Merging is only sound when the outer schema adds nothing but labels (its other keywords would
    // then overwrite the member's), and for oneOf only when "" did not match `other` too (it would refuse "").
    const restOnlyLabels = Object.keys(rest).every((key) => LABELS.has(key));
    if (merged && restOnlyLabels && (keyword === "anyOf" || merged !== other)) return { ...merged, ...rest };
    if (keyword === "oneOf" && (other.type === undefined || other.type === "string")) continue;
    const compact = [...members];
    compact[unset] = { const: "" };
    return { ...node, [keyword]: compact };
  }
  return node;
}

export function compactUnsetIdiom(plan: ToolPlan): ToolPlan {
  return mapPlanSchemas(plan, "input", compactUnset);
}
