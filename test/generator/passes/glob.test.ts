import { describe, expect, test } from "vitest";
import { matchesGlob } from "../../../generator/passes/glob.js";

const CASES: [string, { given: { glob: string; path: string }; want: boolean }][] = [
  ["literal", { given: { glob: "/pets", path: "/pets" }, want: true }],
  ["literal other", { given: { glob: "/pets", path: "/pet" }, want: false }],
  ["star one segment", { given: { glob: "/repos/*", path: "/repos/{owner}" }, want: true }],
  ["star not across segments", { given: { glob: "/repos/*", path: "/repos/{owner}/{repo}" }, want: false }],
  ["star inside a segment", { given: { glob: "/repos/*/issues", path: "/repos/{owner}/issues" }, want: true }],
  ["star partial segment", { given: { glob: "/user*", path: "/users" }, want: true }],
  ["double star many segments", { given: { glob: "/repos/**", path: "/repos/{owner}/{repo}/issues" }, want: true }],
  ["double star matches the prefix itself", { given: { glob: "/repos/**", path: "/repos" }, want: true }],
  ["double star not a sibling prefix", { given: { glob: "/repos/**", path: "/repositories" }, want: false }],
  ["double star in the middle", { given: { glob: "/repos/**/issues", path: "/repos/{owner}/{repo}/issues" }, want: true }],
  ["braces are literal", { given: { glob: "/pets/{id}", path: "/pets/{id}" }, want: true }],
  ["dots are literal", { given: { glob: "/a.b", path: "/axb" }, want: false }],
  ["everything", { given: { glob: "**", path: "/a/b/c" }, want: true }],
];

describe("matchesGlob", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    expect(matchesGlob(given.glob, given.path)).toBe(want);
  });
});
