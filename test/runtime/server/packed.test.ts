// Packed tools, raw JSON splicing and the stdio line reader: the pieces that keep start-up and tools/list cheap.
import { PassThrough } from "node:stream";
import type { JSONRPCMessage } from "@modelcontextprotocol/server";
import { describe, expect, test } from "vitest";
import { bundleDataComment, escapeDataText } from "../../../generator/bundle-entry.js";
import { listEntryJson } from "../../../generator/emit/tool-object.js";
import { tool as generated } from "../../../generated/celigo/create_mcp_server.js";
import { createCatalog } from "../../../runtime/catalog.js";
import { packedListEntry, unescapeDataText, unpackBundleData } from "../../../runtime/packed-tool.js";
import { RawJson, serializeMessage } from "../../../runtime/raw-json.js";
import { listedAnnotations } from "../../../runtime/shared/listed-annotations.js";
import type { Tool } from "../../../runtime/contract.js";
import { StdioTransport } from "../../../runtime/transport/stdio-transport.js";
import { utf8 } from "../../../runtime/transport/utf8.js";

const plain = generated as unknown as Tool;

/** What bundleDataComment reads from the build's values: the tools, their list entries' JSON, the search index. */
function bundleData(tools: Tool[], searchIndex: string) {
  return { tools, searchIndex, entries: tools.map((tool) => ({ json: listEntryJson(tool) })) };
}

/** What the bundle does: the data comment inside a function, read back from the function's source text. */
function packAll(tools: Tool[], searchIndex = "{}"): { tools: Tool[]; searchIndex: string } {
  const holder = new Function(`return function () { return ${bundleDataComment(bundleData(tools, searchIndex))}; }`)() as () => void;
  return unpackBundleData(String(holder));
}

function pack(tool: Tool): Tool {
  return packAll([tool]).tools[0]!;
}

describe("bundle data", () => {
  const awkward = "tab\there, line\nbreak, a comment end */ and **/, tildes ~0 ~1 ~u0041 ~, é ✓ 😀, a lone \ud800, NUL \u0000 and DEL \u007f";

  test("escaping keeps the comment printable ASCII with no comment end, and reverses exactly", () => {
    const escaped = escapeDataText(awkward);
    expect(escaped).toMatch(/^[\x20-\x7e]*$/);
    expect(escaped).not.toContain("*/");
    expect(unescapeDataText(escaped)).toBe(awkward);
    expect(unescapeDataText(escapeDataText("plain text, nothing to escape"))).toBe("plain text, nothing to escape");
  });

  test("tools (in order) and the search index come back with every field, awkward text included", () => {
    const odd = { ...plain, name: "odd_tool", description: awkward, title: "*/" };
    const index = JSON.stringify({ v: 1, note: awkward });
    const comment = bundleDataComment(bundleData([plain, odd], index));
    expect(comment).toMatch(/^\/\*\n[\x20-\x7e\t\n]*\n\*\/$/);
    expect(comment.slice(2, -2)).not.toContain("*/");
    const unpacked = packAll([plain, odd], index);
    expect(unpacked.searchIndex).toBe(index);
    expect(unpacked.tools.map((t) => t.name)).toEqual([plain.name, "odd_tool"]);
    expect(unpacked.tools[1]!.description).toBe(awkward);
    expect(unpacked.tools[1]!.title).toBe("*/");
    const listed = { ...odd, annotations: listedAnnotations(odd.annotations), app: undefined, tags: undefined, scopes: undefined, request: undefined };
    expect(JSON.parse(packedListEntry(unpacked.tools[1]!)!)).toEqual(JSON.parse(JSON.stringify(listed)));
  });

  test("no tools: an empty list and the index", () => {
    expect(packAll([], "")).toEqual({ tools: [], searchIndex: "" });
  });

  test("a line short of its four fields is refused, not read askew", () => {
    expect(() => unpackBundleData("function () { return /*\n{}\nname\tapp\t{}\n*/ }")).toThrow(/damaged/);
  });
});

