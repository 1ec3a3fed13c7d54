import { describe, expect, test } from "vitest";
import type { ToolOverride } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { override } from "../../../generator/passes/override.js";
import type { ToolPlan } from "../../../generator/plan/tool-plan.js";
import { app, config, plan } from "./fixtures.js";

const GET = plan("GET /pets/{id}", { operationId: "getPet", description: "Spec description" });
const LIST = plan("GET /pets", { description: "List" });

const CASES: [string, { given: Record<string, ToolOverride>; want: Pick<ToolPlan, "title" | "description">[] }][] = [
  ["no overrides", { given: {}, want: [{ description: "Spec description" }, { description: "List" }] }],
  ["title by operationId", { given: { getPet: { title: "Get a pet" } }, want: [{ title: "Get a pet", description: "Spec description" }, { description: "List" }] }],
  ["description by METHOD /path", { given: { "GET /pets": { description: "All pets" } }, want: [{ description: "Spec description" }, { description: "All pets" }] }],
  ["method in lower case", { given: { "get /pets/{id}": { title: "T" } }, want: [{ title: "T", description: "Spec description" }, { description: "List" }] }],
  ["blank description is ignored", { given: { getPet: { description: "  " } }, want: [{ description: "Spec description" }, { description: "List" }] }],
  ["hidden removes the tool", { given: { getPet: { hidden: true, title: "x" } }, want: [{ description: "List" }] }],
  ["hidden: false keeps it", { given: { "GET /pets": { hidden: false } }, want: [{ description: "Spec description" }, { description: "List" }] }],
  ["operationId entry wins a conflict", { given: { "GET /pets/{id}": { title: "by path" }, getPet: { title: "by id" } }, want: [{ title: "by id", description: "Spec description" }, { description: "List" }] }],
];

describe("override", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    const out = override([GET, LIST], config([app("app", { tools: given })]), new Report());
    expect(out.map((p) => ({ ...(p.title !== undefined ? { title: p.title } : {}), description: p.description }))).toEqual(want);
  });

  test("overrides reach only their own app", () => {
    const other = { ...GET, app: "other" };
    const cfg = config([app("app", { tools: { getPet: { title: "mine" } } }), app("other")]);
    const out = override([GET, other], cfg, new Report());
    expect(out.map((p) => [p.app, p.title])).toEqual([["app", "mine"], ["other", undefined]]);
  });

  test("does not mutate its input", () => {
    const input = [GET];
    override(input, config([app("app", { tools: { getPet: { title: "T" } } })]), new Report());
    expect(input[0]!.title).toBeUndefined();
  });
});
