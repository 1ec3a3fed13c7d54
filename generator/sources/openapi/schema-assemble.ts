// Turns one tool's converted schemas (with ref placeholders) into final JSON Schemas plus their `$defs`.
// Rule, per tool: a `$ref` target goes into `$defs` when it is cyclic, or when the tool reaches it from two
// or more places and it is not a small leaf; every other target is inlined where it is used. Each target is
// thus written once, output size stays linear in the spec, and the decision depends only on the ref graph.
// With a size budget, targets are taken breadth-first (nearest first, ties by ref id) until the budget is
// spent; the rest are cut to `{ description: "(cut: …)" }` (Stripe's expandable objects reach ~700 schemas).
import type { JsonSchema } from "../../plan/tool-plan.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";
import type { SchemaMode } from "./schema-keywords.js";
import type { Converted, SchemaConverter } from "./schemas.js";
import { PLACEHOLDER } from "./schemas.js";

export interface Assembled {
  /** The roots, in the order given, with placeholders replaced. */
  schemas: JsonSchema[];
  /** Shared or cyclic targets, keyed by a stable name derived from the ref (`issue`, `issue_2`…). */
  defs: Record<string, JsonSchema>;
  /** `$defs`-style keys of targets left out to keep within the budget, sorted. */
  cut: string[];
}

export interface AssembleOptions {
  /** Expand a root that is itself a `$ref` in place (an outputSchema must show `type: object` at its top). */
  inlineRoots?: boolean;
  /** Most characters of `$ref` targets to include; unlimited when absent. */
  budget?: number;
}

/** Assembles `roots`, which share one `$defs`. */
export function assembleSchemas(conv: SchemaConverter, roots: Converted[], mode: SchemaMode, options: AssembleOptions = {}): Assembled {
  const { included, cut } = reachable(conv, roots, mode, options);
  const counts = countReferences(conv, roots, mode, included);
  const asDef = new Map<string, string>();
  const defIds = [...counts.keys()]
    .filter((id) => conv.cyclic(id, mode) || (counts.get(id)! >= 2 && !conv.smallLeaf(id, mode)))
    .sort(compareCodeUnits);
  const used = new Set<string>();
  for (const id of defIds) {
    const stem = conv.defKey(id);
    let key = stem;
    for (let n = 2; used.has(key); n++) key = `${stem}_${n}`;
    used.add(key);
    asDef.set(id, key);
  }

  const expand = (node: unknown, forceInline: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => expand(item, false));
    if (node === null || typeof node !== "object") return node;
    const obj = node as Record<string, unknown>;
    const ref = obj.$ref;
    if (typeof ref === "string" && ref.startsWith(PLACEHOLDER)) {
      const id = ref.slice(PLACEHOLDER.length);
      const { $ref: _placeholder, ...siblings } = obj;
      if (!included.has(id)) {
        const note = `(cut: ${conv.defKey(id)} left out to keep the schema small)`;
        return { ...siblings, description: typeof siblings.description === "string" ? `${siblings.description} ${note}` : note };
      }
      const key = asDef.get(id);
      if (key !== undefined && !forceInline) return { $ref: `#/$defs/${key}`, ...siblings };
      const inlined = expand(conv.body(id, mode).schema, false) as JsonSchema;
      return { ...inlined, ...siblings };
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj)) out[k] = expand(obj[k], false);
    return out;
  };

  const schemas = roots.map((root) => expand(root.schema, options.inlineRoots === true) as JsonSchema);
  const defs: Record<string, JsonSchema> = {};
  for (const [id, key] of asDef) defs[key] = expand(conv.body(id, mode).schema, false) as JsonSchema;
  return { schemas, defs, cut: [...new Set([...cut].map((id) => conv.defKey(id)))].sort(compareCodeUnits) };
}

/** Targets reachable from the roots, breadth-first in ref-id order, split by the budget into included and cut. */
function reachable(conv: SchemaConverter, roots: Converted[], mode: SchemaMode, options: AssembleOptions): { included: Set<string>; cut: Set<string> } {
  const included = new Set<string>();
  const cut = new Set<string>();
  const seen = new Set<string>();
  const queue: string[] = [];
  const enqueue = (edges: Map<string, number>): void => {
    for (const id of [...edges.keys()].sort(compareCodeUnits)) if (!seen.has(id)) (seen.add(id), queue.push(id));
  };
  for (const root of roots) enqueue(root.edges);
  // A ref at the very top of an inlined root is always kept: cutting it would leave nothing.
  const forced = new Set(options.inlineRoots ? roots.flatMap((r) => topRef(r.schema)) : []);
  let spent = 0;
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    const size = conv.size(id, mode);
    if (options.budget !== undefined && spent + size > options.budget && !forced.has(id)) {
      cut.add(id);
      continue;
    }
    spent += size;
    included.add(id);
    enqueue(conv.body(id, mode).edges);
  }
  return { included, cut };
}

function topRef(schema: JsonSchema): string[] {
  const ref = schema.$ref;
  return typeof ref === "string" && ref.startsWith(PLACEHOLDER) ? [ref.slice(PLACEHOLDER.length)] : [];
}

/** How many places (root schemas and included target bodies, each counted once) point at each included target. */
function countReferences(conv: SchemaConverter, roots: Converted[], mode: SchemaMode, included: Set<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (edges: Map<string, number>): void => {
    for (const [id, n] of edges) if (included.has(id)) counts.set(id, (counts.get(id) ?? 0) + n);
  };
  for (const root of roots) add(root.edges);
  for (const id of included) add(conv.body(id, mode).edges);
  return counts;
}
