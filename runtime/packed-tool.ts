// A tool as the bundle ships it: name and app at hand, the rest kept as JSON text and parsed on first use.
// Start-up then costs a small object per tool, and tools/list joins the precomputed list entries as they are.
import type { Tool, ToolAnnotations } from "./contract.js";
import { fullAnnotations } from "./shared/listed-annotations.js";

const LIST_ENTRY = Symbol("gateway.listEntry");
const LISTED_SCHEMA = Symbol("gateway.listedSchema");

type ListFields = Pick<Tool, "title" | "description" | "inputSchema" | "outputSchema"> & { annotations: Partial<ToolAnnotations> };
/** `inputSchema` is there only when the list entry's was cut to a budget: then it is the full one. */
type CallFields = Pick<Tool, "tags" | "scopes" | "request"> & { inputSchema?: Tool["inputSchema"] };

/**
 * The fields other than name and app are getters on the prototype: a thousand tools cost a thousand small
 * objects, not nine closures and seven accessor definitions each. Read fields by name (as the runtime does):
 * a spread or Object.keys sees only name and app.
 */
class PackedTool {
  readonly name: string;
  readonly app: string;
  readonly [LIST_ENTRY]: string;
  readonly #callData: string;
  #list: ListFields | undefined;
  #call: CallFields | undefined;

  constructor(name: string, app: string, listEntry: string, callData: string) {
    this.name = name;
    this.app = app;
    this[LIST_ENTRY] = listEntry;
    this.#callData = callData;
  }

  #listed(): ListFields {
    return (this.#list ??= JSON.parse(this[LIST_ENTRY]) as ListFields);
  }

  #called(): CallFields {
    return (this.#call ??= JSON.parse(this.#callData) as CallFields);
  }

  get title() {
    return this.#listed().title;
  }
  get description() {
    return this.#listed().description;
  }
  /** The list entry holds the listed form (shared/listed-annotations.ts); the tool has all four hints. */
  get annotations() {
    return fullAnnotations(this.#listed().annotations);
  }
  get inputSchema() {
    return this.#called().inputSchema ?? this.#listed().inputSchema;
  }
  get listedInputSchema() {
    return this.#called().inputSchema ? this.#listed().inputSchema : undefined;
  }
  get [LISTED_SCHEMA]() {
    return this.#listed().inputSchema;
  }
  get outputSchema() {
    return this.#listed().outputSchema;
  }
  get tags() {
    return this.#called().tags;
  }
  get scopes() {
    return this.#called().scopes;
  }
  get request() {
    return this.#called().request;
  }
}

/**
 * @param listEntry JSON of the tool's tools/list entry: name, title, description, inputSchema, outputSchema, annotations
 * @param callData JSON of `{ tags, scopes, request }`, and the full `inputSchema` when the list entry's is cut
 */
export function packedTool(name: string, app: string, listEntry: string, callData: string): Tool {
  return new PackedTool(name, app, listEntry, callData) as unknown as Tool;
}

/**
 * The input schema tools/list shows: a packed tool's list entry's, read without parsing its call data (where
 * the full schema of a budget-cut tool waits for the first call); a plain tool's listedInputSchema or inputSchema.
 */
export function listedInputSchemaOf(tool: Tool): Tool["inputSchema"] {
  return tool instanceof PackedTool ? tool[LISTED_SCHEMA] : (tool.listedInputSchema ?? tool.inputSchema);
}

/** The precomputed tools/list entry of a packed tool; undefined for a plain one. */
export function packedListEntry(tool: Tool): string | undefined {
  return (tool as { [LIST_ENTRY]?: string })[LIST_ENTRY];
}

/**
 * The tools and the search index from the bundle's data comment (generator/bundle-entry.ts writes it):
 * `source` is the text of the function that holds it. Every field stays a slice of the bundle's own text
 * unless it had to be escaped.
 */
export function unpackBundleData(source: string): { tools: Tool[]; searchIndex: string } {
  const start = source.indexOf("/*\n");
  const end = source.lastIndexOf("\n*/");
  if (start < 0 || end < start) throw new Error("gateway: the server bundle has no tool data; rebuild it with `gateway build`");
  // Lines and fields are cut with indexOf, not split: no arrays per line (~2 ms less for a thousand tools).
  let at = lineEnd(source, start + 3, end);
  const searchIndex = unescapeDataText(source.slice(start + 3, at));
  const tools: Tool[] = [];
  const field = (first: number, last: number) => unescapeDataText(source.slice(first, last));
  while (at < end) {
    const from = at + 1;
    at = lineEnd(source, from, end);
    const tab1 = source.indexOf("\t", from);
    const tab2 = source.indexOf("\t", tab1 + 1);
    const tab3 = source.indexOf("\t", tab2 + 1);
    if (tab1 < 0 || tab3 < 0 || tab3 > at) throw new Error("gateway: the server bundle's tool data is damaged; rebuild it with `gateway build`");
    tools.push(packedTool(field(from, tab1), field(tab1 + 1, tab2), field(tab2 + 1, tab3), field(tab3 + 1, at)));
  }
  return { tools, searchIndex };
}

/** Where the line that starts at `from` ends: its newline, or `end`. */
function lineEnd(source: string, from: number, end: number): number {
  const at = source.indexOf("\n", from);
  return at < 0 || at > end ? end : at;
}

/** Reverses generator/bundle-entry.ts `escapeDataText`: `~0` → `~`, `~1` → `*`, `~uXXXX` → that code unit. */
export function unescapeDataText(text: string): string {
  if (!text.includes("~")) return text;
  return text.replace(/~(?:0|1|u([0-9a-f]{4}))/g, (escape: string, hex: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : escape === "~0" ? "~" : "*",
  );
}
