// Walks the JSON Schemas of a plan (argument schemas, $defs, outputSchema) keyword-aware: a property named
// `title` or `description` is a property, never mistaken for the keyword.
import { DEFINITION_MAPS, isSchema, ONE_SUBSCHEMA, SUBSCHEMA_LISTS, SUBSCHEMA_MAPS } from "../../plan/subschemas.js";
import type { JsonSchema, ToolPlan } from "../../plan/tool-plan.js";

/** Definitions too: a rule rewrites every subschema, shared ones included. */
const SCHEMA_MAPS = [...SUBSCHEMA_MAPS, ...DEFINITION_MAPS];

/** `schema` with `rewrite` applied to every subschema, innermost first; untouched branches keep their identity. */
function mapSchema(schema: JsonSchema, rewrite: (node: JsonSchema) => JsonSchema): JsonSchema {
  let out: JsonSchema = schema;
  const set = (key: string, value: unknown) => {
    if (value === schema[key]) return;
    if (out === schema) out = { ...schema };
    out[key] = value;
  };
  for (const key of ONE_SUBSCHEMA) if (isSchema(schema[key])) set(key, mapSchema(schema[key], rewrite));
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    const mapped = list.map((item) => (isSchema(item) ? mapSchema(item, rewrite) : item));
    if (mapped.some((item, i) => item !== list[i])) set(key, mapped);
  }
  for (const key of SCHEMA_MAPS) {
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
