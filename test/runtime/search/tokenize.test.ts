// The shared tokenizer: splitting, stop words, synonyms and light stemming.
import { describe, expect, test } from "vitest";
import { splitWords, stem, tokenize } from "../../../runtime/shared/search-tokenize.js";

describe("splitWords", () => {
  test.each([
    ["camelCase", "listForRepo", ["list", "for", "repo"]],
    ["snake_case", "issues_list_for_repo", ["issues", "list", "for", "repo"]],
    ["kebab-case and slashes", "issues/list-for-repo", ["issues", "list", "for", "repo"]],
    ["acronym then word", "HTTPServer getURLPath", ["http", "server", "get", "url", "path"]],
    ["plural acronyms stay whole", "listPRs for URLs", ["list", "prs", "for", "urls"]],
    ["punctuation and spaces", "  Get a repo, please!  ", ["get", "a", "repo", "please"]],
    ["digits stay attached", "v2 oauth2Token", ["v2", "oauth2", "token"]],
  ])("%s", (_label, text, want) => {
    expect(splitWords(text)).toEqual(want);
  });
});

describe("equivalent words meet on one term", () => {
  test.each([
    ["issues", "issue"],
    ["listing", "list"],
    ["listed", "lists"],
    ["repositories", "repository"],
    ["repo", "repository"],
    ["repos", "repositories"],
    ["created", "create"],
    ["creating", "creates"],
    ["deleted", "delete"],
    ["branches", "branch"],
    ["policies", "policy"],
    ["running", "run"],
    ["starred", "star"],
    ["org", "organizations"],
    ["statuses", "status"],
  ])("%s ≈ %s", (a, b) => {
    expect(tokenize(a)).toEqual(tokenize(b));
    expect(tokenize(a)).toHaveLength(1);
  });
});

describe("words that must stay apart", () => {
  test.each([
    ["issue", "user"],
    ["string", "str"],
    ["list", "last"],
    ["status", "state"],
  ])("%s ≠ %s", (a, b) => {
    expect(tokenize(a)).not.toEqual(tokenize(b));
  });
});

describe("tokenize", () => {
  test("drops stop words and single letters, keeps order and duplicates", () => {
    const terms = tokenize("List the issues in a repository and the issues of a user x");
    expect(terms).toEqual([stem("list"), stem("issues"), "repository", stem("issues"), stem("user")]);
  });

  test.each([
    ["pr", ["pull", "request"]],
    ["PRs", ["pull", "requests"]],
    ["my", ["authenticated"]],
  ])("expands the abbreviation %s", (short, long) => {
    expect(tokenize(short)).toEqual(long.map(stem));
  });

  test("short and non-alphabetic words are not stemmed", () => {
    for (const word of ["get", "v2", "ssh", "gpg", "2fa"]) expect(stem(word)).toBe(word);
  });

  test("is deterministic and pure", () => {
    const text = "Create or update file contents in a repository";
    expect(tokenize(text)).toEqual(tokenize(text));
  });
});

describe("tokenize and Object.prototype", () => {
  test("words that name Object.prototype members are plain words", () => {
    // amazonaws.com/devicefarm.json says "constructor": this used to throw "is not iterable".
    expect(tokenize("the constructor and its __proto__")).toEqual([stem("constructor"), stem("proto")]);
  });
});
