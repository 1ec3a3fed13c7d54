// `tsc --noEmit` (strict, NodeNext) over generated code: the full GitHub REST build, the repo's own generated/
// and the golden trees. HttpTool<Input> types every module, so a missing or unknown param binding fails here.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { build, type BuildResult } from "../../generator/build.js";
import { packageRoot } from "../../generator/package-root.js";
import { diffFiles, writeFiles } from "../../generator/write.js";
import { realSpec } from "../support/project.js";

const ROOT = packageRoot();
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

// Inside the repo's .cache/, so the emitted runtime import (relative to the package root) stays inside the repo.
let dir: string;
let github: BuildResult;

beforeAll(async () => {
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  dir = mkdtempSync(join(ROOT, ".cache", "typecheck-"));
  mkdirSync(join(dir, "specs"));
  writeFileSync(join(dir, "specs", "github.json"), realSpec("github.json.gz"));
  github = await build({ configPath: join(dir, "gateway.yaml"), configText: "name: typecheck\napps:\n  github:\n    openapi: specs/github.json\n    auth: { type: bearer, token: \"${GITHUB_TOKEN}\" }\n" });
  expect(github.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  writeFiles(github.generatedDir, github.files, diffFiles(github.generatedDir, github.files));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a generated module's runtime import resolves to runtime/tool.ts of this package", () => {
  const file = github.files.find((f) => /^github\/[^/]+\.ts$/.test(f.path) && f.path !== "github/index.ts")!;
  const specifier = /from "([^"]+\/runtime\/tool\.js)"/.exec(file.contents)?.[1];
  expect(specifier, file.contents.slice(0, 400)).toBeDefined();
  expect(specifier).not.toMatch(/^\//);
  const target = resolve(dirname(join(github.generatedDir, file.path)), specifier!).replace(/\.js$/, ".ts");
  expect(relative(ROOT, target)).toBe(join("runtime", "tool.ts"));
  expect(existsSync(target)).toBe(true);
});

test("tsc --noEmit (strict, NodeNext) passes over GitHub's generated/, the example's generated/ and the goldens", async () => {
  const goldens = join(ROOT, "test", "golden");
  const include = [join(github.generatedDir, "**", "*.ts"), join(goldens, "*", "generated", "**", "*.ts")];
  if (existsSync(join(ROOT, "generated", "index.ts"))) include.push(join(ROOT, "generated", "**", "*.ts"));
  const base = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const tsconfig = join(dir, "tsconfig.json");
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { ...base.compilerOptions, strict: true, module: "NodeNext", moduleResolution: "NodeNext", noEmit: true }, include }, null, 2));

  const started = performance.now();
  const { code, output } = await new Promise<{ code: number; output: string }>((done) => {
    execFile(process.execPath, [TSC, "--noEmit", "-p", tsconfig], { cwd: ROOT, timeout: 150_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, output: stdout + stderr });
    });
  });
  console.log(`tsc over ${github.files.length} GitHub files + example + goldens: exit ${code} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  expect(output.split("\n").slice(0, 40).join("\n")).toBe("");
  expect(code).toBe(0);
}, 180_000);
