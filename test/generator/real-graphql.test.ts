// Whole builds of real GraphQL schemas: GitHub's SDL (which defines two fields twice) and its introspection JSON
// as root-field tools, the hand-written GitHub operations over both, and Shopify's Storefront introspection (whose
// Query type is `QueryRoot`). No errors; a tool for every root field; names model APIs accept; every inputSchema
// compiles; every document validates against the schema as graphql-js builds it; both GitHub builds' generated/
// pass `tsc --noEmit` with no node_modules in reach, and the SDL build's manifest.json is a golden.
//
// Update the golden: `npx vitest run test/generator/real-graphql.test.ts -u`, then read the diff of
// test/golden/real/github-graphql.manifest.json.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildClientSchema, buildSchema, type GraphQLSchema, type IntrospectionQuery, parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { build, type BuildResult } from "../../generator/build.js";
import { inputSchemaOf } from "../../generator/emit/tool-object.js";
import { packageRoot } from "../../generator/package-root.js";
import type { GraphqlRequestPlan, JsonSchema, ToolPlan } from "../../generator/plan/tool-plan.js";
import { diffFiles, writeFiles } from "../../generator/write.js";
import { listedShapeProblems } from "../../scripts/corpus-shape.js";
import { FIXTURES } from "../support/project.js";

const ROOT = packageRoot();
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const GRAPHQL = join(FIXTURES, "graphql");
/** Snake case within the default 48-character budget. */
const NAME = /^[a-z0-9_]{1,48}$/;
const QUERY_HINTS = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const MUTATION_HINTS = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function fixture(name: string): string {
  return gunzipSync(readFileSync(join(GRAPHQL, name))).toString("utf8");
}

