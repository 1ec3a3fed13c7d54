import { describe, expect, test } from "vitest";
import { canonicalJson, printLiteral, RawCode } from "../../../generator/emit/literal.js";

describe("printLiteral", () => {
  const cases: [string, { given: unknown; want: string }][] = [
    ["string with quotes", { given: 'say "hi"', want: '"say \\"hi\\""' }],
    ["keys sorted, inline when short", { given: { b: 1, a: true }, want: "{ a: true, b: 1 }" }],
    ["non-identifier keys quoted", { given: { "x-y": 1, $ok: 2 }, want: '{ $ok: 2, "x-y": 1 }' }],
    ["undefined values dropped", { given: { a: undefined, b: null }, want: "{ b: null }" }],
    ["arrays keep order", { given: ["b", "a"], want: '["b", "a"]' }],
    ["empty containers", { given: { a: {}, b: [] }, want: "{ a: {}, b: [] }" }],
    ["raw code verbatim", { given: new RawCode("fn()"), want: "fn()" }],
    ["raw code inside an object", { given: { a: new RawCode('t["x"]') }, want: '{ a: t["x"] }' }],
    ["multi-line raw code breaks the line", { given: { a: new RawCode("{\n}") }, want: "{\n  a: {\n},\n}" }],
    [
      "long objects break lines with trailing commas",
      { given: { description: "d".repeat(90), type: "string" }, want: `{\n  description: "${"d".repeat(90)}",\n  type: "string",\n}` },
    ],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    expect(printLiteral(given)).toBe(want);
  });

  test("the same value with keys in any order prints the same bytes", () => {
    const a = { z: { b: [1, { y: 1, x: 2 }], a: "s" }, m: 1 };
    const b = { m: 1, z: { a: "s", b: [1, { x: 2, y: 1 }] } };
    expect(printLiteral(a)).toBe(printLiteral(b));
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});
