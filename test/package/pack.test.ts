// The package as a user gets it: `npm pack` (which runs the prepack build of dist/), then two fresh projects at
// different depths install the tarball and run `npx gateway build` on the repo's example. Their generated/ trees
// must be byte-identical, name no path outside generated/, pass `--check` across projects and `tsc --noEmit`
// inside the project; the bundled server must answer initialize + tools/list over stdio; and the CLI must leave
// the installed package folder as npm wrote it (nothing compiled into node_modules/mcp-gateway-compiler/.cache).
//
// The package is packed from a private copy of the source (without node_modules, .git, test/, dist/ …), so the
// prepack build never writes into this checkout's dist/ while other tests or builds run.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PACKAGE_NAME, packageRoot } from "../../generator/package-root.js";

const ROOT = packageRoot();
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
/** Top-level entries of the checkout that the pack copy leaves out: not build inputs of the package. */
const NOT_COPIED = new Set(["node_modules", ".git", ".cache", "dist", "test", "coverage", "tmp", "generated", "specs", "bench"]);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment of a child: this one without npm's per-run variables (vitest may run under `npm test`). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, NO_COLOR: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...extra };
}

function run(command: string, args: string[], cwd: string, timeout = 120_000, env = childEnv()): Promise<Run> {
  const started = performance.now();
  return new Promise((done) => {
    execFile(command, args, { cwd, timeout, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      done({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

function output(r: Run): string {
  return `exit ${r.code}\n${r.stdout}\n${r.stderr}`.slice(0, 4000);
}

/** Relative posix path → file contents, every file under `dir`. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path).split(sep).join("/")] = readFileSync(path, "latin1");
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Relative path → sha256, every file and folder under `dir` (folders as "dir"). */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = entry.isFile() ? createHash("sha256").update(readFileSync(path)).digest("hex") : entry.isDirectory() ? "dir" : "other";
  }
  return out;
}

const EXAMPLE_CONFIG = readFileSync(join(ROOT, "gateway.yaml"), "utf8");
/** Placeholders for the `${ENV}` references of the example, as `npm start` gives them. */
const SECRETS = Object.fromEntries([...EXAMPLE_CONFIG.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => [m[1], `placeholder-${m[1].toLowerCase()}`]));

const API_CHECK = `// The package's own types, as a user imports them.
import { build, type BuildOptions, type BuildResult, type GatewayRuntime, type HttpTool } from "${PACKAGE_NAME}";
import type { Tool, ToolAnnotations } from "${PACKAGE_NAME}/contract";

export const compile: (options: BuildOptions) => Promise<BuildResult> = build;
export const hints: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
export type Used = [HttpTool, GatewayRuntime, Tool];
`;

let work: string;
let tarball: string;
let projectA: string;
let projectB: string;
let installed: Record<string, string>;
const timings: string[] = [];

function packageDir(project: string): string {
  return join(project, "node_modules", PACKAGE_NAME);
}

function gateway(project: string, args: string[]): Promise<Run> {
  return run("npx", ["--no", "gateway", ...args], project, 120_000, childEnv(SECRETS));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "gateway-pack-"));

  // 1. npm pack from a private copy of the source; its prepack builds dist/ there.
  const source = join(work, "source");
  cpSync(ROOT, source, { recursive: true, filter: (from) => !NOT_COPIED.has(relative(ROOT, from).split(sep)[0]) && !from.endsWith(".tgz") });
  symlinkSync(join(ROOT, "node_modules"), join(source, "node_modules"), "dir");
  const pack = await run("npm", ["pack", "--pack-destination", work, "--loglevel=warn"], source, 180_000);
  timings.push(`npm pack ${(pack.ms / 1000).toFixed(1)}s`);
  expect(pack.code, output(pack)).toBe(0);
  const tarballs = readdirSync(work).filter((name) => name.endsWith(".tgz"));
  expect(tarballs).toHaveLength(1);
  tarball = join(work, tarballs[0]);

  // 2. Two user projects at different depths, each with the tarball installed and the example's inputs.
  projectA = join(work, "a", "proj");
  projectB = join(work, "b", "deep", "er", "proj");
  const installs = await Promise.all(
    [projectA, projectB].map((project, i) => {
      mkdirSync(join(project, "specs"), { recursive: true });
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: `pack-test-${"ab"[i]}`, version: "1.0.0", private: true, type: "module" }, null, 2));
      writeFileSync(join(project, "gateway.yaml"), EXAMPLE_CONFIG);
      cpSync(join(ROOT, "specs"), join(project, "specs"), { recursive: true });
      return run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], project, 240_000);
    }),
  );
  timings.push(`npm install ×2 ${(Math.max(...installs.map((r) => r.ms)) / 1000).toFixed(1)}s`);
  for (const install of installs) expect(install.code, output(install)).toBe(0);
  installed = fingerprint(packageDir(projectA));
}, 420_000);

