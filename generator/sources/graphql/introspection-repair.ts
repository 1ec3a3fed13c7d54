// Introspection JSON as real servers and old tools write it: buildClientSchema throws on the first part it cannot
// read (a reference to a type the result does not list, a member list left out, a default that does not parse),
// refusing the whole schema. Here each such part is dropped and said, so the rest can be built.
import { parseValue, specifiedScalarTypes } from "graphql";
import type { Skipped } from "./schema-repair.js";

type Json = Record<string, unknown>;

const OUTPUT_KINDS = new Set(["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM"]);
const INPUT_KINDS = new Set(["SCALAR", "ENUM", "INPUT_OBJECT"]);
/** The member list graphql-js requires of each kind of type. */
const REQUIRED_LIST: Record<string, string | undefined> = { OBJECT: "fields", INTERFACE: "fields", UNION: "possibleTypes", ENUM: "enumValues", INPUT_OBJECT: "inputFields", SCALAR: undefined };

/** `__schema` with only what buildClientSchema can read; what was left out is pushed to `skipped`. */
export function repairIntrospection(schema: Json, skipped: Skipped[]): Json {
  const skip = (coordinate: string, reason: string) => skipped.push({ coordinate, reason });
  const kinds = new Map<string, string>();
  /** Types left out below: a reference to one is said to be to a skipped type. */
  const dropped = new Set<string>();
  const types: Json[] = [];
  for (const type of Array.isArray(schema.types) ? (schema.types as unknown[]) : []) {
    if (!isObject(type) || typeof type.name !== "string" || type.name === "") {
      skip("(a type)", "has no name");
      continue;
    }
    const { name, kind } = type;
    if (kinds.has(name)) {
      skip(name, "listed more than once; the first is kept");
      continue;
    }
    if (typeof kind !== "string" || !(kind in REQUIRED_LIST)) {
      skip(name, `kind ${JSON.stringify(kind)} is not a kind of named type`);
      dropped.add(name);
      continue;
    }
    const list = REQUIRED_LIST[kind];
    if (list && !Array.isArray(type[list])) {
      skip(name, `the introspection leaves out its \`${list}\``);
      dropped.add(name);
      continue;
    }
    kinds.set(name, kind);
    types.push(type);
  }
  // The spec defines the built-in scalars, and some tools leave them out of a dump: they are put back, not their users dropped.
  for (const { name: scalar } of specifiedScalarTypes) {
    if (kinds.has(scalar) || dropped.has(scalar)) continue;
    kinds.set(scalar, "SCALAR");
    types.push({ kind: "SCALAR", name: scalar, description: null });
  }

  /** The name of the type `ref` wraps in lists and non-nulls; undefined when the reference stops short. */
  const nameOf = (ref: unknown): string | undefined => {
    let at = ref;
    while (isObject(at) && (at.kind === "LIST" || at.kind === "NON_NULL")) at = at.ofType;
    return isObject(at) && typeof at.name === "string" ? at.name : undefined;
  };
  /** Members of `list` with a name seen once and a type of one of `allowed` kinds. */
  const members = (owner: string, list: unknown, allowed: Set<string> | undefined, label: (name: string) => string, check?: (member: Json, coordinate: string) => Json | undefined): Json[] => {
    const seen = new Set<string>();
    const kept: Json[] = [];
    for (const member of Array.isArray(list) ? list : []) {
      if (!isObject(member) || typeof member.name !== "string") continue;
      const coordinate = `${owner}${label(member.name)}`;
      if (seen.has(member.name)) {
        skip(coordinate, "listed more than once; the first is kept");
        continue;
      }
      seen.add(member.name);
      if (allowed) {
        const type = nameOf(member.type);
        const kind = type === undefined ? undefined : kinds.get(type);
        if (type === undefined || kind === undefined) {
          skip(coordinate, type === undefined ? "its type reference stops before a named type" : `its type "${type}" is ${dropped.has(type) ? "skipped" : "not in the introspection"}`);
          continue;
        }
        if (!allowed.has(kind)) {
          skip(coordinate, `its type "${type}" is of kind ${kind}, which does not belong here`);
          continue;
        }
      }
      const checked = check ? check(member, coordinate) : member;
      if (checked) kept.push(checked);
    }
    return kept;
  };
  /** An argument or input field whose default does not parse keeps no default. */
  const inputValue = (value: Json, coordinate: string): Json => {
    if (typeof value.defaultValue !== "string") return value;
    try {
      parseValue(value.defaultValue);
      return value;
    } catch {
      skip(`${coordinate} default`, `default value ${JSON.stringify(value.defaultValue)} does not parse; the argument is kept without it`);
      return { ...value, defaultValue: null };
    }
  };
  const args = (owner: string, list: unknown) => members(owner, list, INPUT_KINDS, (name) => `(${name}:)`, inputValue);
  /** Interfaces an object implements, or a union's members: references to named types of one kind. */
  const named = (owner: string, list: unknown, kind: string, label: (name: string) => string) =>
    members(owner, (Array.isArray(list) ? list : []).filter(isObject).map((ref) => ({ name: ref.name, type: ref })), new Set([kind]), label).map((m) => m.type as Json);

  const repaired = types.map((type): Json => {
    const name = type.name as string;
    const copy: Json = { ...type };
    if (Array.isArray(type.fields)) {
      copy.fields = members(name, type.fields, OUTPUT_KINDS, (field) => `.${field}`, (field, coordinate) => {
        if (Array.isArray(field.args)) return { ...field, args: args(coordinate, field.args) };
        skip(coordinate, "the introspection leaves out its `args`");
        return undefined;
      });
    }
    if (Array.isArray(type.inputFields)) copy.inputFields = members(name, type.inputFields, INPUT_KINDS, (field) => `.${field}`, inputValue);
    if (Array.isArray(type.enumValues)) copy.enumValues = members(name, type.enumValues, undefined, (value) => `.${value}`);
    // An old introspection query asks no `interfaces` of an interface; an object without the list implements none.
    if (type.kind === "OBJECT" || type.kind === "INTERFACE") copy.interfaces = named(name, type.interfaces, "INTERFACE", (i) => ` implements ${i}`);
    if (type.kind === "UNION") copy.possibleTypes = named(name, type.possibleTypes, "OBJECT", (member) => ` member ${member}`);
    return copy;
  });

  const directives = (Array.isArray(schema.directives) ? schema.directives : []).filter(isObject).flatMap((directive): Json[] => {
    const at = `@${String(directive.name)}`;
    if (typeof directive.name !== "string" || !Array.isArray(directive.locations) || !Array.isArray(directive.args)) {
      skip(at, "the introspection leaves out its name, `locations` or `args`");
      return [];
    }
    return [{ ...directive, args: args(at, directive.args) }];
  });

  const root = (key: string): Json | null => {
    const ref = schema[key];
    if (!isObject(ref)) return null;
    if (kinds.get(ref.name as string) === "OBJECT") return ref;
    skip(`(schema ${key})`, `names ${JSON.stringify(ref.name)}, which is not an object type of the introspection`);
    return null;
  };
  return { ...schema, types: repaired, directives, queryType: root("queryType"), mutationType: root("mutationType"), subscriptionType: root("subscriptionType") };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
