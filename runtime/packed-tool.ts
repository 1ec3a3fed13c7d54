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
