// The portable inputSchema → OpenAI strict mode: every object closed (`additionalProperties: false`) with every
// property required, the optional ones made nullable (tools/call drops the nulls again: runtime/dialect-arguments.ts);
// maps and other free-form objects sent as JSON text; unsupported keywords and formats dropped.
import type { JsonSchema } from "../../../runtime/contract.js";
import { describe, isFreeFormObject, isSchema, propertiesOf, requiredOf, typesOf, withImpliedType, withoutAllOf } from "../schema-nodes.js";
import { STRICT_FORMATS, STRICT_KEYWORDS } from "./rules.js";

/** What a model may send for a schema that allows any value: strict mode has no "anything", and objects must be described. */
const ANY_SCALAR: JsonSchema[] = [{ type: "string" }, { type: "number" }, { type: "boolean" }];

export function toOpenAiStrict(schema: JsonSchema): JsonSchema & { type: "object" } {
  const root = objectNode(schema);
  if (isSchema(schema.$defs)) {
    root.$defs = Object.fromEntries(Object.entries(schema.$defs).filter(([, def]) => isSchema(def)).map(([key, def]) => [key, node(def as JsonSchema)]));
  }
  return root as JsonSchema & { type: "object" };
}

function node(input: JsonSchema): JsonSchema {
  const schema = withImpliedType(withoutAllOf(input));
  if (typeof schema.$ref === "string") return schema.description === undefined ? { $ref: schema.$ref } : { $ref: schema.$ref, description: schema.description };
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union)) return withAnnotations(schema, { anyOf: union.filter(isSchema).map(node) });
  if (isFreeFormObject(schema)) return jsonText(schema);
  const types = typesOf(schema);
  if (types.length === 0 && schema.enum === undefined && schema.const === undefined) return withAnnotations(schema, { anyOf: ANY_SCALAR });
  const nonNull = types.filter((t) => t !== "null");
  // Several non-null types become one branch each; strict mode documents unions as anyOf.
  if (nonNull.length > 1) {
    const branches = nonNull.map((type) => node({ ...schema, type, description: undefined }));
    if (types.includes("null")) branches.push({ type: "null" });
    return withAnnotations(schema, { anyOf: branches });
  }
  if (nonNull[0] === "object") return objectNode(schema);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!STRICT_KEYWORDS.has(key) || value === undefined) continue;
    if (key === "format" && !STRICT_FORMATS.has(value as string)) continue;
    if (key === "items") out.items = isSchema(value) ? node(value) : { anyOf: ANY_SCALAR };
    else if (key !== "properties" && key !== "required" && key !== "additionalProperties" && key !== "$defs") out[key] = value;
  }
  if (nonNull[0] === "array" && out.items === undefined) out.items = { anyOf: ANY_SCALAR };
  return out;
}

/** A closed object: every property required, the optional ones nullable. */
function objectNode(schema: JsonSchema): JsonSchema {
  const properties = propertiesOf(schema);
  const required = new Set(requiredOf(schema));
  const out: JsonSchema = { type: typesOf(schema).includes("null") ? ["object", "null"] : "object" };
  if (typeof schema.description === "string") out.description = schema.description;
  out.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, required.has(key) ? node(value) : nullable(node(value))]));
  out.required = Object.keys(properties);
  out.additionalProperties = false;
  return out;
}

/** A map or other object with keys the schema does not name: a JSON object as text (tools/call parses it back). */
function jsonText(schema: JsonSchema): JsonSchema {
  const type = typesOf(schema).includes("null") ? ["string", "null"] : "string";
  return { type, description: describe(schema, "(A JSON object, as a string.)") };
}

/** `schema` or null: what an optional property becomes once it must always be sent. */
export function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === "string" || Array.isArray(schema.type)) {
    const types = typesOf(schema);
    if (types.includes("null")) return schema;
    const out: JsonSchema = { ...schema, type: [...types, "null"] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
    return out;
  }
  if (Array.isArray(schema.anyOf)) {
    if ((schema.anyOf as JsonSchema[]).some((branch) => typesOf(branch).includes("null"))) return schema;
    return { ...schema, anyOf: [...(schema.anyOf as JsonSchema[]), { type: "null" }] };
  }
  if (Array.isArray(schema.enum)) return schema.enum.includes(null) ? schema : { ...schema, enum: [...schema.enum, null] };
  const { description, ...rest } = schema;
  return withAnnotations({ description }, { anyOf: [rest, { type: "null" }] });
}

/** `out` with `from`'s description, first. */
function withAnnotations(from: JsonSchema, out: JsonSchema): JsonSchema {
  return typeof from.description === "string" ? { description: from.description, ...out } : out;
}
