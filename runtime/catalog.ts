// The tool catalog: lookup by name, and tools/list answers cached per app set, as objects or as JSON text.

import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { packedListEntry } from "./packed-tool.js";
import { RawJson } from "./raw-json.js";
import type { HttpTool } from "./tool.js";

export interface Catalog {
  /** Every tool, in bundle order (sorted by name). */
  readonly tools: readonly HttpTool[];
  /** Known app names, sorted. */
  readonly apps: readonly string[];
  /** The tool named `name` if the app set may see it (`null`: every app). */
  lookup(name: string, apps: readonly string[] | null): HttpTool | undefined;
  /** Descriptors for `tools/list`: one cached array per app set; never rebuilt per session. */
  list(apps: readonly string[] | null): Tool[];
  /** The same list as JSON text, joined from each tool's precomputed entry: what static tools/list sends. */
  listJson(apps: readonly string[] | null): RawJson;
  /** Names visible to the app set, for did-you-mean. */
  names(apps: readonly string[] | null): string[];
  /** The descriptor of one tool (same object as in `list`). */
  descriptor(tool: HttpTool): Tool;
}

/** Lookups at start-up; descriptors and lists per app set are computed on first use and kept. */
export function createCatalog(tools: readonly HttpTool[], appNames: readonly string[]): Catalog {
  const byName = new Map<string, HttpTool>();
  for (const tool of tools) byName.set(tool.name, tool);
  // Reading a tool's fields parses a packed tool: nothing here touches them until a list or call needs them.
  const descriptors = new Map<HttpTool, Tool>();
  const descriptor = (tool: HttpTool) => {
    let out = descriptors.get(tool);
    if (!out) descriptors.set(tool, (out = toDescriptor(tool)));
    return out;
  };
  const apps = [...new Set([...appNames, ...tools.map((t) => t.app)])].sort();
  const scopes = new Map<string, { visible: HttpTool[]; names: string[]; list?: Tool[]; json?: RawJson }>();
  const scoped = (scope: readonly string[] | null) => {
    const key = scope ? scope.join(",") : "*";
    let hit = scopes.get(key);
    if (!hit) {
      const allowed = scope ? new Set(scope) : null;
      const visible = allowed ? tools.filter((t) => allowed.has(t.app)) : [...tools];
      hit = { visible, names: visible.map((t) => t.name) };
      scopes.set(key, hit);
    }
    return hit;
  };
  return {
    tools,
    apps,
    lookup(name, scope) {
      const tool = byName.get(name);
      return tool && (!scope || scope.includes(tool.app)) ? tool : undefined;
    },
    list(scope) {
      const hit = scoped(scope);
      return (hit.list ??= hit.visible.map(descriptor));
    },
    listJson(scope) {
      const hit = scoped(scope);
      return (hit.json ??= new RawJson(`[${hit.visible.map((t) => packedListEntry(t) ?? JSON.stringify(descriptor(t))).join(",")}]`));
    },
    names: (scope) => scoped(scope).names,
    descriptor,
  };
}

/** The MCP view of a tool: only the fields clients read. Shares the schema objects; copies nothing large. */
export function toDescriptor(tool: HttpTool): Tool {
  const out: Tool = { name: tool.name, description: tool.description, inputSchema: tool.inputSchema, annotations: tool.annotations };
  if (tool.title !== undefined) out.title = tool.title;
  if (tool.outputSchema !== undefined) out.outputSchema = tool.outputSchema;
  return out;
}

/** Up to `limit` candidates closest to `name`: substring matches first, then by edit distance. */
export function closeNames(name: string, candidates: readonly string[], limit = 3): string[] {
  const wanted = name.toLowerCase();
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  const scored: Array<{ name: string; score: number }> = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const contains = wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower));
    const distance = contains ? 0 : editDistance(wanted, lower, budget);
    if (contains || distance <= budget) scored.push({ name: candidate, score: contains ? Math.abs(lower.length - wanted.length) / 100 : distance });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.name);
}

/** Levenshtein distance, giving up (returning budget + 1) once it must exceed `budget`. */
function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > budget) return budget + 1;
    prev = row;
  }
  return prev[b.length]!;
}