const dir = mkdtempSync(join(tmpdir(), "gateway-real-graphql-"));
mkdirSync(join(dir, "specs"));
const SDL = fixture("github.graphql.gz");
const JSON_TEXT = fixture("github.json.gz");
const SHOPIFY = fixture("shopify-storefront.json.gz");
writeFileSync(join(dir, "specs", "github.graphql"), SDL);
writeFileSync(join(dir, "specs", "github.json"), JSON_TEXT);
writeFileSync(join(dir, "specs", "shopify-storefront.json"), SHOPIFY);
cpSync(join(GRAPHQL, "github-operations"), join(dir, "graphql", "github"), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(app: string, schema: string, extra = ""): string {
  return `name: real\napps:\n  ${app}:\n    graphql: specs/${schema}\n    endpoint: https://api.example/graphql\n    auth: { type: bearer, token: "\${TOKEN}" }\n${extra}`;
}

async function buildConfig(label: string, configText: string): Promise<BuildResult> {
  const started = performance.now();
  const result = await build({ configPath: join(dir, "gateway.yaml"), configText });
  const counts: Record<string, number> = {};
  for (const d of result.diagnostics) counts[`${d.severity} ${d.code}`] = (counts[`${d.severity} ${d.code}`] ?? 0) + 1;
  console.log(`${label}: ${result.tools} tools, ${result.files.length} files in ${(performance.now() - started).toFixed(0)} ms; diagnostics ${JSON.stringify(counts)}`);
  return result;
}

function errorsOf(result: BuildResult): string[] {
  return result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.file}:${d.line ?? ""}:${d.column ?? ""} ${d.pointer ?? ""} ${d.message}`);
}

function documentOf(plan: ToolPlan): string {
  return (plan.request as GraphqlRequestPlan).document;
}

/** `Type.field` of every Query and Mutation field, as graphql-js sees the schema. */
function rootCoordinates(schema: GraphQLSchema): { query: string[]; mutation: string[] } {
  const of = (type: ReturnType<GraphQLSchema["getQueryType"]>) => Object.keys(type?.getFields() ?? {}).map((field) => `${type!.name}.${field}`);
  return { query: of(schema.getQueryType()), mutation: of(schema.getMutationType()) };
}

/** The checks every root-field build passes: tools, names, input schemas, documents. */
function rootFieldChecks(get: () => { result: BuildResult; schema: GraphQLSchema; counts: [number, number] }) {
  test("no errors; a tool for every Query and Mutation field, none skipped with GW256", () => {
    const { result, schema, counts } = get();
    expect(errorsOf(result)).toEqual([]);
    const { query, mutation } = rootCoordinates(schema);
    expect([query.length, mutation.length]).toEqual(counts);
    const made = new Set(result.plans.map((plan) => plan.source.pointer));
    // A root field with no tool must come with its reason: the diagnostics that name it.
    const missing = [...query, ...mutation]
      .filter((coordinate) => !made.has(coordinate))
      .map((coordinate) => ({ coordinate, why: result.diagnostics.filter((d) => d.pointer === coordinate).map((d) => `${d.code} ${d.message}`) }));
    expect(missing).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === "GW256").map((d) => `${d.pointer}: ${d.message}`)).toEqual([]);
    expect(result.tools).toBe(counts[0] + counts[1]);
    expect(result.plans).toHaveLength(counts[0] + counts[1]);
  });

  test("names match ^[a-z0-9_]{1,48}$ and are unique", () => {
    const names = get().result.plans.map((plan) => plan.name);
    expect(names.filter((name) => !NAME.test(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  test("every listed tool has a shape every client takes (the corpus run's check)", () => {
    const { result } = get();
    expect(result.values!.entries).toHaveLength(result.tools);
    expect(result.values!.entries.flatMap((entry) => listedShapeProblems(entry.json))).toEqual([]);
  });

  test("queries are read-only and idempotent; mutations are not, and the destructive ones are named so", () => {
    const { result } = get();
    const queries = result.plans.filter((plan) => (plan.request as GraphqlRequestPlan).operation === "query");
    expect(queries.filter((plan) => JSON.stringify(plan.annotations) !== JSON.stringify(QUERY_HINTS)).map((p) => p.name)).toEqual([]);
    const mutations = result.plans.filter((plan) => (plan.request as GraphqlRequestPlan).operation === "mutation");
    const destructive = mutations.filter((plan) => plan.annotations.destructiveHint).map((plan) => plan.source.pointer.replace(/^\w+\./, ""));
    expect(destructive.filter((field) => !/^(delete|remove|cancel|destroy|revoke|archive)([A-Z_0-9]|$)/.test(field))).toEqual([]);
    for (const plan of mutations) expect(plan.annotations).toEqual({ ...MUTATION_HINTS, destructiveHint: plan.annotations.destructiveHint });
    console.log(`${queries.length} queries, ${mutations.length} mutations, ${destructive.length} destructive`);
  });

  test("every inputSchema compiles with ajv (JSON Schema 2020-12)", () => {
    const ajv = addFormats(new Ajv2020({ strict: false, logger: false }));
    const failures: string[] = [];
    for (const plan of get().result.plans) {
      try {
        ajv.compile(inputSchemaOf(plan) as JsonSchema);
      } catch (error) {
        failures.push(`${plan.name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("every document validates against the schema (all of graphql-js's rules)", () => {
    const { result, schema } = get();
    const invalid = result.plans.flatMap((plan) => validate(schema, parse(documentOf(plan))).map((error) => `${plan.name}: ${error.message}`));
    expect(invalid).toEqual([]);
  });
}

/** `tsc --noEmit` over the build's generated/, written to the shared temp dir (each build in turn replaces it). */
function tscPasses(label: string, get: () => BuildResult) {
  test("tsc --noEmit (strict, NodeNext) passes over its generated/, with no node_modules in reach", async () => {
    const result = get();
    writeFiles(result.generatedDir, result.files, diffFiles(result.generatedDir, result.files));
    const base = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
    const compilerOptions = { ...base.compilerOptions, strict: true, module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: [] };
    const tsconfig = join(dir, "tsconfig.json");
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions, include: [join(result.generatedDir, "**", "*.ts")] }, null, 2));
    const started = performance.now();
    const { code, output } = await new Promise<{ code: number; output: string }>((done) => {
      execFile(process.execPath, [TSC, "--noEmit", "-p", tsconfig], { cwd: dir, timeout: 150_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, output: stdout + stderr });
      });
    });
    console.log(`tsc over ${result.files.length} ${label} files: exit ${code} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(output.split("\n").slice(0, 40).join("\n")).toBe("");
    expect(code).toBe(0);
  }, 180_000);
}

describe("GitHub SDL, root-field tools", () => {
  let result: BuildResult;
  // graphql-js refuses the SDL as it is (two fields defined twice); assumeValidSDL builds it for the comparison.
  const schema = buildSchema(SDL, { assumeValidSDL: true });

  beforeAll(async () => {
    result = await buildConfig("github.graphql", config("github", "github.graphql"));
  }, 60_000);

  rootFieldChecks(() => ({ result, schema, counts: [31, 247] }));

  test("GW254: the two fields EnterpriseOwnerInfo defines twice are named, at their second definitions", () => {
    const warnings = result.diagnostics.filter((d) => d.code === "GW254");
    expect(warnings.map((d) => `${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual(["warning specs/github.graphql:15150:3"]);
    expect(warnings[0]!.message).toContain("2 parts skipped");
    expect(warnings[0]!.message).toContain("EnterpriseOwnerInfo.repositoryDeployKeySetting (line 15150): defined more than once");
    expect(warnings[0]!.message).toContain("EnterpriseOwnerInfo.repositoryDeployKeySettingOrganizations (line 15155): defined more than once");
    expect(result.diagnostics.filter((d) => d.severity !== "info" && d.code !== "GW254")).toEqual([]);
  });

  test("tools a reader would look for: repository, viewer, createIssue, deleteIssue", () => {
    const byPointer = (pointer: string) => result.plans.find((plan) => plan.source.pointer === pointer)!;
    expect(byPointer("Query.repository")).toMatchObject({ name: "repository", annotations: QUERY_HINTS });
    expect(inputSchemaOf(byPointer("Query.repository")).required).toEqual(["name", "owner"]);
    expect(byPointer("Query.viewer").name).toBe("viewer");
    expect(byPointer("Mutation.createIssue")).toMatchObject({ name: "create_issue", annotations: MUTATION_HINTS });
    expect(byPointer("Mutation.deleteIssue")).toMatchObject({ name: "delete_issue", annotations: { ...MUTATION_HINTS, destructiveHint: true } });
    expect(byPointer("Mutation.closeIssue").annotations).toEqual(MUTATION_HINTS);
  });

  // The reviewed summary of the whole build: one line per tool with its hashes and token estimate.
  test("manifest.json matches the golden", async () => {
    const manifest = result.files.find((f) => f.path === "manifest.json")!;
    await expect(manifest.contents).toMatchFileSnapshot(join(import.meta.dirname, "..", "golden", "real", "github-graphql.manifest.json"));
  });

  tscPasses("GitHub GraphQL SDL", () => result);
});

