// Lean rule media-type-notes: the custom media types section goes unless the tool takes an Accept argument.
import { describe, expect, test } from "vitest";
import { dropMediaTypeNotes, withoutMediaTypes } from "../../../../generator/passes/lean/media-type-notes.js";
import { named, plan } from "../fixtures.js";

const GITHUB = `List issues in a repository.

This endpoint supports the following custom media types. For more information, see "Media types."

- **\`application/vnd.github.raw+json\`**: Returns the raw markdown body. Response will include \`body\`.
- **\`application/vnd.github.html+json\`**: Returns HTML rendered from the body's markdown.
  Response will include \`body_html\`.

Only open issues will be listed.`;

const CASES: [string, { given: string; want: string }][] = [
  ["section with its list, between paragraphs", { given: GITHUB, want: "List issues in a repository.\n\nOnly open issues will be listed." }],
  ["section at the end", { given: "Gets a file.\n\nThis endpoint supports the following custom media types.\n\n- raw: the bytes", want: "Gets a file." }],
  ["not fired: another list after a paragraph", { given: "Gets a file.\n\n- a\n- b", want: "Gets a file.\n\n- a\n- b" }],
  ["not fired: media types mentioned otherwise", { given: "Returns media types of the repository.", want: "Returns media types of the repository." }],
];

describe("media-type-notes", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(withoutMediaTypes(given)).toBe(want));

  test("not fired: the tool takes an Accept header, so the model can pick one", () => {
    const draft = { ...plan("GET /a"), description: GITHUB };
    draft.args = [{ name: "accept", in: "header", wire: "Accept", required: false, schema: { type: "string" } }];
    expect(dropMediaTypeNotes(named(draft)).description).toBe(GITHUB);
  });
});
