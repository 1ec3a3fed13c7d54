// build(config) → { files, values, diagnostics }: config → sources → passes → emit. Orchestration only; no fs writes.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadConfig } from "./config/load.js";
import { compileDialects } from "./dialects/compile.js";
import type { Config } from "./config/types.js";
import { Report, type Diagnostic } from "./diagnostics/diagnostic.js";
import { sha256Hex, sha256Label } from "./digest.js";
import { checkBudgets } from "./emit/budgets.js";
import { emit, type EmittedFile, type EmittedValues } from "./emit/emit.js";
import { parseManifest, type Manifest } from "./emit/manifest.js";
import type { AppFacts } from "./emit/gateway-module.js";
import { checkPrompts } from "./emit/prompts.js";
import { contractSourcePath, packageRoot } from "./package-root.js";
import { runPasses } from "./passes/index.js";
import type { LeanRule } from "./passes/lean/index.js";
import type { ToolDraft, ToolPlan } from "./plan/tool-plan.js";
import { loadSource } from "./sources/index.js";

export interface BuildOptions {
  /** Path of gateway.yaml; generated/ is written next to it. */
  configPath: string;
  /** YAML text to use instead of reading `configPath` (the corpus run builds specs with made-up configs). */
  configText?: string;
  /** Called before slow steps, e.g. parsing a big spec. */
  onProgress?: (message: string) => void;
  /**
   * Internal: the lean rules to apply (all by default). The request-equivalence tests and
   * scripts/lean-savings.ts build with fewer to compare against.
   */
  leanRules?: readonly LeanRule[];
}

export interface BuildResult {
  /** Empty when there are errors: nothing is written then. */
  files: EmittedFile[];
  /** The values `files` print; absent when there are errors. The server bundle is made from these. */
  values?: EmittedValues;
  diagnostics: Diagnostic[];
  /** Number of tools emitted. */
  tools: number;
  /** Number of specs read. */
  specs: number;
  plans: ToolPlan[];
  config?: Config;
  /** Absolute path of the generated/ folder. */
  generatedDir: string;
  /** generated/manifest.json as this build found it, if any: what `--check` and the drift lines compare against. */
  previous?: Manifest;
}

/** Specs at least this big get a progress line while they parse. */
const PROGRESS_BYTES = 1_000_000;

export async function build(options: BuildOptions): Promise<BuildResult> {
  const report = new Report();
  const generatedDir = join(dirname(options.configPath), "generated");
  const empty: BuildResult = { files: [], diagnostics: report.diagnostics, tools: 0, specs: 0, plans: [], generatedDir };
  const config = loadConfig(options.configPath, report, options.configText);
  if (!config) return empty;

  const inputs: Record<string, string> = { [config.file]: sha256Label(sha256Hex(options.configText ?? readFileSync(config.path))) };
  const facts: Record<string, AppFacts> = {};
  const drafts: ToolDraft[] = [];
  let specs = 0;
  for (const app of config.apps) {
    const spec = app.openapi ?? app.graphql?.schema ?? "";
    announce(options, config, spec);
    const source = await loadSource(app, config, report);
    if (!source) continue;
    specs++;
    inputs[spec] = sha256Label(source.hash);
    if ("documents" in source) for (const [file, hash] of Object.entries(source.documents)) inputs[file] = sha256Label(hash);
    facts[app.name] = { specBaseUrl: source.baseUrl };
    drafts.push(...source.drafts);
  }
  checkPrompts(config, report);
  const plans = runPasses(drafts, config, report, options.leanRules);
  if (report.hasErrors) return { ...empty, config, specs };
  const dialects = compileDialects(config, plans, report);
  if (report.hasErrors) return { ...empty, config, specs };

  const previous = parseManifest(readIfPresent(join(generatedDir, "manifest.json")));
  const { files, values } = emit({ config, plans, facts, inputs, contract: readFileSync(contractSourcePath(), "utf8"), generator: generatorId(), dialects, previous });
  checkBudgets(config, plans, values, report);
  if (report.hasErrors) return { ...empty, config, specs };
  return { files, values, diagnostics: report.diagnostics, tools: plans.length, specs, plans, config, generatedDir, previous };
}

function announce(options: BuildOptions, config: Config, spec: string): void {
  if (!options.onProgress) return;
  try {
    const size = statSync(join(config.root, spec)).size;
    if (size >= PROGRESS_BYTES) options.onProgress(`parsing ${spec} (${(size / 1e6).toFixed(1)} MB)…`);
  } catch {
    // a missing spec is reported by the source
  }
}

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** `<package name> <version>`, for the manifest: which generator wrote generated/. */
function generatorId(): string {
  const { name, version } = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { name: string; version: string };
  return `${name} ${version}`;
}
