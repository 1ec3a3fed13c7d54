// did-you-mean: edit distance and the suggestions built on it, for gateway.yaml diagnostics and unknown tool names.
import { describe, expect, test } from "vitest";
import { closestMatches, didYouMean, didYouMeanHelp, editDistance } from "../../../runtime/shared/did-you-mean.js";
import schema from "../../../schema/gateway.schema.json" with { type: "json" };

const LIMIT_KEYS = Object.keys(schema.definitions.limits.properties);
const APP_KEYS = Object.keys(schema.definitions.app.properties);
const ROOT_KEYS = Object.keys(schema.properties);

describe("editDistance", () => {
  test.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
    ["timeout", "timeuot", 1], // one transposition
    ["ab", "ba", 1],
    ["hidden", "hiden", 1],
    ["same", "same", 0],
  ] as [string, string, number][])("%j ↔ %j = %i", (a, b, want) => {
    expect(editDistance(a, b)).toBe(want);
    expect(editDistance(b, a)).toBe(want);
  });

  test.each([
    ["kitten", "sitting", 1, 2],
    ["kitten", "sitting", 3, 3],
    ["abcdef", "ab", 2, 3],
    ["timeout", "timeuot", 0, 1],
  ] as [string, string, number, number][])("%j ↔ %j within budget %i = %i", (a, b, budget, want) => {
    expect(editDistance(a, b, budget)).toBe(want);
  });

  test("symmetric, zero only for equal words, over the schema's keys", () => {
    const words = [...LIMIT_KEYS, ...APP_KEYS, ...ROOT_KEYS];
    for (const a of words) for (const b of words) {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
      expect(editDistance(a, b) === 0).toBe(a === b);
    }
  });
});

describe("didYouMean", () => {
  test.each([
    ["timeoutMs", "timeout_ms", LIMIT_KEYS],
    ["maxResponseBytes", "max_response_bytes", LIMIT_KEYS],
    ["timeout-ms", "timeout_ms", LIMIT_KEYS],
    ["TIMEOUT_MS", "timeout_ms", LIMIT_KEYS],
    ["baseUrl", "base_url", APP_KEYS],
    ["opanapi", "openapi", APP_KEYS],
    ["graphQL", "graphql", APP_KEYS],
    ["hedaers", "headers", APP_KEYS],
    ["promts", "prompts", ROOT_KEYS],
    ["allowRemoteRefs", "allow_remote_refs", ROOT_KEYS],
    ["statc", "static", ["static", "dynamic"]],
    ["bearr", "bearer", ["none", "bearer", "basic", "api_key"]],
    ["apikey", "api_key", ["none", "bearer", "basic", "api_key"]],
  ] as [string, string, string[]][])("%j → %j", (input, want, candidates) => {
    expect(candidates).toContain(want);
    expect(didYouMean(input, candidates)).toBe(want);
    expect(didYouMeanHelp(input, candidates)).toBe(`did you mean "${want}"?`);
  });

  test.each([
    ["colour", ROOT_KEYS],
    ["x", LIMIT_KEYS],
    ["completely_unrelated", APP_KEYS],
    ["system", ["user", "assistant"]],
  ] as [string, string[]][])("%j has no close match", (input, candidates) => {
    expect(didYouMean(input, candidates)).toBeUndefined();
    expect(didYouMeanHelp(input, candidates)).toBeUndefined();
  });

  test("never suggests the input itself; ranks closer first; bounded by limit", () => {
    expect(didYouMean("name", ["name"])).toBeUndefined();
    const candidates = ["token", "taken", "tokens", "other"];
    const all = closestMatches("tokenss", candidates, 10);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all).not.toContain("other");
    for (let i = 1; i < all.length; i++) expect(editDistance("tokenss", all[i - 1])).toBeLessThanOrEqual(editDistance("tokenss", all[i]));
    expect(closestMatches("tokenss", candidates, 1)).toEqual(all.slice(0, 1));
  });
});

describe("closestMatches (tool names)", () => {
  const NAMES = ["issues_list_for_repo", "issues_create", "repos_get", "repos_list_for_org", "pulls_list"];
  test.each([
    ["repos_gte", ["repos_get"]],
    ["issue_create", ["issues_create"]],
    ["ISSUES-CREATE", ["issues_create"]],
    ["pulls_list", ["pulls_list"]],
    ["list_for", ["repos_list_for_org", "issues_list_for_repo"]], // containing it: fewer extra characters first
    ["zzzzzzzz", []],
  ] as [string, string[]][])("%s → %j", (name, want) => {
    expect(closestMatches(name, NAMES)).toEqual(want);
  });
  test("at most `limit` names", () => expect(closestMatches("issues", NAMES, 1)).toHaveLength(1));
  test("didYouMean is stricter: containing the word is not enough", () => {
    expect(closestMatches("ver", ["name", "version", "server"])).toEqual(["server", "version"]);
    expect(didYouMean("ver", ["name", "version", "server"])).toBeUndefined();
  });
});
