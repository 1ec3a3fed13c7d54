// budgets.cut: depth — the listed inputSchema of a tool over its token budget, with object schemas below a
// depth replaced by bare objects that name their fields. The full schema stays the tool's inputSchema.
import { isSchema, ONE_SUBSCHEMA, SUBSCHEMA_LISTS, SUBSCHEMA_MAPS } from "../plan/subschemas.js";
import type { JsonSchema } from "../plan/tool-plan.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import { unescapeToken } from "../../runtime/shared/json-pointer.js";

/** Where a cut object says what was left out and where to find it. */
const OMITTED = "fields omitted to fit the token budget";
const FULL_SCHEMA = "enable-tools or search-tools returns them in full";

/** A schema with named fields: what a cut replaces. */
function hasFields(schema: JsonSchema): schema is JsonSchema & { properties: Record<string, unknown> } {
  return isSchema(schema.properties) && Object.keys(schema.properties).length > 0;
}

/** Levels of objects with fields in `schema`: the inputSchema itself is 1, an argument's fields 2, and so on. */
export function depthOf(schema: unknown): number {
  if (!isSchema(schema)) return 0;
  let below = 0;
  for (const key of ONE_SUBSCHEMA) below = Math.max(below, depthOf(schema[key]));
  for (const key of SUBSCHEMA_MAPS) if (isSchema(schema[key])) for (const sub of Object.values(schema[key])) below = Math.max(below, depthOf(sub));
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(schema[key])) for (const sub of schema[key]) below = Math.max(below, depthOf(sub));
  return below + (hasFields(schema) ? 1 : 0);
}

/**
 * `schema` with every object that has fields at level `depth` (1: the inputSchema) or deeper replaced by
 * `{ type: "object", description }`. `$defs` are shared, so each is treated as deep as it can be: a `$ref`d
 * object with fields is listed bare; `$defs` no longer referenced are dropped.
 */
export function cutToDepth(schema: JsonSchema & { type: "object" }, depth: number): JsonSchema & { type: "object" } {
  const cut = (node: unknown, level: number): unknown => {
    if (!isSchema(node)) return node;
    if (hasFields(node) && level >= depth) return bare(node);
    const out: JsonSchema = {};
    const next = level + (hasFields(node) ? 1 : 0);
    for (const [key, value] of Object.entries(node)) {
      if (key === "$defs") continue;
      if (ONE_SUBSCHEMA.includes(key)) out[key] = cut(value, next);
      else if (SUBSCHEMA_MAPS.includes(key) && isSchema(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, cut(sub, next)]));
      else if (SUBSCHEMA_LISTS.includes(key) && Array.isArray(value)) out[key] = value.map((sub) => cut(sub, next));
      else out[key] = value;
    }
    return out;
  };
  const result = cut(schema, 1) as JsonSchema & { type: "object" };
  if (isSchema(schema.$defs)) {
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
    else if (isSchema(node)) {
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
