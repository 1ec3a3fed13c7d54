// Lean rule link-text: a link becomes its text, in every description of a plan.
import { describe, expect, test } from "vitest";
import { linkText, plainLinks } from "../../../../generator/passes/lean/link-text.js";
import { named, plan } from "../fixtures.js";

const CASES: [string, { given: string; want: string }][] = [
  ["markdown link", { given: 'See "[List pull requests](https://docs.github.com/rest/pulls/pulls#list-pull-requests)".', want: 'See "List pull requests".' }],
  ["relative target", { given: "Use [confirm](/docs/api/payment_intents/confirm) next.", want: "Use confirm next." }],
  ["code in the text", { given: "Only with [`confirm=true`](https://stripe.com/docs/api#confirm).", want: "Only with `confirm=true`." }],
  ["target with a title", { given: '[ISO 8601](https://en.wikipedia.org/wiki/ISO_8601 "ISO") format', want: "ISO 8601 format" }],
  ["target with parentheses", { given: "[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) x", want: "Foo x" }],
  ["image: its alt text", { given: "![diagram](https://x.test/a.png)", want: "diagram" }],
  ["several on one line", { given: "[a](http://a) and [b](http://b)", want: "a and b" }],
  ["HTML anchor", { given: 'Attach and <a href="/docs/api/payment_intents/confirm">confirm</a> it.', want: "Attach and confirm it." }],
  ["HTML anchor holding code", { given: '<a href="/x"><code>expand</code></a>', want: "<code>expand</code>" }],
  ["not a link: brackets then prose in parentheses", { given: "Set `_links[git]` (the Git URL) and [x] (y z).", want: "Set `_links[git]` (the Git URL) and [x] (y z)." }],
  ["not a link: reference style", { given: "[text][ref]", want: "[text][ref]" }],
  ["not a link: a bare URL", { given: "See https://docs.github.com/rest for more.", want: "See https://docs.github.com/rest for more." }],
  ["not an anchor: <abbr>", { given: "<abbr>x</abbr>", want: "<abbr>x</abbr>" }],
];

describe("link-text", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(linkText(given)).toBe(want));

  test("tool, parameter, $defs and outputSchema descriptions", () => {
    const draft = { ...plan("GET /a"), description: "[Doc](http://d) one", defs: { D: { type: "string", description: "[d](http://d)" } }, outputSchema: { type: "object", properties: { id: { description: "[id](http://i)" } } } };
    draft.args = [{ name: "q", in: "query", wire: "q", required: false, schema: { type: "string", description: "[q](http://q) text" } }];
    const out = plainLinks(named(draft));
    expect(out.description).toBe("Doc one");
    expect(out.args[0]!.schema).toEqual({ type: "string", description: "q text" });
    expect(out.defs.D).toEqual({ type: "string", description: "d" });
    expect(out.outputSchema).toEqual({ type: "object", properties: { id: { description: "id" } } });
  });

  test("a property named description is a property, not a text", () => {
    const draft = plan("POST /a");
    const schema = { type: "object", properties: { description: { type: "string", description: "[x](http://x)" } } };
    draft.args = [{ name: "body", in: "body", wire: "body", required: true, schema }];
    expect(plainLinks(named(draft)).args[0]!.schema).toEqual({ type: "object", properties: { description: { type: "string", description: "x" } } });
  });
});
