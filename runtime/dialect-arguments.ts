// The way back from a schema dialect's arguments (runtime/dialects.ts): what tools/call undoes before validating
// them against the portable inputSchema, so the upstream request is the one the portable arguments would make.

import type { DialectReverse, JsonSchema } from "./contract.js";
import type { Dialects } from "./dialects.js";
import type { Invoke } from "./modes/mode.js";

/** `invoke` for requests in any dialect: the arguments of a request made in one are turned back into portable ones first. */
export function withPortableArguments(dialects: Dialects, invoke: Invoke): Invoke {
  if (dialects.names.length === 0) return invoke;
  return (tool, args, signal, request) => {
    const steps = request?.view.dialect ? dialects.get(request.view.dialect)?.reverse : undefined;
    return invoke(tool, steps ? reverseArguments(args, tool.inputSchema, steps) : args, signal, request);
  };
}

/**
 * The portable arguments for `args` sent in a dialect: walks them beside the tool's portable inputSchema and
 * applies `steps`. Returns `args` itself when nothing changed; never mutates it. Values the schema does not
 * describe are left as they are, for validation to judge.
 */
export function reverseArguments(args: unknown, schema: JsonSchema, steps: readonly DialectReverse[]): unknown {
  if (steps.length === 0) return args;
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const dropNulls = steps.includes("drop-optional-nulls");
  const parseJson = steps.includes("parse-json-objects");
  const resolve = (node: JsonSchema, seen = 0): JsonSchema => {
    const ref = node.$ref;
    if (typeof ref !== "string" || seen > 32) return node;
    const target = ref === "#" ? schema : ref.startsWith("#/$defs/") ? defs[ref.slice(8)] : undefined;
    return target ? resolve(target, seen + 1) : node;
  };
  const visit = (value: unknown, input: JsonSchema): unknown => {
    const node = resolve(input);
    if (parseJson && typeof value === "string" && wantsObjectNotString(node, value, resolve)) {
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return visit(parsed, node);
      } catch {
        // Not JSON: validation reports that an object was expected.
      }
      return value;
    }
    if (Array.isArray(value)) {
      const items = node.items;
      if (typeof items !== "object" || items === null) return value;
      let changed = false;
      const out = value.map((item) => {
        const next = visit(item, items as JsonSchema);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? out : value;
    }
    if (typeof value !== "object" || value === null) return value;
    const shape = objectShape(node, value as Record<string, unknown>, resolve);
    if (!shape) return value;
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const property = shape.properties[key];
      if (item === null && dropNulls && property && !shape.required.has(key)) {
        out ??= { ...(value as Record<string, unknown>) };
        delete out[key];
        continue;
      }
      if (!property) continue;
      const next = visit(item, property);
      if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return out ?? value;
  };
  return visit(args, schema);
}

/** The properties and required names an object value is checked against: the node's own and allOf's, or the anyOf/oneOf branch that fits. */
function objectShape(node: JsonSchema, value: Record<string, unknown>, resolve: (n: JsonSchema) => JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } | undefined {
  const members = [node, ...(Array.isArray(node.allOf) ? (node.allOf as JsonSchema[]).map((m) => resolve(m)) : [])];
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  for (const member of members) {
    Object.assign(properties, (member.properties ?? {}) as Record<string, JsonSchema>);
    if (Array.isArray(member.required)) for (const name of member.required as string[]) required.add(name);
  }
  if (Object.keys(properties).length > 0) return { properties, required };
  const union = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  if (!Array.isArray(union)) return undefined;
  const keys = Object.keys(value).filter((key) => value[key] !== null);
  for (const branch of union.map((b) => resolve(b))) {
    const shape = objectShape(branch, value, resolve);
    if (shape && keys.every((key) => key in shape.properties)) return shape;
  }
  return undefined;
}

/**
 * The portable schema wants an object here and would not take a string as it is; or, for a union, one branch
 * wants an object and the string looks like one (Stripe's `metadata`: an object, or "" to clear it).
 */
function wantsObjectNotString(node: JsonSchema, value: string, resolve: (n: JsonSchema) => JsonSchema): boolean {
  const types = typeof node.type === "string" ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : [];
  if (types.includes("object") && !types.includes("string")) return true;
  const union = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(union) && value.trimStart().startsWith("{") && union.some((branch) => wantsObjectNotString(resolve(branch), value, resolve));
}
