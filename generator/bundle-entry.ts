// The server bundle's entry module, printed from the build's values (never from generated/'s text): the runtime
// view of gateway.yaml and the prompt templates as literals, the tools and the search index as bundle data
// (runtime/packed-tool.ts), handed to the runtime's `main`.
import type { Tool } from "../runtime/contract.js";
import type { EmittedValues } from "./emit/emit.js";
import { printLiteral } from "./emit/literal.js";
import type { CountedEntry } from "./emit/tokens.js";

/**
 * Stands in the entry for the bundle data until the bundle is written: generator/bundle.ts swaps the string
 * literal for the data comment (esbuild keeps no comments of its own).
 */
export const BUNDLE_DATA_MARKER = "gateway:bundle-data";
/** The same for the schema dialects' data, present only when gateway.yaml names dialects. */
export const DIALECT_DATA_MARKER = "gateway:dialect-data";

/**
 * JavaScript source of the entry. The tools and the search index ride in a comment inside a function whose
 * source text the runtime reads back (`Function.prototype.toString` is a slice of the module's text, not a
 * copy): V8 skips a comment at a fraction of the cost of scanning and interning the same megabytes as string
 * literals, and tools/list still joins each tool's precomputed entry as it is.
 */
export function serverEntrySource(values: EmittedValues, runtimeEntry: string): string {
  const dialects = Object.keys(values.dialects).length > 0;
  return [
    `import { main, unpackBundleData${dialects ? ", unpackDialectData" : ""} } from ${JSON.stringify(runtimeEntry)};`,
    // Prompt messages in `gateway` refer to `templates[…]`, the precompiled Handlebars templates.
    `const templates = ${printLiteral(values.prompts)};`,
    `const gateway = ${printLiteral(values.gateway)};`,
    `const { tools, searchIndex } = unpackBundleData(String(function () { return ${JSON.stringify(BUNDLE_DATA_MARKER)}; }));`,
    ...(dialects ? [`const dialects = unpackDialectData(String(function () { return ${JSON.stringify(DIALECT_DATA_MARKER)}; }));`] : []),
    `await main({ tools, gateway, searchIndex${dialects ? ", dialects" : ""} }, process.argv.slice(2), process.env);`,
    "",
  ].join("\n");
}

/**
 * The data comment: `/*`, the search index on the first line, then one line per tool (bundle order) of
 * `name`, `app`, the JSON of its tools/list entry (exactly what tools/list shows; `entries`, in `tools` order,
 * holds it as emit made and counted it) and the JSON of `{ tags, scopes, request }`, tab-separated; `*\/` last.
 * Each field is escaped by `escapeDataText`.
 */
export function bundleDataComment(values: Pick<EmittedValues, "tools" | "searchIndex"> & { entries: readonly Pick<CountedEntry, "json">[] }): string {
  const lines = values.tools.map((tool, i) => toolDataLine(tool, values.entries[i]!.json));
  return `/*${[escapeDataText(values.searchIndex), ...lines].map((line) => `\n${line}`).join("")}\n*/`;
}

/** One tool's line of the data comment; `listed` is its tools/list entry's JSON as emit made and counted it. */
function toolDataLine(tool: Tool, listed: string): string {
  // A tool whose listed schema was cut carries its full one with the call data: what calls are validated against.
  const call = { tags: tool.tags, scopes: tool.scopes, request: tool.request, ...(tool.listedInputSchema && { inputSchema: tool.inputSchema }) };
  const fields = [tool.name, tool.app, listed, JSON.stringify(call)];
  return fields.map(escapeDataText).join("\t");
}

/**
 * Keeps a field printable ASCII (the bundle stays one-byte text, which V8 reads fastest), free of tabs and
 * newlines (the separators) and of `*\/` (the comment's end): `~` → `~0`, a `*` before `/` → `~1`, any other
 * code unit outside space..`}` → `~u` + 4 hex digits. runtime/packed-tool.ts reverses it exactly.
 */
export function escapeDataText(text: string): string {
  return text.replace(/[^\x20-\x7d]|\*(?=\/)/g, (c) => (c === "~" ? "~0" : c === "*" ? "~1" : `~u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/**
 * The dialect data comment (runtime/dialects.ts `unpackDialectData` reads it): per dialect a line `@<name>`, then
 * one line per tool of its name and the JSON of its schema in that dialect, tab-separated and escaped like the tool data.
 */
export function dialectDataComment(values: Pick<EmittedValues, "dialects">): string {
  const lines: string[] = [];
  for (const [name, schemas] of Object.entries(values.dialects)) {
    lines.push(`@${escapeDataText(name)}`);
    for (const [tool, schema] of Object.entries(schemas)) lines.push(`${escapeDataText(tool)}\t${escapeDataText(JSON.stringify(schema))}`);
  }
  return `/*${lines.map((line) => `\n${line}`).join("")}\n*/`;
}
