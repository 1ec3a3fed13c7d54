// The tool catalog: lookup by name, and tools/list answers cached per view (what a request may see), as
// objects or as JSON text.

import type { Tool } from "@modelcontextprotocol/server";
import type { Caller } from "./auth/caller.js";
import { canCall } from "./auth/scopes.js";
import { listedInputSchemaOf, packedListEntry } from "./packed-tool.js";
import { RawJson } from "./raw-json.js";
import type { Tool as GatewayTool } from "./contract.js";
import type { AppSet } from "./session/store.js";

/**
 * What one request may see of the catalog: the tools of the apps its connection asked for ∩ the apps its
 * caller may see, that the caller's scopes let it call. Made by `Catalog.view`, one object per distinct
 * view, so lists cached on it serve every request with an equal view.
 */
export interface View {
  /** Visible apps, sorted; `null`: every app. */
  readonly apps: AppSet;
  /** The caller's scopes, sorted: a tool is visible when it needs none beyond them. `null`: no scope limit. */
  readonly scopes: readonly string[] | null;
  /** Equal keys see equal tools. */
  readonly key: string;
}

/** What a view reads of a caller: the apps it may see and the scopes it holds. */
export type Visibility = Pick<Caller, "apps" | "scopes">;

export interface Catalog {
  /** Every tool, in bundle order (sorted by name). */
  readonly tools: readonly GatewayTool[];
  /** Known app names, sorted. */
  readonly apps: readonly string[];
  /**
   * The view of a connection that asked for `apps` (`null`: every app), for `caller`. Without a caller:
   * the server's own view, limited by `apps` alone.
   */
  view(apps: AppSet, caller?: Visibility): View;
  /** The tool named `name` if the view may see it. */
  lookup(name: string, view: View): GatewayTool | undefined;
  /** Descriptors for `tools/list`: one cached array per view; never rebuilt per session or request. */
  list(view: View): Tool[];
  /** The same list as JSON text, joined from each tool's precomputed entry: what static tools/list sends. */
  listJson(view: View): RawJson;
  /** Names visible to the view, for did-you-mean. */
  names(view: View): string[];
  /** The descriptor of one tool (same object as in `list`). */
  descriptor(tool: GatewayTool): Tool;
}

/** What a view holds besides its public fields: the visibility test and its cached lists. */
interface ViewEntry extends View {
  admits(tool: GatewayTool): boolean;
  visible?: GatewayTool[];
  names?: string[];
  list?: Tool[];
  json?: RawJson;
}

const EVERYTHING: Visibility = { apps: null, scopes: null };

/** Lookups at start-up; views, descriptors and lists are computed on first use and kept. */
export function createCatalog(tools: readonly GatewayTool[], appNames: readonly string[]): Catalog {
  const byName = new Map<string, GatewayTool>();
  for (const tool of tools) byName.set(tool.name, tool);
  // Reading a tool's fields parses a packed tool: nothing here touches them until a list or call needs them.
  const descriptors = new Map<GatewayTool, Tool>();
  const descriptor = (tool: GatewayTool) => {
    let out = descriptors.get(tool);
    if (!out) descriptors.set(tool, (out = toDescriptor(tool)));
    return out;
  };
  const apps = [...new Set([...appNames, ...tools.map((t) => t.app)])].sort();
  const views = new Map<string, ViewEntry>();
  const intern = (visibleApps: AppSet, scopes: readonly string[] | null): ViewEntry => {
    // Callers with equal apps and equal scopes share one entry, so a token type (all mcp:read tokens) costs
    // one cached list, not one per token.
    const held = scopes && [...new Set(scopes)].sort();
    const key = `${visibleApps ? visibleApps.join(",") : "*"}|${held ? held.join(" ") : "*"}`;
    let entry = views.get(key);
    if (!entry) {
      const allowed = visibleApps ? new Set(visibleApps) : null;
      const grant = { scopes: held };
      entry = { apps: visibleApps, scopes: held, key, admits: (tool) => (!allowed || allowed.has(tool.app)) && canCall(grant, tool) };
      views.set(key, entry);
    }
    return entry;
  };
  // A view made by another catalog still gets this catalog's own entry (and lists).
  const entryOf = (view: View) => views.get(view.key) ?? intern(view.apps, view.scopes);
  const visible = (entry: ViewEntry) => (entry.visible ??= tools.filter((t) => entry.admits(t)));
  return {
    tools,
    apps,
    view: (requested, caller = EVERYTHING) => intern(intersect(requested, caller.apps), caller.scopes),
    lookup(name, view) {
      const tool = byName.get(name);
      return tool && entryOf(view).admits(tool) ? tool : undefined;
    },
    list(view) {
      const entry = entryOf(view);
      return (entry.list ??= visible(entry).map(descriptor));
    },
    listJson(view) {
      const entry = entryOf(view);
      return (entry.json ??= new RawJson(`[${visible(entry).map((t) => packedListEntry(t) ?? JSON.stringify(descriptor(t))).join(",")}]`));
    },
    names(view) {
      const entry = entryOf(view);
      return (entry.names ??= visible(entry).map((t) => t.name));
    },
    descriptor,
  };
}

/** Apps in both sets, sorted (`null` is every app). */
function intersect(a: AppSet, b: AppSet): AppSet {
  if (a === null) return b && [...b].sort();
  if (b === null) return [...a].sort();
  const other = new Set(b);
  return a.filter((app) => other.has(app)).sort();
}

/**
 * The MCP view of a tool: only the fields clients read, with the listed (maybe budget-cut) input schema. Shares
 * the schema objects; copies nothing large.
 */
function toDescriptor(tool: GatewayTool): Tool {
  const out: Tool = { name: tool.name, description: tool.description, inputSchema: listedInputSchemaOf(tool), annotations: tool.annotations };
  if (tool.title !== undefined) out.title = tool.title;
  if (tool.outputSchema !== undefined) out.outputSchema = tool.outputSchema;
  return out;
}
