// Schema dialects at run time: each tool's inputSchema rewritten at build time for one model vendor's function
// calling (generator/dialects/), which a connection picks with ?dialect=, --dialect / GATEWAY_DIALECT, or by its
// client's name; and the way back — what tools/call undoes in a dialect's arguments before they are validated
// against the portable schema, so the upstream request is the one the portable arguments would make.

import type { DialectReverse, DialectRuntime, JsonSchema } from "./contract.js";
import type { Invoke } from "./modes/mode.js";
import { unescapeDataText } from "./packed-tool.js";

/** One dialect a connection can be served in. */
export interface Dialect {
  readonly name: string;
  readonly reverse: readonly DialectReverse[];
  /** The tool's inputSchema in this dialect, parsed from the bundle on first use; undefined for an unknown tool. */
  inputSchema(tool: string): (JsonSchema & { type: "object" }) | undefined;
}

export interface Dialects {
  /** Names, sorted, for `?dialect=` and `--dialect` errors. */
  readonly names: readonly string[];
  get(name: string): Dialect | undefined;
  /** The dialect whose `clients` globs match `clientName` (the first in name order), else null. */
  forClient(clientName: string | undefined): string | null;
}

export const NO_DIALECTS: Dialects = { names: [], get: () => undefined, forClient: () => null };

/**
 * `data`: dialect name → tool name → JSON text of the tool's schema (the bundle's dialect data, or the build's
 * values in tests). `runtime`: gateway.yaml's dialects, with their client globs and reverse steps.
 */
export function createDialects(runtime: readonly DialectRuntime[] | undefined, data: ReadonlyMap<string, ReadonlyMap<string, string>>): Dialects {
  if (!runtime || runtime.length === 0) return NO_DIALECTS;
  const byName = new Map<string, Dialect>();
  const matchers: { name: string; patterns: RegExp[] }[] = [];
  for (const { name, clients, reverse } of [...runtime].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const texts = data.get(name) ?? new Map<string, string>();
    const parsed = new Map<string, JsonSchema & { type: "object" }>();
    byName.set(name, {
      name,
      reverse,
      inputSchema(tool) {
        let schema = parsed.get(tool);
        if (!schema) {
          const text = texts.get(tool);
          if (text === undefined) return undefined;
          parsed.set(tool, (schema = JSON.parse(text) as JsonSchema & { type: "object" }));
        }
        return schema;
      },
    });
    if (clients.length > 0) matchers.push({ name, patterns: clients.map(globToRegExp) });
  }
  return {
    names: [...byName.keys()],
    get: (name) => byName.get(name),
    forClient(clientName) {
      if (clientName === undefined) return null;
      return matchers.find(({ patterns }) => patterns.some((p) => p.test(clientName)))?.name ?? null;
    },
  };
}

/** `*` matches any run of characters; everything else itself. Whole-name, case-sensitive. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/**
 * The dialect data comment (generator/bundle-entry.ts writes it): for each dialect a line `@<name>`, then one line
 * per tool of `<tool name>\t<schema JSON>`, each field escaped like the tool data. Schemas stay text until used.
 */
export function unpackDialectData(source: string): Map<string, Map<string, string>> {
  const start = source.indexOf("/*\n");
  const end = source.lastIndexOf("\n*/");
  const out = new Map<string, Map<string, string>>();
  if (start < 0 || end < start) return out;
  let current: Map<string, string> | undefined;
  for (const line of source.slice(start + 3, end).split("\n")) {
    if (line.startsWith("@")) out.set(line.slice(1), (current = new Map()));
    else if (current && line !== "") {
      const tab = line.indexOf("\t");
      current.set(unescapeDataText(line.slice(0, tab)), unescapeDataText(line.slice(tab + 1)));
    }
  }
  return out;
}

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
