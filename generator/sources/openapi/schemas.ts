// OpenAPI Schema Objects (2.0, 3.0, 3.1) → JSON Schema 2020-12 pieces, with `$ref`s left as placeholders.
// @see https://spec.openapis.org/oas/v3.1.0#schema-object
//
// Each `$ref` target is converted once per mode and memoized; references inside it stay placeholders
// (`{ $ref: "\u0000<id>" }`) with a count of edges, so `schema-assemble.ts` can decide per tool what to
// inline and what to put in `$defs`. Whether a target is cyclic is a property of the ref graph (Tarjan's
// strongly connected components), so it does not depend on the order the spec lists its keys in.
import type { JsonSchema } from "../../plan/tool-plan.js";
import type { SpecContext } from "./context.js";
import { reportOnce } from "./context.js";
import type { Located } from "./documents.js";
import { isRef } from "./documents.js";
import { isObj } from "./guards.js";
import { lastToken } from "../../../runtime/shared/json-pointer.js";
import { convertKeywords, type NodeConverter, type SchemaMode } from "./schema-keywords.js";

/** A converted schema plus the `$ref` targets it points at directly (id → number of places). */
export interface Converted {
  schema: JsonSchema;
  edges: Map<string, number>;
}

/** Prefix of placeholder `$ref` values; never valid in a real `$ref`, so never confused with one. */
export const PLACEHOLDER = "\u0000";

/** Deeper than this inside one schema (not counting `$ref` hops) is cut to `{}`. */
const MAX_DEPTH = 64;

interface RefInfo {
  body: Converted;
  cyclic?: boolean;
  index?: number;
  low?: number;
  smallLeaf?: boolean;
  size?: number;
}

export class SchemaConverter implements NodeConverter {
  private readonly memo = { request: new Map<string, RefInfo>(), response: new Map<string, RefInfo>() };
  private readonly converting = new Set<string>();

  constructor(readonly ctx: SpecContext) {}

  /** Converts a schema at `loc` (not memoized: roots are converted once each). */
  convert(loc: Located, mode: SchemaMode): Converted {
    const edges = new Map<string, number>();
    return { schema: this.node(loc.value, loc.doc, loc.pointer, mode, 0, edges), edges };
  }

  /** The converted target of ref `id`. */
  body(id: string, mode: SchemaMode): Converted {
    return this.info(id, mode).body;
  }

  /** True when `id` can reach itself through `$ref`s. */
  cyclic(id: string, mode: SchemaMode): boolean {
    const info = this.info(id, mode);
    if (info.cyclic === undefined) this.tarjan(id, mode);
    return info.cyclic === true;
  }

  /** True for small targets without refs of their own (e.g. an enum): cheaper inlined than shared. */
  smallLeaf(id: string, mode: SchemaMode): boolean {
    const info = this.info(id, mode);
    if (info.smallLeaf === undefined) info.smallLeaf = info.body.edges.size === 0 && JSON.stringify(info.body.schema).length <= 200;
    return info.smallLeaf;
  }

  /** Length of the target's converted JSON (placeholders count as their own length), for size budgets. */
  size(id: string, mode: SchemaMode): number {
    const info = this.info(id, mode);
    return (info.size ??= JSON.stringify(info.body.schema).length);
  }