describe("GitHub introspection JSON, root-field tools", () => {
  let result: BuildResult;
  const schema = buildClientSchema(JSON.parse(JSON_TEXT) as IntrospectionQuery);

  beforeAll(async () => {
    result = await buildConfig("github.json", config("github", "github.json"));
  }, 60_000);

  rootFieldChecks(() => ({ result, schema, counts: [30, 242] }));

  test("no warnings: the introspection lists every field once", () => {
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  tscPasses("GitHub GraphQL introspection JSON", () => result);
});

/** The hand-written operations (test/fixtures/graphql/github-operations): name → [operation, destructive]. */
const OPERATIONS: Record<string, [string, "query" | "mutation", boolean]> = {
  add_issue_comment: ["AddIssueComment", "mutation", false],
  close_issue: ["CloseIssue", "mutation", false],
  create_issue: ["CreateIssue", "mutation", false],
  delete_issue: ["DeleteIssue", "mutation", true],
  get_issue: ["GetIssue", "query", false],
  get_nodes_by_ids: ["GetNodesByIds", "query", false],
  list_repository_issues: ["ListRepositoryIssues", "query", false],
  search_issues: ["SearchIssues", "query", false],
  viewer_repositories: ["ViewerRepositories", "query", false],
};

describe.each([
  ["SDL", "github.graphql"],
  ["introspection JSON", "github.json"],
])("GitHub operations over the %s", (_kind, schemaFile) => {
  let result: BuildResult;

  beforeAll(async () => {
    result = await buildConfig(`operations over ${schemaFile}`, config("github", schemaFile, "    operations: graphql/github/*.graphql\n"));
  }, 60_000);

  test("no errors; one tool per operation, with the expected names and hints", () => {
    expect(errorsOf(result)).toEqual([]);
    expect(result.diagnostics.filter((d) => /^GW25[6-9]$/.test(d.code))).toEqual([]);
    const made = Object.fromEntries(result.plans.map((plan) => {
      const request = plan.request as GraphqlRequestPlan;
      return [plan.name, [request.operationName, request.operation, plan.annotations.destructiveHint]];
    }));
    expect(made).toEqual(OPERATIONS);
    for (const plan of result.plans) expect(plan.annotations).toEqual(OPERATIONS[plan.name]![1] === "query" ? QUERY_HINTS : { ...MUTATION_HINTS, destructiveHint: OPERATIONS[plan.name]![2] });
  });

  test("each tool comes from its file, is described by its comment, and sends only the fragments it uses", () => {
    const plan = result.plans.find((p) => p.name === "list_repository_issues")!;
    expect(plan.source).toMatchObject({ file: "graphql/github/issues.graphql", pointer: "ListRepositoryIssues" });
    expect(plan.description).toMatch(/^List the issues of one repository, newest first unless `orderBy` says otherwise\./);
    expect([...documentOf(plan).matchAll(/^fragment (\w+)/gm)].map((m) => m[1])).toEqual(["IssueSummary", "NextPage", "RepositoryRef"]);
    expect(inputSchemaOf(plan)).toMatchObject({
      required: ["name", "owner"],
      properties: { first: { type: "integer", default: 20 }, orderBy: { default: { field: "CREATED_AT", direction: "DESC" } }, states: { type: "array", items: { type: "string" } } },
    });
    // Enum values come in the schema's order, which the SDL and the introspection do not share.
    const states = (inputSchemaOf(plan).properties as Record<string, JsonSchema>).states!;
    expect([...((states.items as JsonSchema).enum as string[])].sort()).toEqual(["CLOSED", "OPEN"]);
    for (const tool of result.plans) expect(documentOf(tool)).not.toContain("fragment Unused");
  });
});

describe("Shopify Storefront introspection (Query type QueryRoot), root-field tools", () => {
  let result: BuildResult;
  const schema = buildClientSchema(JSON.parse(SHOPIFY) as IntrospectionQuery);

  beforeAll(async () => {
    result = await buildConfig("shopify-storefront.json", config("shopify", "shopify-storefront.json"));
  }, 60_000);

  test("the Query type is QueryRoot", () => {
    expect(schema.getQueryType()?.name).toBe("QueryRoot");
    expect(result.plans.find((plan) => plan.source.pointer === "QueryRoot.product")).toMatchObject({ name: "product", annotations: QUERY_HINTS });
  });

  rootFieldChecks(() => ({ result, schema, counts: [34, 41] }));
});
