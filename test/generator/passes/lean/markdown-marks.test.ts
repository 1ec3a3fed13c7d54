// Lean rule markdown-marks: render-only marks go; code spans, lists and tables stay.
import { describe, expect, test } from "vitest";
import { withoutMarks } from "../../../../generator/passes/lean/markdown-marks.js";

const CASES: [string, { given: string; want: string }][] = [
  ["bold and italics", { given: "Be **careful**: it is _permanent_ and *final*.", want: "Be careful: it is permanent and final." }],
  ["call-out", { given: "Lists issues.\n\n> [!NOTE]\n> Pull requests are issues too.", want: "Lists issues.\nNote: Pull requests are issues too." }],
  ["hard wraps joined, paragraphs one line each", { given: "A comma-separated list\nof filters.\n\nNext paragraph.", want: "A comma-separated list of filters.\nNext paragraph." }],
  ["list items stay on their lines", { given: "Values:\n- `a`: one\n- `b`: two", want: "Values:\n- `a`: one\n- `b`: two" }],
  ["table rows stay", { given: "| a | b |\n| --- | --- |", want: "| a | b |\n| --- | --- |" }],
  ["not fired inside code spans", { given: "Use `__init__` or `*` or `**kwargs**`.", want: "Use `__init__` or `*` or `**kwargs**`." }],
  ["not fired: snake_case words", { given: "Set pull_request_id and _links.", want: "Set pull_request_id and _links." }],
  ["not fired: a lone asterisk", { given: "Pass * for any user.", want: "Pass * for any user." }],
  ["fenced code kept line by line, its text unmarked", { given: "Example\nrequest:\n\n```json\n{\n  \"a\": \"**b**\"\n\n}\n```\nDone.", want: "Example request:\n```json\n{\n  \"a\": \"**b**\"\n\n}\n```\nDone." }],
];

describe("markdown-marks", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(withoutMarks(given)).toBe(want));
});
