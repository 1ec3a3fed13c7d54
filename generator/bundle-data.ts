// An esbuild plugin that bundles each generated tool module as a packed tool (runtime/packed-tool.ts): its
// tools/list entry and call data as JSON strings, parsed on first use, instead of an object literal. V8 compiles
// a string far faster than the same data as JavaScript, and tools/list then joins the entries as they are
// (GitHub's 1,223 tools: ~100 ms less from spawn to tools/list). generated/ stays the source: the plugin reads
// each module's own literal and re-encodes it.
import { readFile } from "node:fs/promises";
import type { Plugin } from "esbuild";
import type { HttpTool } from "../runtime/tool.js";
import { listEntryOf } from "./emit/tool-object.js";

/** Where the data literal of a tool module starts; the emitter prints exactly this line. */
const MARKER = "\nexport const tool: HttpTool<Input> = ";

export function toolDataAsJson(generatedDir: string, packedToolModule: string): Plugin {
  const escaped = generatedDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    name: "gateway-tool-data-as-json",
    setup(build) {
      build.onLoad({ filter: new RegExp(`^${escaped}/[^/]+/[^/]+\\.ts$`) }, async ({ path }) => {
        const source = await readFile(path, "utf8");
        const data = toolLiteralValue(source);
        // index.ts files and anything not shaped like a tool module are bundled as written.
        if (data === undefined) return { contents: source, loader: "ts" };
        return { contents: packedModule(data as HttpTool, packedToolModule), loader: "js" };
      });
    },
  };
}

/** The value of a tool module's `tool` literal, or undefined when the module is not one. */
export function toolLiteralValue(source: string): unknown {
  const start = source.indexOf(MARKER);
  const end = source.lastIndexOf(";");
  if (start < 0 || end < start) return undefined;
  const literal = source.slice(start + MARKER.length, end);
  // The literal is data printed by emit/literal.ts from JSON values: evaluating it yields that data back.
  return new Function(`return (${literal});`)();
}

/** The bundled form of one tool module. The list entry holds exactly what tools/list shows of a tool. */
export function packedModule(tool: HttpTool, packedToolModule: string): string {
  const listEntry = JSON.stringify(listEntryOf(tool));
  const callData = JSON.stringify({ tags: tool.tags, request: tool.request });
  const args = [tool.name, tool.app, listEntry, callData].map((text) => JSON.stringify(text)).join(", ");
  return `import { packedTool } from ${JSON.stringify(packedToolModule)};\nexport const tool = packedTool(${args});\n`;
}
