// GraphQL input types → JSON Schema for a tool's arguments: scalars by the config's map, enums, lists, input
// objects (inline when used once, `$defs` when shared or recursive), `@oneOf` inputs as exactly one property.
import {
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedInputType,
  type GraphQLScalarType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import type { JsonSchema } from "../../plan/tool-plan.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

/** The five built-in scalars. ID is a string on the wire whichever way the server stores it. */
export const BUILT_IN_SCALARS: Readonly<Record<string, JsonSchema>> = {
  Int: { type: "integer" },
  Float: { type: "number" },
  String: { type: "string" },
  Boolean: { type: "boolean" },
  ID: { type: "string" },
};

/** One description line at most: enough for a model, and the full text stays in the schema. */
const DESCRIPTION_CHARS = 300;

export function shortDescription(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return undefined;
  return flat.length > DESCRIPTION_CHARS ? `${flat.slice(0, DESCRIPTION_CHARS - 1).trimEnd()}…` : flat;
}

/** Converts the input types of one tool; `defs` collects what is referenced by `#/$defs/<type name>`. */
export class InputSchemas {
  readonly defs: Record<string, JsonSchema> = {};
  readonly #uses = new Map<string, number>();
  readonly #recursive = new Set<string>();

  constructor(private readonly scalars: Record<string, JsonSchema>) {}

  /**
   * Counts how often each input object is reached from `types` (all of one tool's arguments), so `schemaOf`
   * can inline the ones used once. Call once per tool, before `schemaOf`.
   */
  countUses(types: readonly GraphQLInputType[]): void {
    const walk = (type: GraphQLInputType, path: string[]) => {
      const named = getNamedType(type);
      if (!isInputObjectType(named)) return;
      if (path.includes(named.name)) {
        this.#recursive.add(named.name);
        return;
      }
      const uses = (this.#uses.get(named.name) ?? 0) + 1;
      this.#uses.set(named.name, uses);
      if (uses > 1) return;
      for (const field of Object.values(named.getFields())) walk(field.type, [...path, named.name]);
    };
    for (const type of types) walk(type, []);
  }

  /** The schema of a value of `type`; nullability is the caller's business (`required`). */
  schemaOf(type: GraphQLInputType): JsonSchema {
    if (isNonNullType(type)) return this.schemaOf(type.ofType);
    if (isListType(type)) return { type: "array", items: this.schemaOf(type.ofType) };
    return this.#named(type);
  }

  /**
   * `schemaOf` with the description and default of an argument, variable or input field folded in. The
   * field's words come first; what the value's type must say anyway (a custom scalar's name, a `@oneOf`'s
   * "exactly one of") is kept after them.
   */
  describedSchemaOf(type: GraphQLInputType, description: string | null | undefined, defaultValue?: unknown): JsonSchema {
    const schema = { ...this.schemaOf(type) };
    const text = shortDescription(description);
    if (text) {
      const note = this.#typeNote(getNamedType(type));
      schema.description = note && !isListType(isNonNullType(type) ? type.ofType : type) ? `${text} ${note}` : text;
    }
    if (defaultValue !== undefined) schema.default = defaultValue;
    return schema;
  }

  /** What a value of `type` must be told beyond its field's description; undefined for most types. */
  #typeNote(type: GraphQLNamedInputType): string | undefined {
    if (isScalarType(type) && !(type.name in BUILT_IN_SCALARS) && !this.scalars[type.name]) return `(GraphQL scalar ${type.name})`;
    if (isInputObjectType(type) && type.isOneOf) return `Give exactly one of: ${Object.keys(type.getFields()).sort(compareCodeUnits).join(", ")}.`;
    return undefined;
  }

  #named(type: GraphQLNamedInputType): JsonSchema {
    if (isScalarType(type)) return this.#scalar(type);
    if (isEnumType(type)) {
      const values = type.getValues().filter((v) => !v.deprecationReason).map((v) => v.name);
      const schema: JsonSchema = { type: "string", enum: values.length > 0 ? values : type.getValues().map((v) => v.name) };
      const text = shortDescription(type.description);
      if (text) schema.description = text;
      return schema;
    }
    if (isInputObjectType(type)) return this.#inputObject(type);
    return {};
  }

  #scalar(type: GraphQLScalarType): JsonSchema {
    const configured = this.scalars[type.name];
    if (configured) return structuredClone(configured);
    const builtIn = BUILT_IN_SCALARS[type.name];
    if (builtIn) return { ...builtIn };
    const about = shortDescription(type.description);
    return { type: "string", description: `GraphQL scalar ${type.name}${about ? `: ${about}` : ""}` };
  }

  #inputObject(type: GraphQLInputObjectType): JsonSchema {
    const shared = (this.#uses.get(type.name) ?? 0) > 1 || this.#recursive.has(type.name);
    if (!shared) return this.#objectSchema(type);
    if (!(type.name in this.defs)) {
      this.defs[type.name] = {}; // placeholder first: a recursive field refers to it while it is built
      this.defs[type.name] = this.#objectSchema(type);
    }
    return { $ref: `#/$defs/${type.name}` };
  }

  #objectSchema(type: GraphQLInputObjectType): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const fields = Object.values(type.getFields()).sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const field of fields) {
      properties[field.name] = this.describedSchemaOf(field.type, field.description, jsonDefault(field.defaultValue, field.type));
      if (isNonNullType(field.type) && field.defaultValue === undefined) required.push(field.name);
    }
    const schema: JsonSchema = { type: "object", properties };
    const text = shortDescription(type.description);
    if (type.isOneOf) {
      // GraphQL @oneOf: exactly one field, and it is not null.
      schema.minProperties = 1;
      schema.maxProperties = 1;
      schema.description = `${text ? `${text} ` : ""}Give exactly one of: ${fields.map((f) => f.name).join(", ")}.`;
    } else {
      if (required.length > 0) schema.required = required;
      if (text) schema.description = text;
    }
    schema.additionalProperties = false;
    return schema;
  }
}

/**
 * A default value (graphql-js's internal form) as JSON: enum values by name, scalars as they serialise (an ID
 * stays a string even when it looks like a number). Undefined when there is none or it does not serialise.
 */
export function jsonDefault(value: unknown, type: GraphQLInputType): unknown {
  if (value === undefined) return undefined;
  try {
    return toJson(value, type);
  } catch {
    return undefined;
  }
}

function toJson(value: unknown, type: GraphQLInputType): unknown {
  if (value === null) return null;
  if (isNonNullType(type)) return toJson(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? value.map((item) => toJson(item, type.ofType)) : [toJson(value, type.ofType)];
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const object: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field && item !== undefined) object[key] = toJson(item, field.type);
    }
    return object;
  }
  if (isEnumType(type) || isScalarType(type)) return type.serialize(value);
  return undefined;
}
