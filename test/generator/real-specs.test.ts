// Whole builds (config → sources → passes → emit, in memory) of real specs: GitHub REST, Stripe, Kubernetes,
// Swagger Petstore 2.0 and ReadMe's 3.1 schema types. No errors; every operation becomes a tool; names and
// property keys that model APIs accept; every inputSchema compiles. Per-spec counts are logged for CI.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, describe, expect, test } from "vitest";
import { build, type BuildResult } from "../../generator/build.js";
import { inputSchemaOf, listEntryJson, listEntryOf } from "../../generator/emit/tool-object.js";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { opensWithSentence } from "../../generator/passes/describe.js";
import { listedShapeProblems } from "../../scripts/corpus-shape.js";
import type { JsonSchema, ToolPlan } from "../../generator/plan/tool-plan.js";
import { FIXTURES, realSpec } from "../support/project.js";

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const PROPERTY_KEY = /^[a-zA-Z0-9_.-]{1,64}$/;
/** Room left for client prefixes such as `mcp__<server>__` (the default naming budget). */
const NAME_BUDGET = 48;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The description up to its first full stop (or line break), markup removed. */
function firstSentence(description: string): string {
  const text = description.replace(/<[^>]+>/g, " ").trim();
  return (/^(.*?)(?:[.!?](?:\s|$)|\n|$)/s.exec(text)?.[1] ?? "").trim();
}

const SPECS: [app: string, file: string, text: () => string][] = [
  ["github", "github.json", () => realSpec("github.json.gz")],
  ["stripe", "stripe.json", () => realSpec("stripe.json.gz")],
  ["kubernetes", "kubernetes.json", () => realSpec("kubernetes.json.gz")],
  ["petstore", "petstore-2.0.json", () => readFileSync(join(FIXTURES, "specs", "small", "petstore-2.0.json"), "utf8")],
  ["types", "schema-types-3.1.json", () => readFileSync(join(FIXTURES, "specs", "small", "schema-types-3.1.json"), "utf8")],
];

const root = mkdtempSync(join(tmpdir(), "gateway-real-"));
mkdirSync(join(root, "specs"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Build results by app, for the per-spec checks at the end of the file. */
const built = new Map<string, BuildResult>();

/** JSON pointer of every operation in a raw spec: what the build should turn into tools. */
function operationPointers(spec: { paths?: Record<string, Record<string, unknown>> }): string[] {
  const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
  return Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `/paths/${escape(path)}/${method}`),
  );
}

const SCHEMA_MAPS = ["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"];
const SCHEMA_VALUES = ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];

/** Every key of every `properties` map in a schema, nested ones included (items, combinators, $defs). */
function nestedPropertyKeys(schema: unknown, out: Set<string> = new Set(), seen: Set<unknown> = new Set()): Set<string> {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema) || seen.has(schema)) return out;
  seen.add(schema);
  const s = schema as Record<string, unknown>;
  if (s.properties && typeof s.properties === "object") for (const key of Object.keys(s.properties)) out.add(key);
  for (const key of SCHEMA_MAPS) if (s[key] && typeof s[key] === "object") for (const sub of Object.values(s[key])) nestedPropertyKeys(sub, out, seen);
  for (const key of SCHEMA_VALUES) nestedPropertyKeys(s[key], out, seen);
  for (const key of SCHEMA_LISTS) if (Array.isArray(s[key])) for (const sub of s[key]) nestedPropertyKeys(sub, out, seen);
  if (Array.isArray(s.items)) for (const sub of s.items) nestedPropertyKeys(sub, out, seen);
  return out;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

