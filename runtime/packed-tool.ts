// A tool as the bundle ships it: name and app at hand, the rest kept as JSON text and parsed on first use.
// Start-up then costs a string per tool, and tools/list joins the precomputed list entries as they are.
import type { HttpTool } from "./contract.js";

const LIST_ENTRY = Symbol("gateway.listEntry");

type ListFields = Pick<HttpTool, "title" | "description" | "annotations" | "inputSchema" | "outputSchema">;
type CallFields = Pick<HttpTool, "tags" | "request">;

/**
 * @param listEntry JSON of the tool's tools/list entry: name, title, description, inputSchema, outputSchema, annotations
 * @param callData JSON of `{ tags, request }`
 */
export function packedTool(name: string, app: string, listEntry: string, callData: string): HttpTool {
  let list: ListFields | undefined;
  let call: CallFields | undefined;
  const listed = () => (list ??= JSON.parse(listEntry) as ListFields);
  const called = () => (call ??= JSON.parse(callData) as CallFields);
  return {
    name,
    app,
    [LIST_ENTRY]: listEntry,
    get title() {
      return listed().title;
    },
    get description() {
      return listed().description;
    },
    get annotations() {
      return listed().annotations;
    },
    get inputSchema() {
      return listed().inputSchema;
    },
    get outputSchema() {
      return listed().outputSchema;
    },
    get tags() {
      return called().tags;
    },
    get request() {
      return called().request;
    },
  } as HttpTool;
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
