// The describe pass: every tool gets a title and a description whose first sentence says what it does;
// deprecated operations are marked or, with deprecated: exclude, left out. Each rule is a row.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe as group, expect, test } from "vitest";
import { build, type BuildResult } from "../../../generator/build.js";
import { FIXTURES } from "../../support/project.js";
import { describe, leadDescription, opensWithSentence } from "../../../generator/passes/describe.js";
import { titleFromName } from "../../../generator/plan/title.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import type { ToolDraft } from "../../../generator/plan/tool-plan.js";
import { app, config, graphqlPlan, plan } from "./fixtures.js";

group("titleFromName", () => {
  test.each([
    ["repos/list-for-org", "Repos list for org"],
    ["createIssue", "Create issue"],
    ["GetViewer", "Get viewer"],
    ["PostChargesChargeDispute", "Post charges charge dispute"],
    ["Query.viewer", "Viewer"],
    ["Mutation.addStar", "Add star"],
    ["list_pets", "List pets"],
    ["getHTTPStatus", "Get HTTP status"],
    ["GET /pets/{petId}", "GET /pets/{petId}"],
  ])("%s → %s", (name, want) => {
    expect(titleFromName(name)).toBe(want);
  });
});

group("opensWithSentence", () => {
  test.each<[string, boolean]>([
    ["Lists the repositories of an organization.", true],
    ["<p>Deletes a customer.</p>", true],
    ["", false],
    ["   ", false],
    ["# Pets\nLists pets.", false],
    ["> [!NOTE]\n> Not for real-time use.", false],
    ["**Note:** this endpoint is slow.", false],
    ["Note: requires admin.", false],
    ["Warning - preview: may change.", false],
    ["[Docs](https://example.com) explain it.", false],
    ["https://example.com/docs", false],
    ["<a href='x'>Docs</a>", false],
    ["- first\n- second", false],
    ["1. first", false],
    ["| a | b |", false],
    ["```json\n{}\n```", false],
    ["Notes are kept for 30 days.", true],
  ])("%j → %s", (text, want) => {
    expect(opensWithSentence(text)).toBe(want);
  });
});

group("leadDescription", () => {
  test.each<[string, string, string, string[], string]>([
    ["a sentence is kept as written", "Lists pets.", "List pets", [], "Lists pets."],
    ["missing: the title", "", "List pets", [], "List pets"],
    ["the summary itself: kept", "List pets", "List pets", [], "List pets"],
    ["a source's own key: the title", "GET /pets", "List pets", ["GET /pets"], "List pets"],
    ["a note first: the title as a sentence before it", "> [!NOTE]\n> Slow.", "List pets", [], "List pets. > [!NOTE]\n> Slow."],
    ["a heading first", "## Pets\nAll of them.", "List pets!", [], "List pets! ## Pets\nAll of them."],
    ["a link first", "[Docs](https://x.dev) say more.", "Get a pet", [], "Get a pet. [Docs](https://x.dev) say more."],
  ])("%s", (_, description, title, keys, want) => {
    expect(leadDescription(description, title, keys)).toBe(want);
  });
});

