// The `gateway build` command as a user runs it: `node bin/gateway.mjs …` spawned in temp projects; exit codes,
// what it writes (and doesn't), the summary and drift lines, and diagnostics that name the file and the place.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { build } from "../../generator/build.js";
import { packageRoot } from "../../generator/package-root.js";
import { listFiles } from "../../generator/write.js";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { listEntryJson } from "../../generator/emit/tool-object.js";
import { META_TOOLS } from "../../runtime/modes/meta-tools.js";

const BIN = join(packageRoot(), "bin", "gateway.mjs");
const PETSTORE = readFileSync(join(packageRoot(), "test", "fixtures", "specs", "small", "petstore-2.0.json"), "utf8");
const CONFIG = "name: cli\napps:\n  petstore:\n    openapi: specs/petstore.json\n";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/gateway.mjs …args` in `cwd`, bounded by a timeout. */
function gateway(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const roots: string[] = [];

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "gateway-cli-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** path → "mtime bytes" of every file under generated/: equal before and after means nothing was touched. */
function snapshotTree(root: string): Record<string, string> {
  const dir = join(root, "generated");
  return Object.fromEntries(listFiles(dir).map((path) => [path, `${statSync(join(dir, path)).mtimeMs} ${readFileSync(join(dir, path), "utf8")}`]));
}

function operationCount(specText: string): number {
  const spec = JSON.parse(specText) as { paths: Record<string, Record<string, unknown>> };
  return Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.includes(k)).length, 0);
}

/** 1-based line and column of `offset` in `text`. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

interface ManifestTool {
  name: string;
  app: string;
  source: string;
  tokens: number;
}

function manifestTools(root: string): ManifestTool[] {
  return (JSON.parse(readFileSync(join(root, "generated", "manifest.json"), "utf8")) as { tools: ManifestTool[] }).tools;
}

function toolAt(root: string, pointer: string): string {
  const tool = manifestTools(root).find((t) => t.source === `specs/petstore.json#${pointer}`);
  if (!tool) throw new Error(`no tool from ${pointer}`);
  return `${tool.app}/${tool.name}`;
}

