// Lean rule reference-sentences: sentences that only point at documentation go.
import { describe, expect, test } from "vitest";
import { dropReferences, withoutReferences } from "../../../../generator/passes/lean/reference-sentences.js";
import { named, plan } from "../fixtures.js";

const CASES: [string, { given: string; want: string }][] = [
  ["GitHub pagination, link already plain", { given: 'The number of results per page (max 100). For more information, see "Using pagination in the REST API."', want: "The number of results per page (max 100)." }],
  ["with its link", { given: 'The page number. For more information, see "[Using pagination](https://docs.github.com/rest/pagination)."', want: "The page number." }],
  ["quote after the full stop", { given: 'Lists things. For more details, see "Things". Then more.', want: "Lists things. Then more." }],
  ["About X, see Y", { given: "Severity level. For more information on security severity levels, see About alerts. It blocks updates.", want: "Severity level. It blocks updates." }],
  ["See … for more information", { given: "Sets the mode. See the modes guide for more information.", want: "Sets the mode." }],
  ["its own paragraph", { given: "Lists issues.\n\nFor more information, see Media types.\n\n- raw: the raw body", want: "Lists issues.\n\n- raw: the raw body" }],
  ["To learn more", { given: "Creates a token. To learn more, read the guide.", want: "Creates a token." }],
  ["not a reference: For more than", { given: "For more than 100 items, page through them.", want: "For more than 100 items, page through them." }],
  ["not a reference: See with no pointer to more information", { given: "See `ref` below.", want: "See `ref` below." }],
  ["not a whole sentence: mid-sentence mention", { given: "Returns the details, for more information use the expand parameter.", want: "Returns the details, for more information use the expand parameter." }],
];

describe("reference-sentences", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(withoutReferences(given)).toBe(want));

  test("a description that is only a reference stays: every parameter keeps a description", () => {
    const draft = plan("GET /a");
    draft.args = [{ name: "q", in: "query", wire: "q", required: false, schema: { type: "string", description: "For more information, see Q." } }];
    expect(dropReferences(named(draft)).args[0]!.schema.description).toBe("For more information, see Q.");
  });
});
