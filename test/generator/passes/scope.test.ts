// The scope pass: a tool's `tools:` scopes, else its app's read or write scopes by the final readOnlyHint.
import { describe, expect, test } from "vitest";
import type { AppConfig, ToolOverride } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { runPasses } from "../../../generator/passes/index.js";
import { scope } from "../../../generator/passes/scope.js";
import { toolObjectOf } from "../../../generator/emit/tool-object.js";
import { app, config, graphqlPlan, named, plan } from "./fixtures.js";

interface Given {
  key: string;
  operationId?: string;
  appScopes?: AppConfig["scopes"];
  tools?: Record<string, ToolOverride>;
}

const CASES: [string, { given: Given; want: string[] }][] = [
  ["GET needs mcp:read", { given: { key: "GET /a" }, want: ["mcp:read"] }],
  ["POST needs mcp:write", { given: { key: "POST /a" }, want: ["mcp:write"] }],
  ["DELETE needs mcp:write", { given: { key: "DELETE /a" }, want: ["mcp:write"] }],
  ["app read scopes, sorted", { given: { key: "GET /a", appScopes: { read: ["pets:read", "mcp:read"], write: ["mcp:write"] } }, want: ["mcp:read", "pets:read"] }],
  ["app write scopes", { given: { key: "PUT /a", appScopes: { read: ["mcp:read"], write: ["pets:admin"] } }, want: ["pets:admin"] }],
  ["a tool's scopes replace the app's", { given: { key: "DELETE /a", tools: { "DELETE /a": { scopes: ["pets:admin", "mcp:write"] } } }, want: ["mcp:write", "pets:admin"] }],
  ["keyed by operationId", { given: { key: "GET /a", operationId: "getA", tools: { getA: { scopes: ["pets:secret"] } } }, want: ["pets:secret"] }],
  ["empty: any caller", { given: { key: "POST /a", tools: { "POST /a": { scopes: [] } } }, want: [] }],
  ["duplicates dropped", { given: { key: "POST /a", tools: { "POST /a": { scopes: ["b", "a", "b"] } } }, want: ["a", "b"] }],
  ["a readOnlyHint override makes a POST a read", { given: { key: "POST /search", tools: { "POST /search": { annotations: { readOnlyHint: true } } } }, want: ["mcp:read"] }],
  ["a readOnlyHint: false override makes a GET a write", { given: { key: "GET /a", tools: { "GET /a": { annotations: { readOnlyHint: false } } } }, want: ["mcp:write"] }],
];

describe("scope", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    const pets = app("pets", { tools: given.tools ?? {}, ...(given.appScopes ? { scopes: given.appScopes } : {}) });
    const draft = plan(given.key, { app: "pets", ...(given.operationId ? { operationId: given.operationId } : {}) });
    const [out] = runPasses([draft], config([pets]), new Report());
    expect(out!.scopes).toEqual(want);
    expect(toolObjectOf(out!).scopes).toEqual(want);
  });

  test("GraphQL: a query reads, a mutation writes", () => {
    const plans = [named(graphqlPlan("query", ["viewer", "Query.viewer"], "gh")), named(graphqlPlan("mutation", ["createIssue", "Mutation.createIssue"], "gh"))];
    const out = scope(plans, config([app("gh")]), new Report());
    expect(out.map((p) => p.scopes)).toEqual([["mcp:read"], ["mcp:write"]]);
  });

  test("a plan the pass never saw gets the default by readOnlyHint", () => {
    expect(toolObjectOf(named(plan("GET /a"))).scopes).toEqual(["mcp:read"]);
    expect(toolObjectOf(named(plan("PATCH /a"))).scopes).toEqual(["mcp:write"]);
  });
});