describe("packed tools", () => {
  test("read back every field of the generated tool", () => {
    const packed = pack(plain);
    for (const key of ["name", "app", "title", "description", "annotations", "inputSchema", "outputSchema", "tags", "request"] as const) {
      expect(packed[key], key).toEqual(plain[key]);
    }
  });

  test("the catalog's JSON list equals the object list", () => {
    const catalog = createCatalog([pack(plain)], ["celigo"]);
    const objects = createCatalog([plain], ["celigo"]);
    expect(JSON.parse(catalog.listJson(catalog.view(null)).text)).toEqual(JSON.parse(JSON.stringify(objects.list(objects.view(null)))));
    expect(packedListEntry(plain)).toBeUndefined();
  });

  test("a budget-cut tool lists its cut schema and validates with its full one, kept with the call data", () => {
    const listed = { type: "object" as const, properties: { name: { type: "string", description: "(fields omitted…)" } } };
    const cut = { ...plain, listedInputSchema: listed };
    const packed = pack(cut);
    expect(packed.inputSchema).toEqual(plain.inputSchema);
    expect(packed.listedInputSchema).toEqual(listed);
    for (const tool of [cut, packed]) {
      const catalog = createCatalog([tool], ["celigo"]);
      expect(catalog.list(catalog.view(null))[0]!.inputSchema).toEqual(listed);
      expect(JSON.parse(catalog.listJson(catalog.view(null)).text)[0].inputSchema).toEqual(listed);
    }
    // An uncut packed tool's list never parses its call data (read at the first call).
    const broken = unpackBundleData(String(new Function(`return function () { return ${bundleDataComment(bundleData([plain], "{}")).replace(/\t\{"tags"[^\n]*/, "\tnot json")}; }`)())).tools[0]!;
    const catalog = createCatalog([broken], ["celigo"]);
    expect(catalog.list(catalog.view(null))[0]!.inputSchema).toEqual(plain.inputSchema);
    expect(() => broken.request).toThrow(SyntaxError);
  });
});

describe("serializeMessage", () => {
  test("splices raw JSON under result verbatim, even text that looks like the marker's neighbours", () => {
    const raw = new RawJson('[{"name":"a","description":"has $& and $1 in it"}]');
    const text = serializeMessage({ jsonrpc: "2.0", id: 7, result: { tools: raw, nextCursor: "c" } });
    expect(JSON.parse(text)).toEqual({ jsonrpc: "2.0", id: 7, result: { tools: [{ name: "a", description: "has $& and $1 in it" }], nextCursor: "c" } });
  });

  test("other serialisers still get the value", () => {
    expect(JSON.stringify({ tools: new RawJson("[1,2]") })).toBe('{"tools":[1,2]}');
  });
});

describe("utf8", () => {
  test("gives Buffer.from's bytes for short and long text, multi-byte characters and lone surrogates included", () => {
    const long = (unit: string) => unit.repeat(Math.ceil(70_000 / unit.length));
    const texts = ["", "short é✓", long("a"), long("ascii then é, ✓ and 😀 "), long("✓"), long("😀"), long("é\ud800x"), long("a") + "\udc00"];
    for (const text of texts) {
      expect(utf8(text).equals(Buffer.from(text, "utf8")), text.slice(0, 20)).toBe(true);
      expect(utf8(text, "\n").equals(Buffer.from(text + "\n", "utf8")), text.slice(0, 20)).toBe(true);
    }
  });
});

describe("StdioTransport", () => {
  test("reads lines split across chunks, including a character split across two", async () => {
    const stdin = new PassThrough();
    const transport = new StdioTransport(stdin, new PassThrough());
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (message) => void received.push(message);
    await transport.start();
    const line = Buffer.from(JSON.stringify({ jsonrpc: "2.0", method: "x", params: { text: "é✓" } }) + "\n");
    const cut = line.indexOf(Buffer.from("✓")) + 1; // inside the three bytes of ✓
    stdin.write(line.subarray(0, cut));
    stdin.write(Buffer.concat([line.subarray(cut), Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}\n')]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([
      { jsonrpc: "2.0", method: "x", params: { text: "é✓" } },
      { jsonrpc: "2.0", id: 1, method: "ping" },
    ]);
  });

  test("ignores lines that are not JSON-RPC, and says so", async () => {
    const stdin = new PassThrough();
    const transport = new StdioTransport(stdin, new PassThrough());
    const errors: string[] = [];
    transport.onerror = (error) => void errors.push(error.message);
    transport.onmessage = () => expect.unreachable();
    await transport.start();
    stdin.write("not json\n{\"jsonrpc\":\"1.0\"}\n\n");
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(2);
  });
});