afterAll(() => {
  console.log(`pack test: ${timings.join(", ")}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package, installed in two user projects", () => {
  test("the tarball holds dist/, the bin, runtime/contract.ts, schema/, docs/ and README.md, and no TypeScript source of the generator", () => {
    const files = Object.keys(installed).filter((path) => installed[path] !== "dir").sort();
    for (const file of ["package.json", "README.md", "bin/gateway.mjs", "dist/cli.mjs", "dist/index.mjs", "dist/index.d.ts", "dist/runtime.mjs", "dist/contract.d.ts", "runtime/contract.ts", "schema/gateway.schema.json", "docs/dialects.md"]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((file) => /^(generator|test|bench|scripts)\//.test(file) || file === "dist/server.mjs" || file.startsWith(".cache"))).toEqual([]);
    expect(files.filter((file) => file.startsWith("runtime/"))).toEqual(["runtime/contract.ts"]);
  });

  test("the exports resolve from a user project: build(), ./contract, ./schema.json, ./package.json", async () => {
    const script = `
      const api = await import("${PACKAGE_NAME}");
      await import("${PACKAGE_NAME}/contract");
      const schema = (await import("${PACKAGE_NAME}/schema.json", { with: { type: "json" } })).default;
      const pkg = (await import("${PACKAGE_NAME}/package.json", { with: { type: "json" } })).default;
      console.log(JSON.stringify({ build: typeof api.build, schema: typeof schema.properties, name: pkg.name }));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", script], projectB);
    expect(r.code, output(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ build: "function", schema: "object", name: PACKAGE_NAME });
  });

  test("`npx gateway build` succeeds in both projects", async () => {
    const builds = await Promise.all([projectA, projectB].map((project) => gateway(project, ["build"])));
    timings.push(`gateway build ×2 ${(Math.max(...builds.map((r) => r.ms)) / 1000).toFixed(1)}s`);
    for (const build of builds) {
      expect(build.code, output(build)).toBe(0);
      expect(build.stdout).toMatch(/^✔ \d+ tools from 2 specs → generated\/ .* \+ dist\/server\.mjs/m);
    }
    for (const project of [projectA, projectB]) expect(existsSync(join(project, "dist", "server.mjs"))).toBe(true);
  });

  test("generated/ is byte-identical in both projects", () => {
    const [a, b] = [readTree(join(projectA, "generated")), readTree(join(projectB, "generated"))];
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const path of Object.keys(a)) expect(b[path], `generated/${path}`).toBe(a[path]);
  });

  test("no file in generated/ names a path outside generated/ (no ../.., node_modules, absolute or temp path)", () => {
    const generated = join(projectB, "generated");
    const forbidden = ["../..", "node_modules", work, tmpdir(), homedir(), ROOT, projectA, projectB];
    const problems: string[] = [];
    for (const [path, text] of Object.entries(readTree(generated))) {
      for (const needle of forbidden) if (text.includes(needle)) problems.push(`generated/${path} contains ${JSON.stringify(needle)}`);
      if (!path.endsWith(".ts")) continue;
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)) {
        const specifier = m[1];
        const target = resolve(dirname(join(generated, path)), specifier);
        if (!specifier.startsWith(".") || relative(generated, target).startsWith("..")) problems.push(`generated/${path} imports ${JSON.stringify(specifier)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("`npx gateway build --check` passes in project A against project B's generated/", async () => {
    rmSync(join(projectA, "generated"), { recursive: true, force: true });
    cpSync(join(projectB, "generated"), join(projectA, "generated"), { recursive: true });
    const check = await gateway(projectA, ["build", "--check"]);
    expect(check.code, output(check)).toBe(0);
    expect(check.stdout).toMatch(/^✔ generated\/ is up to date/m);
  });

  test("tsc --noEmit (strict, NodeNext, no skipLibCheck) passes over generated/ and the package's own types in the user project", async () => {
    expect(existsSync(join(projectA, "generated", "index.ts")), "generated/index.ts").toBe(true);
    writeFileSync(join(projectA, "api-check.ts"), API_CHECK);
    const tsconfig = {
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        isolatedModules: true,
        verbatimModuleSyntax: true,
        types: [],
      },
      include: ["generated/**/*.ts", "api-check.ts"],
    };
    writeFileSync(join(projectA, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = await run(process.execPath, [TSC, "--noEmit", "-p", "tsconfig.json"], projectA, 120_000);
    timings.push(`tsc ${(tsc.ms / 1000).toFixed(1)}s`);
    expect((tsc.stdout + tsc.stderr).split("\n").slice(0, 40).join("\n")).toBe("");
    expect(tsc.code).toBe(0);
  });

  test("the bundled server answers initialize and tools/list over stdio with every tool of the manifest", async () => {
    const manifest = JSON.parse(readFileSync(join(projectB, "generated", "manifest.json"), "utf8")) as { tools: { name: string }[] };
    const responses = await stdioSession(projectB, [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "pack-test", version: "0" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} },
    ]);
    const init = responses.get(1) as { result?: { serverInfo?: unknown; protocolVersion?: string } };
    expect(init?.result?.protocolVersion, JSON.stringify(init)).toBeTruthy();
    const list = responses.get(2) as { result?: { tools: { name: string }[] } };
    expect(list?.result?.tools.map((t) => t.name).sort(), JSON.stringify(list).slice(0, 400)).toEqual(manifest.tools.map((t) => t.name).sort());
  });

  test("the CLI left the installed package folder unchanged (no .cache/ written into node_modules)", () => {
    for (const project of [projectA, projectB]) {
      expect(existsSync(join(packageDir(project), ".cache")), project).toBe(false);
      expect(fingerprint(packageDir(project))).toEqual(installed);
    }
  });
});

/** Starts `node dist/server.mjs --stdio` in `project`, sends `messages`, collects responses by id until each request has one. */
function stdioSession(project: string, messages: { jsonrpc: "2.0"; id?: number; method: string; params?: unknown }[]): Promise<Map<number, unknown>> {
  const waiting = new Set(messages.filter((m) => m.id !== undefined).map((m) => m.id!));
  const responses = new Map<number, unknown>();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join("dist", "server.mjs"), "--stdio"], { cwd: project, env: childEnv(SECRETS), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`no answer to ${[...waiting].join(", ")} within 30 s; stderr:\n${stderr}`));
    }, 30_000);
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      let newline: number;
      while ((newline = stdout.indexOf("\n")) >= 0) {
        const line = stdout.slice(0, newline).trim();
        stdout = stdout.slice(newline + 1);
        if (!line) continue;
        const message = JSON.parse(line) as { id?: number };
        if (typeof message.id === "number") {
          responses.set(message.id, message);
          waiting.delete(message.id);
        }
        if (waiting.size === 0) {
          clearTimeout(timer);
          child.stdin.end();
          child.kill();
          done(responses);
        }
      }
    });
    child.on("exit", (code) => {
      if (waiting.size === 0) return;
      clearTimeout(timer);
      fail(new Error(`server exited (${code}) before answering ${[...waiting].join(", ")}; stderr:\n${stderr}`));
    });
    for (const message of messages) child.stdin.write(`${JSON.stringify(message)}\n`);
  });
}
