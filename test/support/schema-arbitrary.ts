// fast-check values shaped by a tool's JSON Schema (the subset the generator emits: types, enum, const,
// anyOf/oneOf/allOf, $ref into $defs, formats, bounds), mostly valid, small, with "" and awkward text often.
// Not a full JSON Schema generator: a value it makes may still be invalid (a pattern), which the property
// tests use as well, since both tools compared must then refuse it alike.
import fc from "fast-check";
import type { JsonSchema } from "../../runtime/contract.js";

const TEXT = fc.oneof(
  { arbitrary: fc.constantFrom("", "a", "a b&c=d", "x/y", "é💥", "[0]", "%2F", "1"), weight: 2 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 3 },
);

/** Most levels of objects and arrays generated below the arguments; deeper optional parts are left out. */
const MAX_DEPTH = 4;

export function schemaArbitrary(schema: JsonSchema, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === "string") {
    const key = decodeURIComponent(schema.$ref.replace(/^#\/\$defs\//, "")).replace(/~1/g, "/").replace(/~0/g, "~");
    const target = (root.$defs as Record<string, JsonSchema> | undefined)?.[key];
    return target ? schemaArbitrary(target, root, depth + 1) : fc.constant(null);
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const keyword of ["anyOf", "oneOf"]) {
    const members = schema[keyword];
    if (Array.isArray(members)) return fc.oneof(...members.map((member) => schemaArbitrary({ ...withoutKeyword(schema, keyword), ...(member as JsonSchema) }, root, depth)));
  }
  if (Array.isArray(schema.allOf)) return schemaArbitrary(mergeAll(schema, root), root, depth);
  const type = schema.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => schemaArbitrary({ ...schema, type: t }, root, depth)));
  switch (type) {
    case "string":
      return stringOf(schema);
    case "integer":
      return fc.integer({ min: typeof schema.minimum === "number" ? Math.ceil(schema.minimum) : -5, max: typeof schema.maximum === "number" ? Math.floor(schema.maximum) : 100_000 });
    case "number":
      return fc.integer({ min: -500, max: 500 }).map((n) => n / 4);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
      if (depth >= MAX_DEPTH && minLength === 0) return fc.constant([]);
      return fc.array(schemaArbitrary(items, root, depth + 1), { minLength, maxLength: Math.max(minLength, 2) });
    }
    case "object":
      return objectOf(schema, root, depth);
    default:
      return schema.properties ? objectOf(schema, root, depth) : fc.oneof(TEXT, fc.integer(), fc.boolean());
  }
}

function withoutKeyword(schema: JsonSchema, keyword: string): JsonSchema {
  const { [keyword]: _, description: __, ...rest } = schema;
  return rest;
}

/** allOf as one schema: the members' properties and required lists together (what the specs use it for). */
function mergeAll(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...withoutKeyword(schema, "allOf"), type: "object", properties: { ...(schema.properties as object) }, required: [...((schema.required as string[]) ?? [])] };
  for (const raw of schema.allOf as JsonSchema[]) {
    const member = typeof raw.$ref === "string" ? ((root.$defs as Record<string, JsonSchema>)[raw.$ref.replace(/^#\/\$defs\//, "")] ?? {}) : raw;
    Object.assign(merged.properties as object, member.properties ?? {});
    (merged.required as string[]).push(...((member.required as string[]) ?? []));
  }
  return merged;
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === "date-time") return fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === "date") return fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === "email") return fc.constantFrom("a@example.com", "x.y@example.org");
  if (schema.format === "uri") return fc.constantFrom("https://example.com/a?b=c", "https://example.org/");
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  const text = min > 0 ? fc.string({ minLength: min, maxLength: Math.max(min, 12) }) : TEXT;
  return text.filter((s) => s.length >= min && s.length <= max);
}

function objectOf(schema: JsonSchema, root: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const names = Object.keys(properties).filter((name) => required.has(name) || depth < MAX_DEPTH);
  if (names.length === 0 && schema.additionalProperties !== false && typeof schema.additionalProperties !== "boolean") {
    const values = typeof schema.additionalProperties === "object" ? schemaArbitrary(schema.additionalProperties as JsonSchema, root, depth + 1) : TEXT;
    return fc.dictionary(fc.constantFrom("k", "order_id", "a b"), values, { maxKeys: 2 });
  }
  const parts = names.map((name) => {
    const value = schemaArbitrary(properties[name]!, root, depth + 1);
    return required.has(name) ? value : fc.option(value, { nil: undefined, freq: 2 });
  });
  return fc.tuple(...parts).map((values) => {
    const out: Record<string, unknown> = {};
    names.forEach((name, i) => values[i] !== undefined && (out[name] = values[i]));
    return out;
  });
}
