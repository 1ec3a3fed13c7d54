// `tsc --noEmit` (strict, NodeNext) over generated code: the full GitHub REST build, the repo's own generated/
// and the golden trees. HttpTool<Input> types every module, so a missing or unknown param binding fails here.
// The GitHub build lives outside the repo, with no node_modules in reach: generated/ must stand on its own.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { build, type BuildResult } from "../../generator/build.js";
import { packageRoot } from "../../generator/package-root.js";
import { diffFiles, writeFiles } from "../../generator/write.js";
import { realSpec } from "../support/project.js";

const ROOT = packageRoot();
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

let dir: string;
let github: BuildResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gateway-typecheck-"));
  mkdirSync(join(dir, "specs"));
  writeFileSync(join(dir, "specs", "github.json"), realSpec("github.json.gz"));
  github = await build({ configPath: join(dir, "gateway.yaml"), configText: "name: typecheck\napps:\n  github:\n    openapi: specs/github.json\n    auth: { type: bearer, token: \"${GITHUB_TOKEN}\" }\n" });
  expect(github.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  writeFiles(github.generatedDir, github.files, diffFiles(github.generatedDir, github.files));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("generated/ imports nothing outside itself: every relative import stays inside, the contract is a verbatim copy", () => {
  const contract = github.files.find((f) => f.path === "contract.ts");
  expect(contract?.contents).toBe(readFileSync(join(ROOT, "runtime", "contract.ts"), "utf8"));
  for (const file of github.files.filter((f) => f.path.endsWith(".ts"))) {
    for (const [, specifier] of file.contents.matchAll(/from "([^"]+)"/g)) {
      expect(specifier, `${file.path} imports ${specifier}`).toMatch(/^\.\.?\//);
      const target = resolve(dirname(join(github.generatedDir, file.path)), specifier!).replace(/\.js$/, ".ts");
      expect(relative(github.generatedDir, target), `${file.path} imports ${specifier}`).not.toMatch(/^\.\./);
      expect(existsSync(target), `${file.path} imports ${specifier}`).toBe(true);
    }
  }
});

test("tsc --noEmit (strict, NodeNext) passes over GitHub's generated/, the example's generated/ and the goldens", async () => {
  const goldens = join(ROOT, "test", "golden");
  const include = [join(github.generatedDir, "**", "*.ts"), join(goldens, "*", "generated", "**", "*.ts")];
  if (existsSync(join(ROOT, "generated", "index.ts"))) include.push(join(ROOT, "generated", "**", "*.ts"));
  const base = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const tsconfig = join(dir, "tsconfig.json");
  // No ambient types: generated code needs nothing but its own contract.
  const compilerOptions = { ...base.compilerOptions, strict: true, module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: [] };
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions, include }, null, 2));

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
