// The server bundle's entry module, printed from the build's values (never from generated/'s text): each tool
// packed as JSON strings (runtime/packed-tool.ts), the runtime view of gateway.yaml, the prompt templates and
// the search index, handed to the runtime's `main`.
import type { Tool } from "../runtime/contract.js";
import type { EmittedValues } from "./emit/emit.js";
import { printLiteral } from "./emit/literal.js";
import { listEntryOf } from "./emit/tool-object.js";

/**
 * JavaScript source of the entry. Tool data goes in as JSON strings: V8 compiles a string far faster than the
 * same data as object literals, and tools/list then joins the precomputed entries as they are.
 */
export function serverEntrySource(values: EmittedValues, runtimeEntry: string): string {
  return [
    `import { main, packedTool } from ${JSON.stringify(runtimeEntry)};`,
    `const templates = ${printLiteral(values.prompts)};`,
    `const gateway = ${printLiteral(values.gateway)};`,
    `const tools = [\n${values.tools.map((tool) => `  ${packedToolCall(tool)},\n`).join("")}];`,
    `await main({ tools, gateway, searchIndex: ${JSON.stringify(values.searchIndex)} }, process.argv.slice(2), process.env);`,
    "",
  ].join("\n");
}

/** `packedTool(name, app, listEntry, callData)` for one tool; the list entry holds exactly what tools/list shows. */
export function packedToolCall(tool: Tool): string {
  const listEntry = JSON.stringify(listEntryOf(tool));
  const callData = JSON.stringify({ tags: tool.tags, request: tool.request });
  return `packedTool(${[tool.name, tool.app, listEntry, callData].map((text) => JSON.stringify(text)).join(", ")})`;
}
