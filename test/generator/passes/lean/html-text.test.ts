// Lean rule html-text: HTML in descriptions becomes plain text.
import { describe, expect, test } from "vitest";
import { htmlText } from "../../../../generator/passes/lean/html-text.js";

const CASES: [string, { given: string; want: string }][] = [
  ["paragraphs", { given: "<p>Creates a PaymentIntent object.</p>\n\n<p>After it is created, confirm it.</p>", want: "Creates a PaymentIntent object.\n\nAfter it is created, confirm it." }],
  ["code keeps backticks", { given: "<p>When <code>confirm=true</code> is used</p>", want: "When `confirm=true` is used" }],
  ["list items", { given: "<ul><li>one</li><li>two</li></ul>", want: "- one\n- two" }],
  ["emphasis and line breaks", { given: "<strong>Note</strong>: a<br/>b", want: "Note: a\nb" }],
  ["entities", { given: "<p>a &amp; b &lt;c&gt; &quot;d&quot;</p>", want: 'a & b <c> "d"' }],
  ["not HTML: placeholders", { given: "Format: <owner>/<repo>, a < b > c", want: "Format: <owner>/<repo>, a < b > c" }],
  ["not HTML: entities alone stay", { given: "Tom &amp; Jerry", want: "Tom &amp; Jerry" }],
  ["not HTML: unknown tag names", { given: "Use <details> blocks", want: "Use <details> blocks" }],
  ["plain text untouched", { given: "Line one.\n\nLine two.", want: "Line one.\n\nLine two." }],
];

describe("html-text", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(htmlText(given)).toBe(want));
  test("twice in a row (the pattern keeps no state between calls)", () => {
    expect(htmlText("<p>a</p>")).toBe("a");
    expect(htmlText("<p>b</p>")).toBe("b");
  });
});
