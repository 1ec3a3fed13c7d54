// Whole-build determinism: the same inputs give the same bytes, whatever the key order of the specs and of
// gateway.yaml, whichever folder the project sits in; and no emitted file carries a path, a temp name or a date.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { build, type BuildResult } from "../../generator/build.js";
import { packageRoot } from "../../generator/package-root.js";
import { realSpec } from "../support/project.js";
import { rng, shuffleKeys } from "../support/shuffle.js";

/** Same document, keys shuffled, printed in the file's own format (JSON or YAML). */
function shuffleText(path: string, text: string, seed: number): string {
  const yaml = /\.ya?ml$/.test(path);
  const shuffled = shuffleKeys(yaml ? parse(text) : JSON.parse(text), rng(seed));
  return yaml ? stringify(shuffled) : JSON.stringify(shuffled, null, 2);
}

// Projects live in the repo's .cache/, close to the package, and (for the layout test) deep in the temp folder:
// any path between a project and the package leaking into the output shows up as a difference.
const CACHE = join(packageRoot(), ".cache");
const made: string[] = [];

function writeProject(files: Record<string, string>, parent = CACHE): string {
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, "determinism-"));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

async function buildProject(root: string): Promise<BuildResult> {
  const result = await build({ configPath: join(root, "gateway.yaml") });
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(result.files.length).toBeGreaterThan(0);
  return result;
}

/** path → bytes; the manifest's input hashes are hashes of the input bytes, so they are left out (keys kept). */
function comparable(result: BuildResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of result.files) {
    if (file.path !== "manifest.json") out[file.path] = file.contents;
    else {
      const manifest = JSON.parse(file.contents) as { inputs: Record<string, string> };
      out[file.path] = JSON.stringify({ ...manifest, inputs: Object.keys(manifest.inputs).sort() });
    }
  }
  return out;
}

const toolNames = (result: BuildResult) => result.plans.map((plan) => `${plan.app}/${plan.name}`);

function readRepo(path: string): string {
  return readFileSync(join(packageRoot(), path), "utf8");
}

/** Each case: the files of one project. Specs are read once, lazily. */
const CASES: [string, () => Record<string, string>][] = [
  [
    "stripe (2.5 MB, OpenAPI 3.0)",
    () => ({ "gateway.yaml": "name: stripe\napps:\n  stripe:\n    openapi: specs/stripe.json\n    auth: { type: bearer, token: \"${STRIPE_KEY}\" }\n", "specs/stripe.json": realSpec("stripe.json.gz") }),
  ],
  [
    "the repo's example (gateway.yaml with two apps and a prompt, a YAML and a JSON spec)",
    () => {
      const config = readRepo("gateway.yaml");
      const specs = Object.values((parse(config) as { apps: Record<string, { openapi: string }> }).apps).map((app) => app.openapi);
      return { "gateway.yaml": config, ...Object.fromEntries(specs.map((spec) => [spec, readRepo(spec)])) };
    },
  ],
  [
    "golden petstore-2.0 (OpenAPI 2.0, overrides, exclusion)",
    () => ({ "gateway.yaml": readRepo("test/golden/petstore-2.0/gateway.yaml"), "specs/petstore.json": readRepo("test/golden/petstore-2.0/specs/petstore.json") }),
  ],
];

describe.each(CASES)("%s", (_name, filesOf) => {
  const files = filesOf();
  let base: BuildResult;
  let baseRoot: string;

  test("building twice gives identical files", async () => {
    baseRoot = writeProject(files);
    base = await buildProject(baseRoot);
    const again = await buildProject(baseRoot);
    expect(again.files).toEqual(base.files);
  });

  test("the same project inside the package and five folders deep elsewhere: byte-identical files", async () => {
    const far = await buildProject(writeProject(files, join(mkdtempSync(join(tmpdir(), "gateway-layout-")), "a", "b", "c", "d")));
    made.push(dirname(dirname(dirname(dirname(dirname(far.generatedDir))))));
    expect(far.files.map((f) => f.path)).toEqual(base.files.map((f) => f.path));
    for (const [i, file] of far.files.entries()) expect(file.contents, `generated/${file.path}`).toBe(base.files[i]!.contents);
  });

  test("shuffled key order in every spec object and in gateway.yaml: same bytes, same tool names", async () => {
    for (const seed of [1, 2]) {
      const shuffled = Object.fromEntries(Object.entries(files).map(([path, text]) => [path, shuffleText(path, text, seed * 1000 + path.length)]));
      for (const [path, text] of Object.entries(shuffled)) expect(text, `${path} really reordered`).not.toBe(files[path]);
      const other = await buildProject(writeProject(shuffled));
      expect(toolNames(other)).toEqual(toolNames(base));
      const [a, b] = [comparable(base), comparable(other)];
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const path of Object.keys(a)) expect(b[path], `generated/${path} (seed ${seed})`).toBe(a[path]);
    }
  });

  test("no absolute path, temp folder name or today's date in any emitted file", () => {
    const now = new Date();
    const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
    const forbidden = [baseRoot, basename(baseRoot), packageRoot(), tmpdir(), homedir(), now.toISOString().slice(0, 10), local, String(now.getFullYear()) + String(now.getMonth() + 1).padStart(2, "0") + String(now.getDate()).padStart(2, "0")];
    for (const file of base.files) {
      expect(file.path).not.toMatch(/^\/|\\/);
      for (const text of new Set(forbidden.filter((s) => s.length > 1 && s !== "/"))) {
        expect(file.contents.includes(text), `generated/${file.path} contains ${JSON.stringify(text)}`).toBe(false);
      }
    }
  });
});
