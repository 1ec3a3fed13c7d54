// Walks the JSON Schemas of a plan (argument schemas, $defs, outputSchema) keyword-aware: a property named
// `title` or `description` is a property, never mistaken for the keyword.
import type { JsonSchema, ToolPlan } from "../../plan/tool-plan.js";

/** Keywords whose value is one subschema. */
const ONE = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
/** Keywords whose value is a list of subschemas. */
const LIST = ["anyOf", "oneOf", "allOf", "prefixItems"];
/** Keywords whose value maps names to subschemas. */
const MAP = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

const isSchema = (value: unknown): value is JsonSchema => value !== null && typeof value === "object" && !Array.isArray(value);

/** `schema` with `rewrite` applied to every subschema, innermost first; untouched branches keep their identity. */
export function mapSchema(schema: JsonSchema, rewrite: (node: JsonSchema) => JsonSchema): JsonSchema {
  let out: JsonSchema = schema;
  const set = (key: string, value: unknown) => {
    if (value === schema[key]) return;
    if (out === schema) out = { ...schema };
    out[key] = value;
  };
  for (const key of ONE) if (isSchema(schema[key])) set(key, mapSchema(schema[key], rewrite));
  for (const key of LIST) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    const mapped = list.map((item) => (isSchema(item) ? mapSchema(item, rewrite) : item));
    if (mapped.some((item, i) => item !== list[i])) set(key, mapped);
  }
  for (const key of MAP) {
    const map = schema[key];
    if (!isSchema(map)) continue;
    let changed = false;
    const mapped: JsonSchema = {};
    for (const [name, item] of Object.entries(map)) {
      mapped[name] = isSchema(item) ? mapSchema(item, rewrite) : item;
      changed ||= mapped[name] !== item;
    }
    if (changed) set(key, mapped);
  }
  return rewrite(out);
}

/** Which schemas of a plan a rule rewrites: the inputs (args and $defs), and the outputSchema too. */
export type SchemaScope = "input" | "all";

/** `plan` with `rewrite` applied to every subschema in `scope`. */
export function mapPlanSchemas(plan: ToolPlan, scope: SchemaScope, rewrite: (node: JsonSchema) => JsonSchema): ToolPlan {
  const args = plan.args.map((arg) => {
    const schema = mapSchema(arg.schema, rewrite);
    return schema === arg.schema ? arg : { ...arg, schema };
  });
  const defs: Record<string, JsonSchema> = {};
  for (const [key, def] of Object.entries(plan.defs)) defs[key] = mapSchema(def, rewrite);
  const out: ToolPlan = { ...plan, args, defs };
  if (scope === "all" && plan.outputSchema) out.outputSchema = mapSchema(plan.outputSchema, rewrite);
  return out;
}

/** `rewrite`, except that a text it would leave empty keeps the original: every tool and parameter stays described. */
function keepingText(rewrite: (text: string) => string): (text: string) => string {
  return (text) => {
    const rewritten = rewrite(text);
    return rewritten.trim() === "" ? text : rewritten;
  };
}

/** `plan` with `rewrite` applied to its description and to every schema `description`, outputSchema included. */
export function mapDescriptions(plan: ToolPlan, rewrite: (text: string) => string): ToolPlan {
  const keep = keepingText(rewrite);
  const out = mapPlanSchemas(plan, "all", (node) => {
    if (typeof node.description !== "string") return node;
    const description = keep(node.description);
    return description === node.description ? node : { ...node, description };
  });
  out.description = keep(plan.description);
  return out;
}

/** `plan` with `rewrite` applied to the tool's own description only, its schemas' left as they are. */
export function mapToolDescription(plan: ToolPlan, rewrite: (text: string) => string): ToolPlan {
  const description = keepingText(rewrite)(plan.description);
  return description === plan.description ? plan : { ...plan, description };
}