group("the pass", () => {
  const deprecated = (draft: ToolDraft, reason?: string): ToolDraft => ({ ...draft, deprecated: reason === undefined ? {} : { reason } });
  const run = (drafts: ToolDraft[], policy?: "mark" | "exclude") => {
    const report = new Report();
    const out = describe(drafts, config([app("app", policy ? { deprecated: policy } : {})]), report);
    return { out, report };
  };

  test.each<[string, ToolDraft, { title: string; description: string }]>([
    ["the spec's title is kept", { ...plan("GET /pets", { operationId: "listPets", description: "Lists pets." }), title: "List all pets" }, { title: "List all pets", description: "Lists pets." }],
    ["no title: from the operationId", plan("GET /pets", { operationId: "listPets", description: "Lists pets." }), { title: "List pets", description: "Lists pets." }],
    ["no title, no operationId: the route", plan("GET /pets", { description: "" }), { title: "GET /pets", description: "GET /pets" }],
    ["a GraphQL root field without a description", { ...graphqlPlan("mutation", ["addStar", "Mutation.addStar"]), description: "" }, { title: "Add star", description: "Add star" }],
    ["deprecated, no reason", deprecated(plan("GET /pets", { operationId: "listPets", description: "Lists pets." })), { title: "List pets (deprecated)", description: "Deprecated: Lists pets." }],
    [
      "deprecated with a reason, and a note first",
      deprecated({ ...plan("GET /pets", { operationId: "listPets", description: "**Note:** slow." }), title: "List pets" }, "use search."),
      { title: "List pets (deprecated)", description: "Deprecated (use search): List pets. **Note:** slow." },
    ],
  ])("%s", (_, draft, want) => {
    const [out] = run([draft]).out;
    expect({ title: out!.title, description: out!.description }).toEqual(want);
  });

  test("deprecated: exclude leaves deprecated operations out, with one info per app", () => {
    const drafts = [deprecated(plan("GET /a", { operationId: "a" })), plan("GET /b", { operationId: "b" }), deprecated(plan("GET /c", { operationId: "c" }))];
    const { out, report } = run(drafts, "exclude");
    expect(out.map((d) => d.candidate)).toEqual(["b"]);
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([["GW307", "info", "apps.app: 2 deprecated operations left out (deprecated: exclude)"]]);
    expect(run(drafts, "mark").out).toHaveLength(3);
  });
});

group("through a build", () => {
  const PETSTORE = readFileSync(join(FIXTURES, "specs", "small", "petstore-2.0.json"), "utf8");
  const SDL = `type Query {\n  "The viewer."\n  viewer: String\n  oldViewer: String @deprecated(reason: "Use viewer.")\n  pets: String\n}\n`;

  async function buildWith(yaml: string): Promise<BuildResult> {
    const root = mkdtempSync(join(tmpdir(), "gateway-describe-"));
    mkdirSync(join(root, "specs"));
    writeFileSync(join(root, "specs", "petstore.json"), PETSTORE);
    writeFileSync(join(root, "specs", "shop.graphql"), SDL);
    return build({ configPath: join(root, "gateway.yaml"), configText: yaml });
  }
  const APPS = "apps:\n  pets:\n    openapi: specs/petstore.json\n  shop:\n    graphql: specs/shop.graphql\n    endpoint: https://shop.example.com/graphql\n";
  const byName = (result: BuildResult) => new Map(result.values!.tools.map((tool) => [tool.name, tool]));

  test("OpenAPI deprecated: true and GraphQL @deprecated are marked; every tool has a title", async () => {
    const tools = byName(await buildWith(`name: t\n${APPS}`));
    expect(tools.get("find_pets_by_tags")).toMatchObject({ title: "Finds Pets by tags (deprecated)", description: expect.stringMatching(/^Deprecated: Muliple tags/) });
    expect(tools.get("old_viewer")).toMatchObject({ title: "Old viewer (deprecated)", description: "Deprecated (Use viewer): Old viewer" });
    expect(tools.get("pets")).toMatchObject({ title: "Pets", description: "Pets" });
    expect([...tools.values()].filter((tool) => !tool.title)).toEqual([]);
  });

  test("deprecated: exclude at the top level, mark for one app", async () => {
    const result = await buildWith(`name: t\ndeprecated: exclude\n${APPS}    deprecated: mark\n`);
    const tools = byName(result);
    expect(tools.has("find_pets_by_tags")).toBe(false);
    expect(tools.has("old_viewer")).toBe(true);
    expect(result.diagnostics.filter((d) => d.code === "GW307").map((d) => [d.message, d.line])).toEqual([["apps.pets: 1 deprecated operation left out (deprecated: exclude)", 4]]);
  });

  test("a gateway.yaml title and description win over the pass", async () => {
    const tools = byName(await buildWith(`name: t\n${APPS.replace("openapi: specs/petstore.json\n", "openapi: specs/petstore.json\n    tools:\n      findPetsByTags: { title: By tags, description: Finds pets by tag. }\n")}`));
    expect(tools.get("find_pets_by_tags")).toMatchObject({ title: "By tags", description: "Finds pets by tag." });
  });
});
