// Helpers the dialect transforms and checkers share: reading a schema node's types, merging allOf, walking nodes.
import type { JsonSchema } from "../../runtime/contract.js";
import { joinPointer } from "../../runtime/shared/json-pointer.js";
import { isSchema } from "../plan/subschemas.js";

export { isSchema };

/** The node's `type` as a list (empty when it names none). */
export function typesOf(node: JsonSchema): string[] {
  const type = node.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
}

/** The node's `properties`, or an empty record. */
export function propertiesOf(node: JsonSchema): Record<string, JsonSchema> {
  return isSchema(node.properties) ? (node.properties as Record<string, JsonSchema>) : {};
}

export function requiredOf(node: JsonSchema): string[] {
  return Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === "string") : [];
}

/**
 * An object whose keys the schema does not list (a map such as `metadata` or `labels`): `type: object` with no
 * properties, where extra keys are allowed. Neither dialect can describe one, so both send it as JSON text.
 */
export function isFreeFormObject(node: JsonSchema): boolean {
  return typesOf(node).includes("object") && Object.keys(propertiesOf(node)).length === 0 && node.additionalProperties !== false;
}

/**
 * `allOf` folded into its parent: properties and required lists unioned, other keywords taken from the first
 * member that has them (the parent's own win). Both dialects reject `allOf`; the portable schemas use it
 * rarely, and then for object composition.
 */
export function withoutAllOf(node: JsonSchema, resolve: (node: JsonSchema) => JsonSchema = (n) => n): JsonSchema {
  if (!Array.isArray(node.allOf)) return node;
  const { allOf, ...rest } = node;
  const merged: JsonSchema = { ...rest };
  const properties: Record<string, JsonSchema> = { ...propertiesOf(rest) };
  const required = new Set(requiredOf(rest));
  for (const member of (allOf as unknown[]).filter(isSchema).map((m) => withoutAllOf(resolve(m), resolve))) {
    for (const [key, value] of Object.entries(member)) {
      if (key === "properties") Object.assign(properties, propertiesOf(member));
      else if (key === "required") requiredOf(member).forEach((r) => required.add(r));
      else if (!(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  if (merged.type === undefined && Object.keys(properties).length > 0) merged.type = "object";
  return merged;
}

/**
 * The node with the type its keywords imply when it names none (`properties` → object, `items` → array): specs
 * leave it out, and neither dialect can describe an untyped object or array.
 */
export function withImpliedType(node: JsonSchema): JsonSchema {
  if (node.type !== undefined || node.anyOf !== undefined || node.oneOf !== undefined || node.$ref !== undefined) return node;
  if (isSchema(node.properties)) return { ...node, type: "object" };
  if (node.items !== undefined) return { ...node, type: "array" };
  return node;
}

/** Calls `visit` on `node` and every schema below it (properties, items, anyOf/oneOf/allOf, $defs), depth first. */
export function walkSchema(node: JsonSchema, visit: (node: JsonSchema, pointer: string, depth: number) => void, pointer = "", depth = 0): void {
  visit(node, pointer, depth);
  const objectDepth = depth + (typesOf(node).includes("object") ? 1 : 0);
  for (const [key, child] of Object.entries(propertiesOf(node))) if (isSchema(child)) walkSchema(child, visit, joinPointer(pointer, "properties", key), objectDepth);
  if (isSchema(node.items)) walkSchema(node.items, visit, joinPointer(pointer, "items"), depth);
  if (isSchema(node.additionalProperties)) walkSchema(node.additionalProperties, visit, joinPointer(pointer, "additionalProperties"), objectDepth);
  for (const list of ["anyOf", "oneOf", "allOf"] as const) {
    const members = node[list];
    if (Array.isArray(members)) members.forEach((member, i) => isSchema(member) && walkSchema(member, visit, joinPointer(pointer, list, String(i)), depth));
  }
  if (isSchema(node.$defs)) for (const [key, def] of Object.entries(node.$defs)) if (isSchema(def)) walkSchema(def, visit, joinPointer(pointer, "$defs", key), 0);
}

/** The text appended to a description, with a space when there is one. */
export function describe(node: JsonSchema, note: string): string {
  return typeof node.description === "string" && node.description !== "" ? `${node.description} ${note}` : note;
}