describe("build, rebuild, --check, drift", () => {
  let root: string;
  beforeAll(() => {
    root = project({ "gateway.yaml": CONFIG, "specs/petstore.json": PETSTORE });
  });

  test("build writes generated/ and dist/server.mjs and prints the ✔ summary line", async () => {
    const run = await gateway(root, ["build"]);
    expect(run.code, run.stderr).toBe(0);
    const tools = operationCount(PETSTORE);
    const [summary, tokenLine] = run.stdout.trim().split("\n");
    expect(summary).toMatch(
      new RegExp(`^✔ ${tools} tools from 1 spec → generated/ \\(${tools} added, 0 changed, 0 removed\\) \\+ dist/server\\.mjs \\([\\d.]+ MB\\) \\[[\\d.]+s\\]$`),
    );
    // The summary's counts are exact o200k counts of what tools/list sends, static and dynamic.
    const built = await build({ configPath: join(root, "gateway.yaml") });
    const staticList = countTokens(`{"tools":[${built.values!.tools.map(listEntryJson).join(",")}]}`);
    const dynamicList = countTokens(JSON.stringify({ tools: META_TOOLS }));
    const n = (value: number) => value.toLocaleString("en-US");
    expect(tokenLine).toBe(`  tokens (o200k): petstore ${n(staticList)} · static list ${n(staticList)} · dynamic list ${n(dynamicList)}`);
    expect(statSync(join(root, "dist", "server.mjs")).size).toBeGreaterThan(1000);
    // The SDK's `_shims` module is replaced (generator/bundle.ts): no second, never-run Ajv in the bundle.
    const bundle = readFileSync(join(root, "dist", "server.mjs"), "utf8");
    expect(bundle).not.toContain("AjvJsonSchemaValidator");
    expect(bundle).toContain("the server bundle has no default JSON Schema validator");
    // Nor Hono (generator/bundle.ts): the Node adapter's unused transport would link node:http2 at every start.
    expect(bundle).not.toContain("node:http2");
    // Built-ins are required where used, not imported at the top (generator/bundle.ts): only the banner's node:module.
    expect(bundle.match(/\bfrom\s*["']node:[\w/]+["']/g)).toEqual(["from 'node:module'"]);
    const manifest = manifestTools(root);
    expect(manifest).toHaveLength(tools);
    for (const tool of manifest) expect(existsSync(join(root, "generated", tool.app, `${tool.name}.ts`)), tool.name).toBe(true);
    for (const file of ["index.ts", "gateway.ts", "manifest.json", "petstore/index.ts"]) expect(existsSync(join(root, "generated", file)), file).toBe(true);
  });

  test("a second build rewrites nothing (same mtimes) and reports 0/0/0", async () => {
    const before = snapshotTree(root);
    const run = await gateway(root, ["build"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("(0 added, 0 changed, 0 removed)");
    expect(snapshotTree(root)).toEqual(before);
  });

  test("--check exits 0 when generated/ is fresh", async () => {
    const run = await gateway(root, ["build", "--check"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^✔ generated/ is up to date: ${operationCount(PETSTORE)} tools from 1 spec`));
  });

  test("after spec edits --check exits 1, writes nothing, and lists + / - / ~ per tool; build then applies them", async () => {
    const spec = JSON.parse(PETSTORE) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const changed = toolAt(root, "/paths/~1store~1inventory/get");
    const removed = toolAt(root, "/paths/~1store~1order~1{orderId}/delete");
    spec.paths["/store/inventory"].get.description = "Returns a map of status codes to quantities (edited).";
    delete spec.paths["/store/order/{orderId}"].delete;
    spec.paths["/store/order/{orderId}/receipt"] = {
      get: { operationId: "getOrderReceipt", summary: "Get the receipt of an order", parameters: [{ name: "orderId", in: "path", required: true, type: "integer" }], responses: { "200": { description: "ok" } } },
    };
    writeFileSync(join(root, "specs", "petstore.json"), JSON.stringify(spec, null, 2));
    const fresh = await build({ configPath: join(root, "gateway.yaml") });
    const added = fresh.plans.find((plan) => plan.source.pointer === "/paths/~1store~1order~1{orderId}~1receipt/get")!;
    const addedName = `${added.app}/${added.name}`;

    const before = snapshotTree(root);
    const check = await gateway(root, ["build", "--check"]);
    expect(check.code).toBe(1);
    expect(snapshotTree(root)).toEqual(before);
    const lines = check.stdout.split("\n");
    expect(lines[0]).toMatch(/^✘ generated\/ is stale: 3 tools differ, \d+ files would change$/);
    // Each line says what the tool costs now: the added one all its tokens, the removed one none.
    const tokensOf = (name: string) => fresh.values!.manifest.tools.find((tool) => `${tool.app}/${tool.name}` === name)!.tokens;
    const listed = (name: string) => manifestTools(root).find((tool) => `${tool.app}/${tool.name}` === name)!.tokens;
    const n = (value: number) => value.toLocaleString("en-US");
    expect(lines).toContain(`  + ${addedName}   +${n(tokensOf(addedName))} tokens (0 → ${n(tokensOf(addedName))})`);
    expect(lines).toContain(`  - ${removed}   −${n(listed(removed))} tokens (${n(listed(removed))} → 0)`);
    const grown = tokensOf(changed) - listed(changed);
    expect(grown).toBeGreaterThan(0);
    expect(lines).toContain(`  ~ ${changed}   description   +${grown} tokens (${n(listed(changed))} → ${n(tokensOf(changed))})`);
    const total = tokensOf(addedName) + grown - listed(removed);
    expect(lines).toContain(`  = 3 tools   ${total >= 0 ? "+" : "−"}${n(Math.abs(total))} tokens (${n(listed(changed) + listed(removed))} → ${n(tokensOf(changed) + tokensOf(addedName))})`);
    expect(check.stdout).toContain("run `gateway build`");

    const run = await gateway(root, ["build"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("(1 added, 1 changed, 1 removed)");
    expect(existsSync(join(root, "generated", `${removed}.ts`)), "file of the removed tool is deleted").toBe(false);
    expect(existsSync(join(root, "generated", `${addedName}.ts`))).toBe(true);
    expect((await gateway(root, ["build", "--check"])).code).toBe(0);
  });
});

describe("a GraphQL app through build and --check, like any other", () => {
  const SDL = 'type Item { id: ID! name: String }\ntype Query { item(id: ID!): Item }\ntype Mutation { deleteItem(id: ID!): Boolean }\n';
  const CONFIG_GQL = "name: cli\napps:\n  shop:\n    graphql: schema.graphql\n    endpoint: https://shop.example/graphql\n    operations: ops/*.graphql\n";
  let root: string;
  beforeAll(() => {
    root = project({ "gateway.yaml": CONFIG_GQL, "schema.graphql": SDL, "ops/items.graphql": "# One item by id.\nquery GetItem($id: ID!) { item(id: $id) { id name } }\n" });
  });

  test("the build lists the operation's tool in the manifest; --check is clean; an edited operation is drift naming the tool", async () => {
    const built = await gateway(root, ["build"]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^✔ 1 tool from 1 spec → generated\/ \(1 added, 0 changed, 0 removed\)/);
    expect(manifestTools(root).map((t) => [t.app, t.name, t.source])).toEqual([["shop", "get_item", "ops/items.graphql#GetItem"]]);
    expect((await gateway(root, ["build", "--check"])).code).toBe(0);

    writeFileSync(join(root, "ops", "items.graphql"), "# One item by id, its name only.\nquery GetItem($id: ID!) { item(id: $id) { name } }\nmutation DeleteItem($id: ID!) { deleteItem(id: $id) }\n");
    const check = await gateway(root, ["build", "--check"]);
    expect(check.code).toBe(1);
    const lines = check.stdout.split("\n");
    expect(lines[0]).toMatch(/^✘ generated\/ is stale: 2 tools differ/);
    expect(lines.some((line) => /^ {2}\+ shop\/delete_item {3}\+\d+ tokens/.test(line)), check.stdout).toBe(true);
    expect(lines.some((line) => /^ {2}~ shop\/get_item {3}.*description/.test(line)), check.stdout).toBe(true);
  });
});

describe("diagnostics", () => {
  test("a broken gateway.yaml: exit 1, `gateway.yaml:L:C: error GWnnn`, a fix: line, nothing written", async () => {
    const config = CONFIG + "    timeoutMs: 3000\n";
    const root = project({ "gateway.yaml": config, "specs/petstore.json": PETSTORE });
    const run = await gateway(root, ["build"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^gateway\\.yaml:${position(config, config.indexOf("timeoutMs"))}: error GW\\d{3}: .*timeoutMs`, "m"));
    expect(run.stderr).toMatch(/^ {2}fix: /m);
    expect(run.stderr).toContain("Nothing was written.");
    expect(existsSync(join(root, "generated"))).toBe(false);
    expect(existsSync(join(root, "dist"))).toBe(false);
  });

  test("--reporter json on errors: stdout is parseable JSON with code, file, line and column", async () => {
    const config = CONFIG + "    timeoutMs: 3000\n";
    const root = project({ "gateway.yaml": config, "specs/petstore.json": PETSTORE });
    const run = await gateway(root, ["build", "--reporter", "json"]);
    expect(run.code).toBe(1);
    const diagnostics = JSON.parse(run.stdout) as { code: string; severity: string; file: string; line: number; column: number }[];
    const error = diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({ code: expect.stringMatching(/^GW\d{3}$/), file: "gateway.yaml" });
    expect(`${error!.line}:${error!.column}`).toBe(position(config, config.indexOf("timeoutMs")));
  });

  test("--reporter json on success and on a stale --check: stdout is the diagnostics array alone", async () => {
    const root = project({ "gateway.yaml": CONFIG, "specs/petstore.json": PETSTORE });
    const run = await gateway(root, ["build", "--reporter", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
    expect(run.stderr).toMatch(/^✔ /m);

    const removed = toolAt(root, "/paths/~1store~1inventory/get");
    const spec = JSON.parse(PETSTORE) as { paths: Record<string, unknown> };
    delete spec.paths["/store/inventory"];
    writeFileSync(join(root, "specs", "petstore.json"), JSON.stringify(spec));
    const check = await gateway(root, ["build", "--check", "--reporter", "json"]);
    expect(check.code).toBe(1);
    const diagnostics = JSON.parse(check.stdout) as { code: string; severity: string; message: string }[];
    const stale = diagnostics.filter((d) => d.severity === "error");
    expect(stale).toHaveLength(1);
    expect(stale[0].code).toMatch(/^GW4\d\d$/);
    expect(stale[0].message).toContain(`- ${removed}`);
  });

  test("a spec that is neither JSON nor YAML: error naming the spec file with line:col", async () => {
    const at = PETSTORE.indexOf('"paths"');
    const broken = `${PETSTORE.slice(0, at)}"junk": {,,},\n  ${PETSTORE.slice(at)}`;
    const root = project({ "gateway.yaml": CONFIG, "specs/petstore.json": broken });
    const run = await gateway(root, ["build"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^specs/petstore\\.json:${position(broken, broken.indexOf(",,"))}: error GW\\d{3}: `, "m"));
    expect(existsSync(join(root, "generated"))).toBe(false);
  });

  test("a YAML spec with a syntax error: error naming the spec file with line:col", async () => {
    const yaml = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get: [unclosed\n";
    const root = project({ "gateway.yaml": "name: cli\napps:\n  bad:\n    openapi: specs/bad.yaml\n", "specs/bad.yaml": yaml });
    const run = await gateway(root, ["build"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^specs\/bad\.yaml:\d+:\d+: error GW\d{3}: /m);
  });

  test("a broken $ref: a diagnostic naming the spec and the JSON pointer of the $ref", async () => {
    const spec = JSON.parse(PETSTORE) as { paths: Record<string, Record<string, { parameters: { schema?: unknown }[] }>> };
    spec.paths["/pet"].post.parameters[0].schema = { $ref: "#/definitions/NoSuchPet" };
    const root = project({ "gateway.yaml": CONFIG, "specs/petstore.json": JSON.stringify(spec, null, 2) });
    const run = await gateway(root, ["build"]);
    // GW205 is a warning by design (the schema becomes {}): the build goes on.
    expect(run.stderr).toMatch(/^specs\/petstore\.json#\/paths\/~1pet\/post\/parameters\/0\/schema: (warning|error) GW205: .*#\/definitions\/NoSuchPet/m);
  });

  test.each([
    [["build", "--bogus"], /unknown flag --bogus/],
    [["build", "--json"], /use --reporter json/],
    [["build", "--reporter", "xml"], /pretty or json/],
    [["build", "--config"], /--config needs a value/],
    [["deploy"], /unknown command "deploy"/],
  ])("bad usage %j: exit 2 with a message and the usage", async (args, message) => {
    const root = project({ "gateway.yaml": CONFIG, "specs/petstore.json": PETSTORE });
    const run = await gateway(root, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("usage:");
    expect(existsSync(join(root, "generated"))).toBe(false);
  });
});
