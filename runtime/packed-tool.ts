// A tool as the bundle ships it: name and app at hand, the rest kept as JSON text and parsed on first use.
// Start-up then costs a small object per tool, and tools/list joins the precomputed list entries as they are.
import type { HttpTool } from "./contract.js";

const LIST_ENTRY = Symbol("gateway.listEntry");

type ListFields = Pick<HttpTool, "title" | "description" | "annotations" | "inputSchema" | "outputSchema">;
type CallFields = Pick<HttpTool, "tags" | "request">;

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
  get annotations() {
    return this.#listed().annotations;
  }
  get inputSchema() {
    return this.#listed().inputSchema;
  }
  get outputSchema() {
    return this.#listed().outputSchema;
  }
  get tags() {
    return this.#called().tags;
  }
  get request() {
    return this.#called().request;
  }
}

/**
 * @param listEntry JSON of the tool's tools/list entry: name, title, description, inputSchema, outputSchema, annotations
 * @param callData JSON of `{ tags, request }`
 */
export function packedTool(name: string, app: string, listEntry: string, callData: string): HttpTool {
  return new PackedTool(name, app, listEntry, callData) as unknown as HttpTool;
}

/** The precomputed tools/list entry of a packed tool; undefined for a plain one. */
export function packedListEntry(tool: HttpTool): string | undefined {
  return (tool as { [LIST_ENTRY]?: string })[LIST_ENTRY];
}

/**
 * The tools and the search index from the bundle's data comment (generator/bundle-entry.ts writes it):
 * `source` is the text of the function that holds it. Every field stays a slice of the bundle's own text
 * unless it had to be escaped.
 */
export function unpackBundleData(source: string): { tools: HttpTool[]; searchIndex: string } {
  const start = source.indexOf("/*\n");
  const end = source.lastIndexOf("\n*/");
  if (start < 0 || end < start) throw new Error("gateway: the server bundle has no tool data; rebuild it with `gateway build`");
  const lines = source.slice(start + 3, end).split("\n");
  const tools: HttpTool[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [name, app, listEntry, callData] = lines[i]!.split("\t").map(unescapeDataText) as [string, string, string, string];
    tools.push(packedTool(name, app, listEntry, callData));
  }
  return { tools, searchIndex: unescapeDataText(lines[0]!) };
}

/** Reverses generator/bundle-entry.ts `escapeDataText`: `~0` → `~`, `~1` → `*`, `~uXXXX` → that code unit. */
export function unescapeDataText(text: string): string {
  if (!text.includes("~")) return text;
  return text.replace(/~(?:0|1|u([0-9a-f]{4}))/g, (escape: string, hex: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : escape === "~0" ? "~" : "*",
  );
}
