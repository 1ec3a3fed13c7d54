// validateArgs: each rule's message names the argument and the rule; valid input passes; compiled once.
import { beforeAll, describe, expect, test } from "vitest";
import type { HttpTool } from "../../../runtime/contract.js";
import { loadValidator, validateArgs } from "../../../runtime/validate.js";

beforeAll(loadValidator);

// The input schema of GitHub's issues/list-for-repo, as the generator emits it (STYLE.md §3.4).
const listIssues: HttpTool = {
  name: "issues_list_for_repo",
  app: "github",
  description: "List issues in a repository.",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  inputSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      owner: { type: "string" },
      repo: { type: "string" },
      per_page: { type: "integer", maximum: 100, default: 30 },
      since: { type: "string", format: "date-time" },
      state: { type: "string", enum: ["open", "closed", "all"], default: "open" },
      labels: { type: "array", items: { type: "string" } },
      filter: { type: "object", properties: { status: { type: "string" } }, required: ["status"] },
    },
    required: ["owner", "repo"],
  },
  scopes: [],
  request: { kind: "http", method: "GET", path: "/repos/{owner}/{repo}/issues", params: {} },
};

const ok = { owner: "octo", repo: "hello" };

describe("validateArgs", () => {
  test.each([
    ["minimal", ok],
    ["every field", { ...ok, per_page: 50, since: "2024-01-01T00:00:00Z", state: "all", labels: ["bug"], filter: { status: "x" } }],
  ])("valid: %s", (_name, args) => {
    expect(validateArgs(listIssues, args)).toBeUndefined();
  });

  test.each([
    ["wrong type", { ...ok, per_page: "ten" }, ['argument "per_page": must be integer (got "ten")']],
    ["maximum", { ...ok, per_page: 500 }, ['argument "per_page": must be <= 100 (got 500)']],
    ["missing required", { owner: "octo" }, ['missing required argument "repo"']],
    ["two missing", {}, ['missing required argument "owner"', 'missing required argument "repo"']],
    ["unknown argument", { ...ok, sort: "created" }, ['unknown argument "sort"']],
    ["enum lists allowed values", { ...ok, state: "closed!" }, ['argument "state": must be one of "open", "closed", "all" (got "closed!")']],
    ["format", { ...ok, since: "yesterday" }, ['argument "since": must match format "date-time" (got "yesterday")']],
    ["array item", { ...ok, labels: ["a", 2] }, ['argument "labels[1]": must be string (got 2)']],
    ["nested required", { ...ok, filter: {} }, ['missing required argument "filter.status"']],
  ])("%s", (_name, args, messages) => {
    const text = validateArgs(listIssues, args);
    expect(text).toMatch(/^invalid arguments for issues_list_for_repo:/);
    for (const m of messages) expect(text).toContain(m);
    // One line per problem, nothing else.
    expect(text?.split("\n")).toHaveLength(messages.length + 1);
  });

  test.each([
    ["null", null, "null"],
    ["an array", [1], "an array"],
    ["a string", "owner=octo", "string"],
  ])("non-object arguments (%s) are an error", (_name, args, got) => {
    expect(validateArgs(listIssues, args)).toContain(`arguments must be a JSON object (got ${got})`);
  });

  test("absent arguments count as {}", () => {
    expect(validateArgs(listIssues, undefined)).toContain('missing required argument "owner"');
  });

  test("long values are quoted short", () => {
    const text = validateArgs(listIssues, { ...ok, per_page: "x".repeat(500) }) ?? "";
    expect(text.length).toBeLessThan(200);
  });

  test("an uncompilable schema is reported, not thrown", () => {
    const broken: HttpTool = { ...listIssues, inputSchema: { type: "object", properties: { a: { $ref: "#/$defs/missing" } } } };
    expect(validateArgs(broken, {})).toMatch(/cannot validate its input schema/);
  });

  test("the validator is compiled once per tool (second call is fast)", () => {
    const fresh: HttpTool = { ...listIssues };
    validateArgs(fresh, ok);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) validateArgs(fresh, ok);
    expect((performance.now() - start) / 1000).toBeLessThan(0.05);
  });
});
