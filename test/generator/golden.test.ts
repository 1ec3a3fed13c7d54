// Golden files: each test/golden/<case>/ project built in memory must emit exactly its checked-in generated/ tree,
// and the repo's own example (gateway.yaml + specs/) must emit exactly /generated (what `gateway build --check` checks).
//
// Update the goldens: `npx vitest run test/generator/golden.test.ts -u`, then READ the diff of test/golden/ before
// committing (names, params, annotations, descriptions). With -u, files the build no longer emits are deleted too.
// The repo's own generated/ is not a snapshot: refresh it with `node bin/gateway.mjs build`.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { build, type BuildResult } from "../../generator/build.js";
import { packageRoot } from "../../generator/package-root.js";
import { listFiles } from "../../generator/write.js";

const GOLDEN = join(import.meta.dirname, "..", "golden");
const CASES = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(GOLDEN, entry.name, "gateway.yaml")))
  .map((entry) => entry.name)
  .sort();

/** Builds a project in memory and fails on any error diagnostic, printing them. */
async function buildClean(root: string): Promise<BuildResult> {
  const result = await build({ configPath: join(root, "gateway.yaml") });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.file}${d.pointer ? "#" + d.pointer : ""}: ${d.code} ${d.message}`)).toEqual([]);
  expect(result.files.length).toBeGreaterThan(0);
  return result;
}

/** True when vitest runs with -u (update every snapshot). */
function updatingSnapshots(): boolean {
  return expect.getState().snapshotState?.snapshotUpdateState === "all";
}

test("there are golden cases", () => {
  expect(CASES).toEqual(expect.arrayContaining(["clash", "petstore-2.0", "schema-types-3.1"]));
});

describe.each(CASES)("golden: %s", (name) => {
  const root = join(GOLDEN, name);

  test("generated/ matches, file by file", async () => {
    const result = await buildClean(root);
    for (const file of result.files) {
      await expect(file.contents, file.path).toMatchFileSnapshot(join(root, "generated", file.path));
    }
  });

  test("generated/ holds no file the build no longer emits", async () => {
    const result = await buildClean(root);
    const emitted = new Set(result.files.map((file) => file.path));
    const stale = listFiles(join(root, "generated")).filter((path) => !emitted.has(path));
    if (updatingSnapshots()) for (const path of stale) rmSync(join(root, "generated", path));
    else expect(stale, "stale golden files: delete them or run with -u").toEqual([]);
  });
});

describe("the repo's own example", () => {
  const root = packageRoot();

  test.runIf(existsSync(join(root, "gateway.yaml")))("gateway.yaml + specs/ build exactly generated/ (as --check does)", async () => {
    const result = await buildClean(root);
    const dir = join(root, "generated");
    const emitted = result.files.map((file) => file.path);
    expect(listFiles(dir), "run `node bin/gateway.mjs build`").toEqual([...emitted].sort());
    for (const file of result.files) {
      expect(readFileSync(join(dir, file.path), "utf8"), `generated/${file.path} is stale: run \`node bin/gateway.mjs build\``).toBe(file.contents);
    }
  });
});
