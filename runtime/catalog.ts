// The tool catalog: lookup by name, and tools/list answers cached per view (what a request may see), as
// objects or as JSON text.

import type { Tool } from "@modelcontextprotocol/server";
import type { Caller } from "./auth/caller.js";
import { canCall } from "./auth/scopes.js";
import { listedInputSchemaOf, packedListEntry } from "./packed-tool.js";
import { RawJson } from "./raw-json.js";
import { listedAnnotations } from "./shared/listed-annotations.js";
import type { Tool as GatewayTool } from "./contract.js";
import type { AppSet } from "./session/store.js";
import { NO_DIALECTS, type Dialects } from "./dialects.js";

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
  /** The schema dialect tools are listed in (runtime/dialects.ts); `null`: the portable schemas. */
  readonly dialect: string | null;
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
  view(apps: AppSet, caller?: Visibility, dialect?: string | null): View;
  /** The tool named `name` if the view may see it. */
  lookup(name: string, view: View): GatewayTool | undefined;
  /** Descriptors for `tools/list`: one cached array per view; never rebuilt per session or request. */
  list(view: View): Tool[];
  /** The same list as JSON text, joined from each tool's precomputed entry: what static tools/list sends. */
  listJson(view: View): RawJson;
  /** Names visible to the view, for did-you-mean. */
  names(view: View): string[];
  /** The descriptor of one tool (same object as in `list`), with its schema in the view's dialect when given. */
  descriptor(tool: GatewayTool, view?: View): Tool;
  /**
   * The whole input schema in the view's dialect, never one cut to a token budget: what enable-tools and
   * search-tools return, so a model that asked for a tool sees every field it may send.
   */
  fullInputSchema(tool: GatewayTool, view?: View): Tool["inputSchema"];
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
export function createCatalog(tools: readonly GatewayTool[], appNames: readonly string[], dialects: Dialects = NO_DIALECTS): Catalog {
  const byName = new Map<string, GatewayTool>();
  for (const tool of tools) byName.set(tool.name, tool);
  // Reading a tool's fields parses a packed tool: nothing here touches them until a list or call needs them.
  const descriptors = new Map<GatewayTool, Tool>();
  const descriptor = (tool: GatewayTool) => {
    let out = descriptors.get(tool);
    if (!out) descriptors.set(tool, (out = toDescriptor(tool)));
    return out;
  };
  // A dialect's descriptor is the portable one with the dialect's inputSchema, kept per dialect: the one place a
  // dialect schema is parsed and kept.
  const inDialect = new Map<string, Map<GatewayTool, Tool>>();
  const dialectDescriptor = (tool: GatewayTool, dialect: string) => {
    let byTool = inDialect.get(dialect);
    if (!byTool) inDialect.set(dialect, (byTool = new Map()));
    let out = byTool.get(tool);
    if (!out) byTool.set(tool, (out = { ...descriptor(tool), inputSchema: dialects.get(dialect)?.inputSchema(tool.name) ?? tool.inputSchema }));
    return out;
  };
  const describe = (tool: GatewayTool, dialect: string | null) => (dialect === null ? descriptor(tool) : dialectDescriptor(tool, dialect));
  const apps = [...new Set([...appNames, ...tools.map((t) => t.app)])].sort();
  const views = new Map<string, ViewEntry>();
  const intern = (visibleApps: AppSet, scopes: readonly string[] | null, dialect: string | null = null): ViewEntry => {
    // Callers with equal apps and equal scopes share one entry, so a token type (all mcp:read tokens) costs
    // one cached list, not one per token.
    const held = scopes && [...new Set(scopes)].sort();
    const key = `${visibleApps ? visibleApps.join(",") : "*"}|${held ? held.join(" ") : "*"}${dialect === null ? "" : `|${dialect}`}`;
    let entry = views.get(key);
    if (!entry) {
      const allowed = visibleApps ? new Set(visibleApps) : null;
      const grant = { scopes: held };
      entry = { apps: visibleApps, scopes: held, dialect, key, admits: (tool) => (!allowed || allowed.has(tool.app)) && canCall(grant, tool) };
      views.set(key, entry);
    }
    return entry;
  };
  // A view made by another catalog still gets this catalog's own entry (and lists).
  const entryOf = (view: View) => views.get(view.key) ?? intern(view.apps, view.scopes, view.dialect);
  const visible = (entry: ViewEntry) => (entry.visible ??= tools.filter((t) => entry.admits(t)));
  return {
    tools,
    apps,
    view: (requested, caller = EVERYTHING, dialect = null) => intern(intersect(requested, caller.apps), caller.scopes, dialect),
    lookup(name, view) {
      const tool = byName.get(name);
      return tool && entryOf(view).admits(tool) ? tool : undefined;
    },
    list(view) {
      const entry = entryOf(view);
      return (entry.list ??= visible(entry).map((t) => describe(t, entry.dialect)));
    },
    listJson(view) {
      const entry = entryOf(view);
      const json = (t: GatewayTool) => (entry.dialect === null ? (packedListEntry(t) ?? JSON.stringify(descriptor(t))) : JSON.stringify(describe(t, entry.dialect)));
      return (entry.json ??= new RawJson(`[${visible(entry).map(json).join(",")}]`));
    },
    names(view) {
      const entry = entryOf(view);
      return (entry.names ??= visible(entry).map((t) => t.name));
    },
    descriptor: (tool, view) => describe(tool, view?.dialect ?? null),
    fullInputSchema: (tool, view) => (view?.dialect ? describe(tool, view.dialect).inputSchema : tool.inputSchema),
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
  const out: Tool = { name: tool.name, description: tool.description, inputSchema: listedInputSchemaOf(tool), annotations: listedAnnotations(tool.annotations) };
  if (tool.title !== undefined) out.title = tool.title;
  if (tool.outputSchema !== undefined) out.outputSchema = tool.outputSchema;
  return out;
}