  /** `$defs` key stem for `id`: the last pointer token, e.g. `#/components/schemas/issue` → `issue`. */
  defKey(id: string): string {
    const hash = id.indexOf("#");
    const stem = lastToken(id.slice(hash + 1)) || id.slice(0, hash).replace(/^.*\//, "").replace(/\.[a-z]+$/i, "");
    return stem.replace(/[^A-Za-z0-9_.-]/g, "_") || "schema";
  }

  /** Converts one schema value; `depth` counts nesting inside the current ref target. */
  node(value: unknown, doc: string, pointer: string, mode: SchemaMode, depth: number, edges: Map<string, number>): JsonSchema {
    if (value === true) return {};
    if (value === false) return { not: {} };
    if (!isObj(value)) {
      this.invalid(doc, pointer, "a schema must be an object");
      return {};
    }
    if (depth > MAX_DEPTH) {
      reportOnce(this.ctx, `cut:${doc}:${pointer}`, { doc, pointer }, {
        code: "GW211",
        severity: "info",
        message: `schema nests deeper than ${MAX_DEPTH} levels; the rest was cut`,
        help: "move the nested part into components/schemas",
      });
      return { description: `(cut: nested deeper than ${MAX_DEPTH} levels)` };
    }
    if (isRef(value)) return this.ref(value, doc, pointer, mode, depth, edges);
    return convertKeywords(this, value, doc, pointer, mode, depth, edges);
  }

  /** Whether a property schema is hidden in `mode` (readOnly in requests, writeOnly in responses), through refs. */
  hidden(value: unknown, doc: string, mode: SchemaMode): boolean {
    const flag = mode === "request" ? "readOnly" : "writeOnly";
    let current: unknown = value;
    let from = doc;
    for (let hop = 0; hop < 16 && isObj(current); hop++) {
      if (current[flag] === true) return true;
      if (!isRef(current)) return false;
      const found = this.ctx.store.resolve(current.$ref, from);
      if (!found.ok) return false;
      current = found.target.value;
      from = found.target.doc;
    }
    return false;
  }

  /** Reports a dropped keyword value once per place. */
  invalid(doc: string, pointer: string, why: string): void {
    reportOnce(this.ctx, `invalid:${doc}:${pointer}`, { doc, pointer }, {
      code: "GW212",
      severity: "info",
      message: `schema keyword dropped: ${why}`,
      help: "correct the schema in the spec",
    });
  }

  private ref(value: { $ref: string }, doc: string, pointer: string, mode: SchemaMode, depth: number, edges: Map<string, number>): JsonSchema {
    const found = this.ctx.store.resolve(value.$ref, doc);
    if (!found.ok) {
      reportOnce(this.ctx, `ref:${doc}:${value.$ref}`, { doc, pointer }, {
        code: "GW205",
        severity: "warning",
        message: `unresolved $ref "${value.$ref}": ${found.reason}; the schema became {}`,
        help: "correct the $ref or add the missing component",
      });
      return { description: `(unresolved $ref ${value.$ref})` };
    }
    edges.set(found.id, (edges.get(found.id) ?? 0) + 1);
    const placeholder: JsonSchema = { $ref: PLACEHOLDER + found.id };
    const keys = Object.keys(value);
    if (keys.length === 1) return placeholder;
    const { $ref: _ref, ...rest } = value;
    const siblings = convertKeywords(this, rest, doc, pointer, mode, depth, edges);
    const structural = Object.keys(siblings).some((k) => !["description", "title", "default", "deprecated"].includes(k));
    // OpenAPI 3.0 ignores siblings of $ref; 3.1 (JSON Schema 2020-12) applies them as well.
    if (structural && this.ctx.version === "3.1") return { ...siblings, allOf: [placeholder] };
    for (const k of ["description", "title", "default", "deprecated"]) if (k in siblings) placeholder[k] = siblings[k];
    return placeholder;
  }

  private info(id: string, mode: SchemaMode): RefInfo {
    const memo = this.memo[mode];
    let info = memo.get(id);
    if (info) return info;
    const hash = id.indexOf("#");
    const doc = id.slice(0, hash);
    const pointer = id.slice(hash + 1);
    const found = this.ctx.store.resolve("#" + pointer, doc);
    if (!found.ok || this.converting.has(id)) return { body: { schema: {}, edges: new Map() } };
    this.converting.add(id);
    info = { body: this.convert(found.target, mode) };
    this.converting.delete(id);
    memo.set(id, info);
    return info;
  }

  /** Tarjan's SCC from `start`, marking `cyclic` on every node it finishes. */
  private tarjan(start: string, mode: SchemaMode): void {
    let counter = 0;
    const stack: string[] = [];
    const onStack = new Set<string>();
    const visit = (id: string): void => {
      const info = this.info(id, mode);
      info.index = info.low = counter++;
      stack.push(id);
      onStack.add(id);
      for (const next of info.body.edges.keys()) {
        const nextInfo = this.info(next, mode);
        if (nextInfo.cyclic !== undefined) continue;
        if (nextInfo.index === undefined) {
          visit(next);
          info.low = Math.min(info.low!, nextInfo.low!);
        } else if (onStack.has(next)) info.low = Math.min(info.low!, nextInfo.index);
      }
      if (info.low !== info.index) return;
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== id);
      const cyclic = members.length > 1 || info.body.edges.has(id);
      for (const m of members) this.info(m, mode).cyclic = cyclic;
    };
    visit(start);
  }
}
