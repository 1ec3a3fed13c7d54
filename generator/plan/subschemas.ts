// Which JSON Schema (2020-12) keywords hold subschemas: what the walkers that rewrite or measure a plan's
// schemas (passes/lean/schema-walk.ts, emit/cut.ts) descend into.
import type { JsonSchema } from "./tool-plan.js";

/** Keywords whose value is one subschema. */
export const ONE_SUBSCHEMA = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
/** Keywords whose value is a list of subschemas. */
export const SUBSCHEMA_LISTS = ["anyOf", "oneOf", "allOf", "prefixItems"];
/** Keywords whose value maps names to subschemas, besides the shared definitions. */
export const SUBSCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas"];
/** Keywords whose value maps names to shared definitions, which `$ref`s point to. */
export const DEFINITION_MAPS = ["$defs", "definitions"];

/** A schema object (not an array, not `true`/`false`). */
export const isSchema = (value: unknown): value is JsonSchema => value !== null && typeof value === "object" && !Array.isArray(value);
