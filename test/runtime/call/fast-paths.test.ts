// The per-call shortcuts give exactly what the general path gives: percent-encoding, UTF-8 text of a body,
// and message serialisation.
import { describe, expect, test } from "vitest";
import { RawJson, serializeMessage } from "../../../runtime/raw-json.js";
import { encodeStrict } from "../../../runtime/upstream/encode.js";
import { truncateText } from "../../../runtime/upstream/truncate.js";

/** encodeStrict as it was before its fast path. */
const reference = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

describe("encodeStrict", () => {
  test.each(["octocat", "hello-world", "a.b_c~d", "", "0123456789", "a b", "a/b", "a%b", "!'()*", "é", "日本", "😀", "a+b=c&d", "..", "-._~"])("%j as encodeURIComponent plus !'()*", (value) => {
    expect(encodeStrict(value)).toBe(reference(value));
  });

  test("every ASCII character, alone and in a word", () => {
    for (let code = 0; code < 128; code++) {
      const ch = String.fromCharCode(code);
      expect(encodeStrict(ch)).toBe(reference(ch));
      expect(encodeStrict(`ab${ch}cd`)).toBe(reference(`ab${ch}cd`));
    }
  });

  test("a lone surrogate still throws, as encodeURIComponent does", () => {
    expect(() => encodeStrict("a\ud800")).toThrow(URIError);
  });
});

describe("truncateText", () => {
  const text = "{\"name\":\"é ✓ 😀\"}";
  test("a Buffer and a plain Uint8Array of the same bytes read the same, whole or cut", () => {
    const buffer = Buffer.from(`xx${text}`).subarray(2);
    const plain = new Uint8Array(buffer);
    for (const max of [1_000, 12, 40]) {
      expect(truncateText(buffer, buffer.length, true, max)).toEqual(truncateText(plain, plain.length, true, max));
    }
    expect(truncateText(buffer, buffer.length, true, 1_000)).toEqual({ text, truncated: false });
  });
});

describe("serializeMessage", () => {
  test("a message without raw JSON is JSON.stringify's text", () => {
    const message = { jsonrpc: "2.0", id: 3, result: { content: [{ type: "text", text: "{\"a\":1}" }], structuredContent: { a: 1 } } };
    expect(serializeMessage(message)).toBe(JSON.stringify(message));
    expect(serializeMessage({ jsonrpc: "2.0", method: "notifications/tools/list_changed" })).toBe('{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}');
  });

  test("raw JSON is spliced in only from the result's own fields", () => {
    const inherited = Object.create({ tools: new RawJson("[1]") }) as Record<string, unknown>;
    inherited.nextCursor = "c";
    expect(serializeMessage({ jsonrpc: "2.0", id: 1, result: inherited })).toBe('{"jsonrpc":"2.0","id":1,"result":{"nextCursor":"c"}}');
    expect(serializeMessage({ jsonrpc: "2.0", id: 1, result: { tools: new RawJson("[1]") } })).toBe('{"jsonrpc":"2.0","id":1,"result":{"tools":[1]}}');
  });
});
