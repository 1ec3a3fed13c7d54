import { describe, expect, test } from "vitest";
import { didYouMean, editDistance } from "../../../generator/passes/did-you-mean.js";

const KEYS = ["repos/get", "repos/delete", "issues/list-for-repo", "GET /repos/{owner}/{repo}"];

const CASES: [string, { given: string; want: string[] }][] = [
  ["one typo", { given: "repos/gte", want: ["repos/get"] }],
  ["case differs", { given: "Repos/Delete", want: ["repos/delete"] }],
  ["method/path form", { given: "GET /repos/{owner}/{rep}", want: ["GET /repos/{owner}/{repo}"] }],
  ["nothing close", { given: "pulls/merge", want: [] }],
];

describe("didYouMean", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    expect(didYouMean(given, KEYS)).toEqual(want);
  });

  test("editDistance gives up past its limit", () => {
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("kitten", "sitting", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});