describe.each(SPECS)("%s", (app, file, text) => {
  let result: BuildResult;
  let raw: { paths?: Record<string, Record<string, unknown>> };

  test("builds with no error diagnostics, one tool per operation", async () => {
    const bytes = text();
    raw = JSON.parse(bytes);
    writeFileSync(join(root, "specs", file), bytes);
    const started = performance.now();
    result = await build({ configPath: join(root, "gateway.yaml"), configText: `name: real\napps:\n  ${app}:\n    openapi: specs/${file}\n` });
    const ms = performance.now() - started;
    built.set(app, result);
    const counts = countBy(result.diagnostics, (d) => `${d.severity} ${d.code}`);
    console.log(`${app}: ${result.tools} tools, ${result.files.length} files in ${ms.toFixed(0)} ms; diagnostics ${JSON.stringify(counts)}`);

    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.pointer ?? ""} ${d.message}`)).toEqual([]);
    const expected = operationPointers(raw);
    const pointers = new Set(result.plans.map((plan) => plan.source.pointer));
    // An operation with no tool must come with its reason: the diagnostics that point at it.
    const missing = expected.filter((pointer) => !pointers.has(pointer)).map((pointer) => ({
      pointer,
      why: result.diagnostics.filter((d) => d.pointer?.startsWith(pointer)).map((d) => `${d.code} ${d.message}`),
    }));
    expect(missing).toEqual([]);
    expect(result.tools).toBe(expected.length);
    expect(result.plans).toHaveLength(expected.length);
  });

  test("tool names match ^[a-zA-Z0-9_-]{1,64}$, fit the 48-char budget and are unique", () => {
    const names = result.plans.map((plan) => plan.name);
    expect(names.filter((name) => !NAME.test(name) || name.length > NAME_BUDGET)).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  // Anthropic and Bedrock check the keys of inputSchema.properties (the top level) against this pattern; keys
  // nested in an argument's own schema are data the upstream defines (Kubernetes' JSONSchemaProps has "$ref").
  test("every inputSchema property key matches ^[a-zA-Z0-9_.-]{1,64}$ (nested offenders are logged)", () => {
    const bad = result.plans.flatMap((plan) => Object.keys(inputSchemaOf(plan).properties ?? {}).filter((key) => !PROPERTY_KEY.test(key)).map((key) => `${plan.name}: ${JSON.stringify(key)}`));
    expect(bad).toEqual([]);
    const nested = new Set(result.plans.flatMap((plan) => [...nestedPropertyKeys(inputSchemaOf(plan))].filter((key) => !PROPERTY_KEY.test(key))));
    if (nested.size > 0) console.log(`${app}: nested property keys outside the pattern: ${JSON.stringify([...nested].sort())}`);
  });

  test("every listed tool has a shape every client takes (the corpus run's check): object schemas, no root oneOf/anyOf/allOf", () => {
    const entries = result.values!.entries;
    expect(entries).toHaveLength(result.tools);
    expect(entries.flatMap((entry) => listedShapeProblems(entry.json))).toEqual([]);
  });

  test("every inputSchema compiles with ajv (JSON Schema 2020-12, strict: false)", () => {
    const ajv = addFormats(new Ajv2020({ strict: false, logger: false }));
    const failures: string[] = [];
    const started = performance.now();
    for (const plan of result.plans) {
      try {
        ajv.compile(inputSchemaOf(plan) as JsonSchema);
      } catch (error) {
        failures.push(`${plan.name}: ${(error as Error).message}`);
      }
    }
    console.log(`${app}: ${result.plans.length} inputSchemas compiled in ${(performance.now() - started).toFixed(0)} ms`);
    expect(failures).toEqual([]);
  });

  // What a model reads first: a title, and a description that opens with a sentence about the operation.
  test("every tool has a title and a description whose first sentence is not empty", () => {
    // The describe pass's own "Deprecated: …" mark comes before that sentence.
    const lead = (description: string) => description.replace(/^Deprecated( \([^)]*\))?: /, "");
    const bad = result.values!.tools.filter((tool) => !tool.title?.trim() || !opensWithSentence(lead(tool.description)) || firstSentence(lead(tool.description)) === "");
    expect(bad.map((tool) => `${tool.name}: ${JSON.stringify(tool.title)} ${JSON.stringify(tool.description.slice(0, 60))}`)).toEqual([]);
  });

  // The summary adds up per-tool counts and the seams between them; it must equal counting the list whole.
  test("token counts are exact o200k counts of each entry and of the static list", () => {
    const values = result.values!;
    const entries = values.tools.map(listEntryJson);
    const manifest = new Map(values.manifest.tools.map((tool) => [`${tool.app}/${tool.name}`, tool.tokens]));
    const wrong = values.tools.filter((tool, i) => manifest.get(`${tool.app}/${tool.name}`) !== countTokens(entries[i]!)).map((tool) => tool.name);
    expect(wrong).toEqual([]);
    expect(values.tokens.staticList).toBe(countTokens(`{"tools":[${entries.join(",")}]}`));
    expect(JSON.parse(entries[0]!)).toEqual(listEntryOf(values.tools[0]!));
    expect(values.tokens.apps).toEqual({ [app]: values.tokens.staticList });
    console.log(`${app}: static tools/list ${values.tokens.staticList} o200k tokens`);
  });
});

describe("github", () => {
  // The reviewed summary of the whole GitHub build: one line per tool with its hashes and token estimate. A change
  // to naming, hints, schemas or request plans anywhere in the pipeline shows up here as a diff.
  // Update: `npx vitest run test/generator/real-specs.test.ts -u`, then read the diff.
  test("manifest.json matches the golden", async () => {
    const manifest = built.get("github")!.files.find((f) => f.path === "manifest.json")!;
    await expect(manifest.contents).toMatchFileSnapshot(join(import.meta.dirname, "..", "golden", "real", "github.manifest.json"));
  });

  test("actions/update-repo-variable keeps both the path `name` and the body `name`", () => {
    const plan = built.get("github")!.plans.find((p: ToolPlan) => p.source.operationId === "actions/update-repo-variable");
    expect(plan).toBeDefined();
    const byWire = plan!.args.filter((arg) => arg.wire === "name").map((arg) => [arg.in, arg.name]).sort();
    expect(byWire.map(([where]) => where)).toEqual(["body", "path"]);
    expect(new Set(byWire.map(([, name]) => name)).size).toBe(2);
    const schema = inputSchemaOf(plan!);
    for (const [, name] of byWire) expect(Object.keys(schema.properties ?? {})).toContain(name);
  });
});
