// The portable inputSchema → the Gemini API's OpenAPI 3.0 subset: $refs inlined (a cycle is cut where it
// recurs), `type` lists → one type + `nullable`, oneOf/allOf → anyOf/merged, enums of strings only, maps and
// other free-form objects sent as JSON text (tools/call parses them back), unsupported keywords and formats dropped.
import type { JsonSchema } from "../../../runtime/contract.js";
import { describe, isFreeFormObject, isSchema, propertiesOf, requiredOf, typesOf, withImpliedType, withoutAllOf } from "../schema-nodes.js";
import { GEMINI_FORMATS, GEMINI_KEYWORDS } from "./rules.js";

/** What a node became: its schema, or nothing (a recursion cut off, left out of its parent). */
type Out = JsonSchema | undefined;

export function toGemini(schema: JsonSchema): JsonSchema & { type: "object" } {
  // A tool without arguments: clients send no `parameters` for it (the API refuses an OBJECT without properties).
  if (Object.keys(propertiesOf(schema)).length === 0) return { type: "object", properties: {} };
  const defs = isSchema(schema.$defs) ? (schema.$defs as Record<string, JsonSchema>) : {};
  return { ...node(schema, { defs, inlining: [] }), type: "object" } as JsonSchema & { type: "object" };
}

interface Scope {
  defs: Record<string, JsonSchema>;
  /** The $defs being inlined on the way here: meeting one again is a cycle. */
  inlining: string[];
}

function node(input: JsonSchema, scope: Scope): Out {
  let schema = input;
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.startsWith("#/$defs/") ? schema.$ref.slice("#/$defs/".length) : undefined;
    const target = name === undefined ? undefined : scope.defs[name];
    // Gemini has no $ref: a definition met again inside itself is where the inlined copy stops.
    if (!target || scope.inlining.includes(name!)) return undefined;
    scope = { ...scope, inlining: [...scope.inlining, name!] };
    const { $ref: _ref, ...siblings } = schema;
    schema = { ...target, ...siblings };
  }
  schema = withImpliedType(withoutAllOf(schema, (member) => (typeof member.$ref === "string" ? (scope.defs[member.$ref.slice("#/$defs/".length)] ?? member) : member)));
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union)) return anyOf(schema, union.filter(isSchema), scope);
  if (isFreeFormObject(schema)) return jsonText(schema);
  const types = typesOf(schema);
  const nonNull = types.filter((t) => t !== "null");
  if (nonNull.length > 1) {
    return anyOf(schema, nonNull.map((type) => ({ ...schema, type, description: undefined })), scope, types.includes("null"));
  }
  const out: JsonSchema = {};
  if (nonNull.length === 1) out.type = nonNull[0];
  else if (types.length === 1) out.type = "null";
  if (typeof schema.title === "string") out.title = schema.title;
  if (typeof schema.description === "string") out.description = schema.description;
  if (types.includes("null") && nonNull.length === 1) out.nullable = true;
  for (const [key, value] of Object.entries(schema)) {
    if (!GEMINI_KEYWORDS.has(key) || value === undefined || key in out) continue;
    if (key === "properties" || key === "required" || key === "items" || key === "enum" || key === "anyOf") continue;
    if (key === "format" && !GEMINI_FORMATS[nonNull[0] ?? ""]?.has(value as string)) continue;
    out[key] = value;
  }
  if (schema.const !== undefined) enumOf(out, [schema.const]);
  if (Array.isArray(schema.enum)) enumOf(out, schema.enum);
  if (nonNull[0] === "array" || schema.items !== undefined) {
    // Items that recur inside themselves are JSON text, like a map; items of any kind are any text.
    out.items = isSchema(schema.items) ? (node(schema.items, scope) ?? jsonText(schema.items)) : { type: "string", description: "Any value, as text." };
  }
  if (nonNull[0] === "object" || isSchema(schema.properties)) {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, value] of Object.entries(propertiesOf(schema))) {
      const property = node(value, scope);
      if (property) properties[key] = property;
    }
    // A recursion cut off at a required property cannot be left out: the object becomes JSON text instead.
    const required = requiredOf(schema).filter((key) => key in propertiesOf(schema));
    if (required.some((key) => !(key in properties))) return jsonText(schema);
    if (Object.keys(properties).length === 0) return jsonText(schema);
    out.properties = properties;
    if (required.length > 0) out.required = required;
  }
  return out;
}

/** `anyOf` without `null` branches (they make the rest `nullable`), collapsed when one branch is left. */
function anyOf(schema: JsonSchema, members: JsonSchema[], scope: Scope, withNull = false): Out {
  const nullable = withNull || members.some((m) => typesOf(m).length === 1 && typesOf(m)[0] === "null");
  const branches = members.filter((m) => !(typesOf(m).length === 1 && typesOf(m)[0] === "null")).map((m) => node(m, scope));
  if (branches.some((b) => b === undefined)) return undefined;
  const kept = branches as JsonSchema[];
  const annotations: JsonSchema = {};
  if (typeof schema.description === "string") annotations.description = schema.description;
  if (kept.length === 1) return { ...kept[0], ...annotations, ...(nullable && { nullable: true }) };
  return { ...annotations, anyOf: nullable ? kept.map((b) => ({ ...b, nullable: true })) : kept };
}

/** Gemini enums hold strings: a null value makes the node nullable; other values are named in the description. */
function enumOf(out: JsonSchema, values: unknown[]): void {
  if (values.includes(null)) out.nullable = true;
  const rest = values.filter((v) => v !== null);
  if (rest.every((v) => typeof v === "string")) {
    if (out.type === undefined) out.type = "string";
    if (out.type === "string") out.enum = rest;
    return;
  }
  out.description = describe(out, `One of: ${rest.map((v) => JSON.stringify(v)).join(", ")}.`);
}

/** A map or other object with keys the schema does not name: a JSON object as text (tools/call parses it back). */
function jsonText(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { type: "string", description: describe(schema, "(A JSON object, as a string.)") };
  if (typesOf(schema).includes("null")) out.nullable = true;
  return out;
}
