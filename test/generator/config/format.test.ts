// formatDiagnostics / summarizeDiagnostics: headline, excerpt, fix, order, JSON.
import { describe, expect, test } from "vitest";
import { CODES } from "../../../generator/diagnostics/codes.js";
import type { Diagnostic } from "../../../generator/diagnostics/diagnostic.js";
import { formatDiagnostic, formatDiagnostics, location, sortDiagnostics, summarizeDiagnostics, tokenLength } from "../../../generator/diagnostics/format.js";

const unknownKey: Diagnostic = {
  code: "GW104",
  severity: "error",
  message: 'unknown key "timeoutMs" in limits',
  file: "gateway.yaml",
  line: 14,
  column: 5,
  excerpt: "    timeoutMs: 30000",
  help: 'did you mean "timeout_ms"?',
};
const pointerOnly: Diagnostic = {
  code: "GW106",
  severity: "warning",
  message: "something about an operation",
  file: "specs/github.json",
  pointer: "/paths/~1pets/get",
};

describe("pretty", () => {
  test("headline, numbered excerpt, underline under the key, fix from help", () => {
    const [headline, source, underline, fix, ...rest] = formatDiagnostic(unknownKey).split("\n");
    expect(rest).toEqual([]);
    expect(headline).toBe(`${unknownKey.file}:${unknownKey.line}:${unknownKey.column}: ${unknownKey.severity} ${unknownKey.code}: ${unknownKey.message}`);
    const bar = source.indexOf("│");
    expect(source.slice(0, bar).trim()).toBe(String(unknownKey.line));
    expect(underline.indexOf("│")).toBe(bar);
    expect(source.slice(bar + 2)).toBe(unknownKey.excerpt);
    const marks = underline.slice(bar + 2);
    const start = marks.indexOf("~");
    expect(start).toBe(unknownKey.column! - 1);
    expect(unknownKey.excerpt!.slice(start, start + marks.trim().length)).toBe("timeoutMs");
    expect(fix).toBe(`  fix: ${unknownKey.help}`);
  });

  test("no line: file#pointer headline, no excerpt, fix from the code catalogue", () => {
    const lines = formatDiagnostic(pointerOnly).split("\n");
    expect(lines).toEqual([`${pointerOnly.file}#${pointerOnly.pointer}: warning ${pointerOnly.code}: ${pointerOnly.message}`, `  fix: ${CODES[pointerOnly.code].fix}`]);
  });

  test.each([
    [{ file: "a.yaml" }, "a.yaml"],
    [{ file: "a.yaml", line: 3 }, "a.yaml:3"],
    [{ file: "a.yaml", line: 3, column: 7 }, "a.yaml:3:7"],
    [{ file: "a.json", pointer: "/x" }, "a.json#/x"],
  ] as [Partial<Diagnostic>, string][])("location %j → %s", (d, want) => {
    expect(location({ code: "GW100", severity: "error", message: "m", ...d } as Diagnostic)).toBe(want);
  });

  test.each([
    ["  timeoutMs: 30000", 2, "timeoutMs"],
    ["  timeoutMs: 30000", 13, "30000"],
    ['  token: "abc def" # x', 9, '"abc def"'],
    ["  base_url: https://api.example.com/x", 12, "https://api.example.com/x"],
    ["  x: { a: 1 }", 5, "{"],
    ["  methods: [GET, get]", 17, "get"],
    ["  description: Triage the open issues", 15, "Triage the open issues"],
    ["", 0, "x"],
  ] as [string, number, string][])("underline in %j from %i covers %j", (line, start, token) => {
    expect(tokenLength(line, start)).toBe(token.length);
  });

  test("diagnostics are separated by one blank line and sorted by file, line, column, code", () => {
    const later = { ...unknownKey, line: 20, code: "GW102" as const };
    const sameSpot = { ...unknownKey, code: "GW102" as const };
    const out = formatDiagnostics([later, pointerOnly, unknownKey, sameSpot], "pretty");
    const headlines = out.split("\n\n").map((block) => block.split("\n")[0]);
    expect(headlines).toEqual([sameSpot, unknownKey, later, pointerOnly].map((d) => formatDiagnostic(d).split("\n")[0]));
  });

  test("sorting is stable for ties", () => {
    const a = { ...pointerOnly, message: "first" };
    const b = { ...pointerOnly, message: "second" };
    expect(sortDiagnostics([a, b]).map((d) => d.message)).toEqual(["first", "second"]);
    expect(sortDiagnostics([b, a]).map((d) => d.message)).toEqual(["second", "first"]);
  });
});

describe("json", () => {
  test("the sorted Diagnostic[] with 2-space indent", () => {
    const diags = [pointerOnly, unknownKey];
    const out = formatDiagnostics(diags, "json");
    expect(JSON.parse(out)).toEqual(sortDiagnostics(diags));
    expect(out).toBe(JSON.stringify(sortDiagnostics(diags), null, 2));
  });
});

describe("summary", () => {
  const make = (severity: Diagnostic["severity"], n: number): Diagnostic[] => Array.from({ length: n }, () => ({ ...pointerOnly, severity }));
  test.each([
    [0, 0, 0, ""],
    [1, 0, 0, "✘ 1 error."],
    [1, 1, 0, "✘ 1 error, 1 warning."],
    [2, 3, 0, "✘ 2 errors, 3 warnings."],
    [0, 2, 0, "⚠ 2 warnings."],
    [0, 0, 1, "ℹ 1 info message."],
    [1, 0, 2, "✘ 1 error, 2 info messages."],
  ] as [number, number, number, string][])("%i errors, %i warnings, %i infos → %j", (e, w, i, want) => {
    expect(summarizeDiagnostics([...make("error", e), ...make("warning", w), ...make("info", i)])).toBe(want);
  });
});
