import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { ToolOverride } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { candidateName, NAME_PATTERN, sanitizeName } from "../../../generator/passes/name-candidate.js";
import { name } from "../../../generator/passes/name.js";
import type { ToolDraft } from "../../../generator/plan/tool-plan.js";
import { app, config, plan } from "./fixtures.js";

const hash6 = (p: ToolDraft): string =>
  createHash("sha256").update(`${p.source.file}#${p.source.pointer}`).digest("hex").slice(0, 6);

const CANDIDATES: [string, { given: ToolDraft; want: string }][] = [
  ["operationId with / and -", { given: plan("GET /repos/{owner}/{repo}/issues", { operationId: "issues/list-for-repo" }), want: "issues_list_for_repo" }],
  ["camelCase to snake_case", { given: plan("GET /pets", { operationId: "listPets" }), want: "list_pets" }],
  ["acronyms split once", { given: plan("GET /x", { operationId: "getHTTPServerById" }), want: "get_http_server_by_id" }],
  ["runs collapse, ends trimmed", { given: plan("GET /x", { operationId: "--a..b__c//" }), want: "a_b_c" }],
  ["no operationId: METHOD /path", { given: plan("GET /repos/{owner}/{repo}/issues"), want: "get_repos_owner_repo_issues" }],
  ["operationId of symbols only falls back", { given: plan("DELETE /pets/{id}", { operationId: "//" }), want: "delete_pets_id" }],
  ["root path", { given: plan("GET /"), want: "get" }],
  ["unicode replaced", { given: plan("GET /x", { operationId: "café/crème" }), want: "caf_cr_me" }],
];

describe("candidateName", () => {
  test.each(CANDIDATES)("%s", (_, { given, want }) => {
    expect(candidateName(given)).toBe(want);
    expect(sanitizeName(want)).toBe(want);
  });
});

function run(plans: ToolDraft[], tools: Record<string, Record<string, ToolOverride>> = {}, maxLength = 48) {
  const apps = [...new Set(plans.map((p) => p.app))].map((a) => app(a, { tools: tools[a] ?? {} }));
  const report = new Report();
  const out = name(plans, config(apps, maxLength), report);
  return { out, report, names: out.map((p) => p.name) };
}

describe("name: budget", () => {
  const long = plan("GET /x", { operationId: "a".repeat(30) + "/" + "b".repeat(30) });
  test("too long: cut and suffixed with the pointer hash", () => {
    const { names, report } = run([long]);
    expect(names[0]).toBe(`${"a".repeat(30)}_${"b".repeat(10)}_${hash6(long)}`);
    expect(names[0]!.length).toBe(48);
    expect(report.diagnostics).toEqual([]);
  });
  test("cut never leaves a double underscore", () => {
    const p = plan("GET /x", { operationId: "a".repeat(40) + "_" + "b".repeat(20) });
    const { names } = run([p]);
    expect(names[0]).toBe(`${"a".repeat(40)}_${hash6(p)}`);
  });
  test("configured budget", () => {
    const { names } = run([long], {}, 20);
    expect(names[0]!.length).toBeLessThanOrEqual(20);
    expect(names[0]!.endsWith(`_${hash6(long)}`)).toBe(true);
  });
  test("exactly the budget is kept", () => {
    const p = plan("GET /x", { operationId: "c".repeat(48) });
    expect(run([p]).names).toEqual(["c".repeat(48)]);
  });
});

