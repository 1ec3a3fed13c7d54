// budgets.cut: depth — the listed inputSchema of a tool over its token budget, with object schemas below a
// depth replaced by bare objects that name their fields. The full schema stays the tool's inputSchema.
import type { JsonSchema } from "../plan/tool-plan.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import { unescapeToken } from "../../runtime/shared/json-pointer.js";

/** Where a cut object says what was left out and where to find it. */
const OMITTED = "fields omitted to fit the token budget";
const FULL_SCHEMA = "enable-tools or search-tools returns them in full";

/** Keywords whose value is one subschema, a map of them, or a list of them: where depth goes on. */
const ONE = ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems"];
const MAP = ["properties", "patternProperties", "dependentSchemas"];
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A schema with named fields: what a cut replaces. */
function hasFields(schema: JsonSchema): schema is JsonSchema & { properties: Record<string, unknown> } {
  return isObject(schema.properties) && Object.keys(schema.properties).length > 0;
}

/** Levels of objects with fields in `schema`: the inputSchema itself is 1, an argument's fields 2, and so on. */
export function depthOf(schema: unknown): number {
  if (!isObject(schema)) return 0;
  let below = 0;
  for (const key of ONE) below = Math.max(below, depthOf(schema[key]));
  for (const key of MAP) if (isObject(schema[key])) for (const sub of Object.values(schema[key])) below = Math.max(below, depthOf(sub));
  for (const key of LIST) if (Array.isArray(schema[key])) for (const sub of schema[key]) below = Math.max(below, depthOf(sub));
  return below + (hasFields(schema) ? 1 : 0);
}

/**
 * `schema` with every object that has fields at level `depth` (1: the inputSchema) or deeper replaced by
 * `{ type: "object", description }`. `$defs` are shared, so each is treated as deep as it can be: a `$ref`d
 * object with fields is listed bare; `$defs` no longer referenced are dropped.
 */
export function cutToDepth(schema: JsonSchema & { type: "object" }, depth: number): JsonSchema & { type: "object" } {
  const cut = (node: unknown, level: number): unknown => {
    if (!isObject(node)) return node;
    if (hasFields(node) && level >= depth) return bare(node);
    const out: JsonSchema = {};
    const next = level + (hasFields(node) ? 1 : 0);
    for (const [key, value] of Object.entries(node)) {
      if (key === "$defs") continue;
      if (ONE.includes(key)) out[key] = cut(value, next);
      else if (MAP.includes(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, cut(sub, next)]));
      else if (LIST.includes(key) && Array.isArray(value)) out[key] = value.map((sub) => cut(sub, next));
      else out[key] = value;
    }
    return out;
  };
  const result = cut(schema, 1) as JsonSchema & { type: "object" };
  if (isObject(schema.$defs)) {
    const defs = Object.fromEntries(Object.entries(schema.$defs).map(([name, def]) => [name, cut(def, depth)]));
    const used = referencedDefs(result, defs);
    if (used.length > 0) result.$defs = Object.fromEntries(used.map((name) => [name, defs[name]]));
  }
  return result;
}

/** `{ type: "object", description }` naming the fields left out. */
function bare(schema: JsonSchema & { properties: Record<string, unknown> }): JsonSchema {
  // Sorted, so a spec whose keys are reordered lists the same text.
  const fields = Object.keys(schema.properties).sort(compareCodeUnits).join(", ");
  const note = `(${OMITTED}: ${fields}; ${FULL_SCHEMA})`;
  const own = typeof schema.description === "string" && schema.description.trim() !== "" ? `${schema.description.trim()} ` : "";
  return { type: "object", description: `${own}${note}` };
}

/** Names of `$defs` that `schema` references, directly or through other defs, sorted. */
function referencedDefs(schema: unknown, defs: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (typeof node.$ref === "string" && node.$ref.startsWith("#/$defs/")) {
        const name = unescapeToken(decodeURIComponent(node.$ref.slice("#/$defs/".length)));
        if (!found.has(name) && name in defs) {
          found.add(name);
          visit(defs[name]);
        }
      }
      for (const value of Object.values(node)) visit(value);
    }
  };
  visit(schema);
  return [...found].sort();
}
