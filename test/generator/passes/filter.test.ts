import { describe, expect, test } from "vitest";
import type { FilterConfig } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { filter } from "../../../generator/passes/filter.js";
import { app, config, graphqlPlan, keysOfPlans, plan } from "./fixtures.js";

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
  ["include by key glob over operationIds", { given: { include: { operations: ["issues/*"] } }, want: ["issues/create", "issues/list-for-repo"] }],
  ["a key glob's * crosses / and reaches METHOD /path keys, method any case", { given: { include: { operations: ["get /repos/*"] } }, want: ["issues/list-for-repo", "repos/get"] }],
  ["a key glob's ? is one character", { given: { include: { operations: ["repos/?et"] } }, want: ["repos/get"] }],
  ["a key glob matches whole keys only", { given: { include: { operations: ["issues"] } }, want: [] }],
  ["a key glob is case-sensitive", { given: { include: { operations: ["Issues/*"] } }, want: [] }],
  ["exclude by key glob", { given: { exclude: { operations: ["*/delete", "GET /u*"] } }, want: ["GET /meta", "issues/create", "issues/list-for-repo", "repos/get"] }],
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

describe("filter: graphql apps", () => {
  const FIELDS = [
    graphqlPlan("query", ["repository", "Query.repository"]),
    graphqlPlan("query", ["viewer", "Query.viewer"]),
    graphqlPlan("mutation", ["createIssue", "Mutation.createIssue"]),
    graphqlPlan("mutation", ["closeIssue", "Mutation.closeIssue"]),
    graphqlPlan("query", ["ListIssues"]),
  ];
  const gql = (filters: Partial<Parameters<typeof app>[1]>) =>
    config([app("app", { graphql: { schema: "specs/app.graphql", scalars: {}, selection: { depth: 2, maxFields: 60 } }, ...filters })]);

  test.each([
    ["a root field by name", { include: { operations: ["repository"] } }, ["repository"]],
    ["a root field by coordinate", { include: { operations: ["Mutation.closeIssue"] } }, ["closeIssue"]],
    ["an operation by name", { include: { operations: ["ListIssues"] } }, ["ListIssues"]],
    ["a glob over names", { include: { operations: ["create*"] } }, ["createIssue"]],
    ["a glob inside names", { include: { operations: ["*Issue*"] } }, ["ListIssues", "closeIssue", "createIssue"]],
    ["a glob over coordinates", { exclude: { operations: ["Mutation.*"] } }, ["ListIssues", "repository", "viewer"]],
    ["methods and paths match nothing (no routes)", { include: { methods: ["POST"], paths: ["/**"] } }, []],
  ] as [string, Partial<Parameters<typeof app>[1]>, string[]][])("%s", (_, filters, want) => {
    expect(keysOfPlans(filter(FIELDS, gql(filters), new Report()))).toEqual(want);
  });

  test("an unmatched name or glob warns (GW302) with help in GraphQL terms", () => {
    const report = new Report();
    filter(FIELDS, gql({ include: { operations: ["repositry", "delete*", "Query.*"] }, exclude: { operations: ["nothing"] } }), report);
    const warnings = report.diagnostics.filter((d) => d.code === "GW302");
    expect(warnings.map((d) => [d.message, d.help, d.line, d.column])).toEqual([
      ['apps.app.include.operations: "repositry" matches no operation of the app', 'did you mean "repository"?', 3, 3],
      [
        'apps.app.include.operations: "delete*" matches no operation of the app',
        'the glob must match a whole key (* is any run of characters, case counts); keys look like "ListIssues", "Mutation.closeIssue", "Mutation.createIssue"',
        3,
        3,
      ],
      ['apps.app.exclude.operations: "nothing" matches no operation of the app', 'use an operation name or a root field ("repository" or "Query.repository") from the schema or the operation documents', 3, 3],
    ]);
  });

  test("an unmatched tools key names the GraphQL key forms", () => {
    const report = new Report();
    filter(FIELDS, gql({ tools: { "Subscription.x": { hidden: true } } }), report);
    expect(report.diagnostics.map((d) => [d.code, d.help])).toEqual([["GW304", 'key tools by an operation name or a root field ("repository" or "Query.repository")']]);
  });
});

describe("filter: unmatched key globs (openapi)", () => {
  test("warn like an unmatched name, with example keys", () => {
    const report = new Report();
    filter(PLANS, config([app("app", { include: { operations: ["pulls/*", "repos/*"] } })]), report);
    const warnings = report.diagnostics.filter((d) => d.code === "GW302");
    expect(warnings.map((d) => [d.message, d.help])).toEqual([
      [
        'apps.app.include.operations: "pulls/*" matches no operation of the app',
        'the glob must match a whole key (* is any run of characters, case counts); keys look like "DELETE /repos/{owner}/{repo}", "GET /meta", "GET /repos/{owner}/{repo}"',
      ],
    ]);
  });
});
