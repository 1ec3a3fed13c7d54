import { describe, expect, test } from "vitest";
import type { FilterConfig } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { filter } from "../../../generator/passes/filter.js";
import { app, config, keysOfPlans, plan } from "./fixtures.js";

const PLANS = [
  plan("GET /repos/{owner}/{repo}", { operationId: "repos/get", tags: ["repos"] }),
  plan("DELETE /repos/{owner}/{repo}", { operationId: "repos/delete", tags: ["repos"] }),
  plan("GET /repos/{owner}/{repo}/issues", { operationId: "issues/list-for-repo", tags: ["issues"] }),
  plan("POST /repos/{owner}/{repo}/issues", { operationId: "issues/create", tags: ["Issues"] }),
  plan("GET /user", { tags: ["users"] }),
  plan("GET /meta", {}),
];

const CASES: [string, { given: { include?: FilterConfig; exclude?: FilterConfig }; want: string[] }][] = [
  ["no include keeps everything", { given: {}, want: keysOfPlans(PLANS) }],
  ["include by tag", { given: { include: { tags: ["repos"] } }, want: ["repos/delete", "repos/get"] }],
  ["tags match case-insensitively", { given: { include: { tags: ["issues"] } }, want: ["issues/create", "issues/list-for-repo"] }],
  ["include by operationId", { given: { include: { operations: ["repos/get"] } }, want: ["repos/get"] }],
  ["include by METHOD /path, method any case", { given: { include: { operations: ["get /user"] } }, want: ["GET /user"] }],
  ["METHOD /path also reaches an operation with an operationId", { given: { include: { operations: ["GET /repos/{owner}/{repo}"] } }, want: ["repos/get"] }],
  ["include by method", { given: { include: { methods: ["post", "DELETE"] } }, want: ["issues/create", "repos/delete"] }],
  ["include by path glob, one segment", { given: { include: { paths: ["/*"] } }, want: ["GET /meta", "GET /user"] }],
  ["include by path glob, any depth", { given: { include: { paths: ["/repos/**"] } }, want: ["issues/create", "issues/list-for-repo", "repos/delete", "repos/get"] }],
  ["include lists are a union", { given: { include: { tags: ["users"], operations: ["repos/get"] } }, want: ["GET /user", "repos/get"] }],
  ["empty include matches nothing", { given: { include: {} }, want: [] }],
  ["exclude only", { given: { exclude: { methods: ["GET"] } }, want: ["issues/create", "repos/delete"] }],
  ["exclude wins over include", { given: { include: { tags: ["repos"] }, exclude: { operations: ["repos/delete"] } }, want: ["repos/get"] }],
  ["exclude by path glob", { given: { exclude: { paths: ["/repos/*/*/issues"] } }, want: ["GET /meta", "GET /user", "repos/delete", "repos/get"] }],
];

describe("filter", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    const cfg = config([app("app", given)]);
    expect(keysOfPlans(filter(PLANS, cfg, new Report()))).toEqual(want);
  });

  test("one info per app summarising the excluded count", () => {
    const plans = [...PLANS, ...PLANS.map((p) => ({ ...p, app: "other" }))];
    const cfg = config([app("app", { include: { tags: ["repos"] } }), app("other", { exclude: { methods: ["GET"] } })]);
    const report = new Report();
    const kept = filter(plans, cfg, report);
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["GW301", "info", `apps.app: ${PLANS.length - 2} of ${PLANS.length} operations excluded by include/exclude`],
      ["GW301", "info", `apps.other: ${PLANS.length - 2} of ${PLANS.length} operations excluded by include/exclude`],
    ]);
    expect(kept).toHaveLength(4);
  });

  test("excluding everything warns that the app has no tools", () => {
    const report = new Report();
    filter(PLANS, config([app("app", { include: { methods: ["TRACE"] } })]), report);
    expect(report.diagnostics.map((d) => [d.code, d.severity])).toEqual([["GW306", "warning"]]);
  });

  test("no diagnostic when nothing is excluded", () => {
    const report = new Report();
    filter(PLANS, config([app("app")]), report);
    expect(report.diagnostics).toEqual([]);
  });
});

describe("filter: entries that match nothing", () => {
  test("include/exclude operations warn with a suggestion at the app's position", () => {
    const report = new Report();
    const cfg = config([app("app", { include: { operations: ["repos/gte", "repos/get"] }, exclude: { operations: ["nothing/like/this"] } })]);
    filter(PLANS, cfg, report);
    const warnings = report.diagnostics.filter((d) => d.severity === "warning");
    expect(warnings.map((d) => [d.code, d.file, d.line, d.column, d.help])).toEqual([
      ["GW302", "gateway.yaml", 3, 3, 'did you mean "repos/get"?'],
      ["GW302", "gateway.yaml", 3, 3, 'use an operationId or "METHOD /path" from the spec'],
    ]);
    expect(warnings[0]!.message).toContain('include.operations: "repos/gte"');
    expect(warnings[1]!.message).toContain('exclude.operations: "nothing/like/this"');
  });

  test("unknown tags warn with a suggestion", () => {
    const report = new Report();
    filter(PLANS, config([app("app", { exclude: { tags: ["repo"] } })]), report);
    expect(report.diagnostics.map((d) => [d.code, d.help])).toEqual([["GW303", 'did you mean "repos"?']]);
  });

  test("tools keys warn at their own line and column", () => {
    const report = new Report();
    const tools = { "repos/get": { title: "Get" }, "issues/lsit-for-repo": { hidden: true }, "GET /users": { name: "me" } };
    filter(PLANS, config([app("app", { tools })]), report);
    expect(report.diagnostics.map((d) => [d.code, d.line, d.column, d.help])).toEqual([
      ["GW304", 12, 7, 'did you mean "GET /user"?'],
      ["GW304", 11, 7, 'did you mean "issues/list-for-repo"?'],
    ]);
  });

  test("two tools entries for one operation warn once", () => {
    const report = new Report();
    const tools = { "repos/get": { title: "A" }, "get /repos/{owner}/{repo}": { title: "B" } };
    filter(PLANS, config([app("app", { tools })]), report);
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([["GW305", 11]]);
    expect(report.diagnostics[0]!.message).toContain('"repos/get" wins');
  });

  test("a tools key for an excluded operation is not unknown", () => {
    const report = new Report();
    filter(PLANS, config([app("app", { exclude: { tags: ["repos"] }, tools: { "repos/delete": { name: "rm" } } })]), report);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["GW301"]);
  });
});
