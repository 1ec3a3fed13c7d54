// Lean rule case-notes: "The name is not case sensitive." goes.
import { describe, expect, test } from "vitest";
import { withoutCaseNotes } from "../../../../generator/passes/lean/case-notes.js";

const CASES: [string, { given: string; want: string }][] = [
  ["GitHub repo", { given: "The name of the repository without the `.git` extension. The name is not case sensitive.", want: "The name of the repository without the `.git` extension." }],
  ["case-insensitive wording", { given: "The label. This value is case-insensitive. Max 50.", want: "The label. Max 50." }],
  ["not fired: it says it IS case sensitive", { given: "The key. The key is case sensitive.", want: "The key. The key is case sensitive." }],
  ["not fired: part of a longer sentence", { given: "Matches names; the name is not case sensitive unless quoted.", want: "Matches names; the name is not case sensitive unless quoted." }],
];

describe("case-notes", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(withoutCaseNotes(given)).toBe(want));
});