describe("name: collisions", () => {
  const a = plan("GET /a", { operationId: "get-thing", app: "one" });
  const b = plan("GET /b", { operationId: "get/thing", app: "two" });
  const c = plan("GET /c", { operationId: "other", app: "two" });

  test("every colliding tool gets its own pointer hash, with a warning each", () => {
    const { names, report } = run([a, b, c]);
    expect(names).toEqual([`get_thing_${hash6(a)}`, `get_thing_${hash6(b)}`, "other"]);
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.file, d.pointer])).toEqual([
      ["GW310", "warning", a.source.file, a.source.pointer],
      ["GW310", "warning", b.source.file, b.source.pointer],
    ]);
    expect(report.diagnostics[0]!.help).toBe('set apps.one.tools["get-thing"].name in gateway.yaml');
    expect(report.diagnostics[0]!.message).toContain('collides with apps.two "get/thing"');
  });

  test("a gateway.yaml name wins: only the other tool is suffixed", () => {
    const { names, report } = run([a, b], { one: { "get-thing": { name: "get_thing" } } });
    expect(names).toEqual(["get_thing", `get_thing_${hash6(b)}`]);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["GW310"]);
  });

  test("a gateway.yaml name taking another tool's natural name renames the other", () => {
    const { names } = run([a, c], { one: { "GET /a": { name: "other" } } });
    expect(names).toEqual(["other", `other_${hash6(c)}`]);
  });

  test("the same spec file in two apps: the app joins the hash", () => {
    const x = plan("GET /a", { operationId: "thing", app: "one", file: "specs/shared.json" });
    const y = { ...x, app: "two" };
    const { names, report } = run([x, y]);
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => n.startsWith("thing_") && n.length === "thing_".length + 6)).toBe(true);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["GW310", "GW310"]);
    expect(report.diagnostics[0]!.message).toContain(names[0]!);
  });

  test("order of input changes no name", () => {
    const plans = [a, b, c, plan("GET /d", { operationId: "get_thing", app: "one" })];
    const first = run(plans);
    const second = run([...plans].reverse());
    expect(second.names).toEqual(first.names);
    expect(second.report.diagnostics).toEqual(first.report.diagnostics);
  });

  test("adding a tool elsewhere renames nothing that does not collide", () => {
    const before = run([a, c]).names;
    const after = run([a, c, plan("GET /z", { operationId: "zzz", app: "one" })]).names;
    expect(after.filter((n) => n !== "zzz")).toEqual(before);
  });
});

describe("name: gateway.yaml names", () => {
  const p = plan("GET /pets", { operationId: "listPets" });
  const q = plan("GET /owners", { operationId: "listOwners" });
  const CASES: [string, { given: Record<string, ToolOverride>; want: { names: string[]; codes: string[] } }][] = [
    ["valid name wins", { given: { listPets: { name: "pets" } }, want: { names: ["list_owners", "pets"], codes: [] } }],
    ["by METHOD /path", { given: { "GET /pets": { name: "all-pets" } }, want: { names: ["all-pets", "list_owners"], codes: [] } }],
    ["invalid characters: error, falls back", { given: { listPets: { name: "list pets" } }, want: { names: ["list_owners", "list_pets"], codes: ["GW311"] } }],
    ["over budget: error", { given: { listPets: { name: "p".repeat(49) } }, want: { names: ["list_owners", "list_pets"], codes: ["GW311"] } }],
    ["empty: error", { given: { listPets: { name: "" } }, want: { names: ["list_owners", "list_pets"], codes: ["GW311"] } }],
    ["same name twice: error", { given: { listPets: { name: "list" }, listOwners: { name: "list" } }, want: { names: ["list", "list"], codes: ["GW312"] } }],
  ];
  test.each(CASES)("%s", (_, { given, want }) => {
    const { names, report } = run([p, q], { app: given });
    expect(names).toEqual(want.names);
    expect(report.diagnostics.map((d) => d.code)).toEqual(want.codes);
    for (const d of report.diagnostics) {
      expect([d.severity, d.file, typeof d.line]).toEqual(["error", "gateway.yaml", "number"]);
    }
  });
});

describe("name: output", () => {
  test("sorted by app, then name; all names valid and unique", () => {
    const plans = [
      plan("GET /b", { app: "zeta" }),
      plan("GET /a", { app: "zeta" }),
      plan("POST /a", { app: "alpha" }),
      plan("GET /a", { app: "alpha" }),
    ];
    const { out } = run(plans);
    // alpha/get_a and zeta/get_a collide across apps: both are suffixed.
    expect(out.map((p) => `${p.app}/${p.name}`)).toEqual([
      `alpha/get_a_${hash6(plans[3]!)}`,
      "alpha/post_a",
      `zeta/get_a_${hash6(plans[1]!)}`,
      "zeta/get_b",
    ]);
  });

  test("every name is valid after renames, cuts and gateway.yaml names", () => {
    const plans = [
      plan("GET /a", { operationId: "dup", app: "one" }),
      plan("GET /b", { operationId: "dup", app: "one" }),
      plan("GET /c", { operationId: "x".repeat(60), app: "one" }),
      plan("GET /d", { operationId: "mine", app: "one" }),
    ];
    const cfg = config([app("one", { tools: { mine: { name: "my_tool" } } })]);
    const out = name(plans, cfg, new Report());
    expect(out.every((p) => NAME_PATTERN.test(p.name))).toBe(true);
    expect(out.map((p) => p.name)).toContain("my_tool");
    expect(out.every((p) => !("candidate" in p))).toBe(true);
  });
});
