import { describe, expect, test } from "vitest";
import { isKeyGlob, matchesGlob, matchesKeyGlob } from "../../../generator/passes/glob.js";

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

const KEY_CASES: [string, { given: { glob: string; key: string }; want: boolean }][] = [
  ["prefix", { given: { glob: "create*", key: "createIssue" }, want: true }],
  ["whole key only", { given: { glob: "create*", key: "Mutation.createIssue" }, want: false }],
  ["infix", { given: { glob: "*Issue*", key: "Mutation.closeIssue" }, want: true }],
  ["* crosses /", { given: { glob: "issues/*", key: "issues/list/for/repo" }, want: true }],
  ["* crosses spaces", { given: { glob: "GET /repos/*", key: "GET /repos/{owner}/{repo}" }, want: true }],
  ["* matches nothing too", { given: { glob: "viewer*", key: "viewer" }, want: true }],
  ["? is exactly one character", { given: { glob: "v?", key: "v10" }, want: false }],
  ["case counts", { given: { glob: "create*", key: "CreateIssue" }, want: false }],
  ["dots and braces are literal", { given: { glob: "Query.*", key: "QueryXviewer" }, want: false }],
  ["regex characters are literal", { given: { glob: "a+(b)*", key: "a+(b)c" }, want: true }],
];

describe("matchesKeyGlob", () => {
  test.each(KEY_CASES)("%s", (_, { given, want }) => {
    expect(isKeyGlob(given.glob)).toBe(true);
    expect(matchesKeyGlob(given.glob, given.key)).toBe(want);
  });

  test.each(["repos/get", "GET /repos/{owner}/{repo}", "Query.viewer"])("%j is a name, not a glob", (entry) => {
    expect(isKeyGlob(entry)).toBe(false);
  });
});
