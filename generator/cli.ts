// argv → build | check | serve; prints diagnostics and one summary line; exit codes 0 ok, 1 errors/stale, 2 usage.
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "./build.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { bundleServer } from "./bundle.js";
import { formatDiagnostics, summarizeDiagnostics } from "./diagnostics/format.js";
import { diffFiles, toolDrift, writeFiles, type ToolDrift } from "./write.js";
import type { TokenSummary } from "./emit/tokens.js";
import { parseArgs, UsageError, type CliArgs } from "./cli-args.js";

export async function runCli(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`gateway: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (args.command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === "serve") return serve(args);
  return buildCommand(args);
}

async function buildCommand(args: CliArgs): Promise<number> {
  const started = performance.now();
  const configPath = resolve(args.config);
  if (!existsSync(configPath)) {
    process.stderr.write(`gateway: ${args.config} not found (pass --config path/to/gateway.yaml)\n`);
    return 2;
  }
  const result = await build({ configPath, onProgress: (message) => process.stderr.write(`… ${message}\n`) });
  // With --reporter json, stdout carries the diagnostics array alone (printed last); human lines go to stderr.
  const say = (text: string) => (args.reporter === "json" ? process.stderr : process.stdout).write(text);
  const finish = (code: number, extra: Diagnostic[] = []) => {
    printDiagnostics([...result.diagnostics, ...extra], args);
    return code;
  };
  if (result.files.length === 0) {
    if (args.reporter === "pretty") printDiagnostics(result.diagnostics, args);
    process.stderr.write(`${summarizeDiagnostics(result.diagnostics)} Nothing was written.\n`);
    return args.reporter === "json" ? finish(1) : 1;
  }
  if (args.reporter === "pretty") printDiagnostics(result.diagnostics, args);
  const changes = diffFiles(result.generatedDir, result.files);
  const where = relative(process.cwd(), result.generatedDir) || "generated";
  if (args.check) {
    const drift = toolDrift(result.previous, result.values!.manifest);
    const stale = changes.added.length + changes.changed.length + changes.removed.length;
    if (stale === 0) {
      say(`✔ ${where}/ is up to date: ${count(result.tools, "tool")} from ${count(result.specs, "spec")} [${seconds(started)}]\n`);
      say(tokenLine(result.values!.tokens));
      return args.reporter === "json" ? finish(0) : 0;
    }
    const lines = drift.map(driftLine);
    if (drift.length === 0) lines.push(...[...changes.added, ...changes.changed, ...changes.removed].map((file) => `~ ${file}`));
    else lines.push(driftTotal(drift));
    say(`✘ ${where}/ is stale: ${count(drift.length, "tool")} ${drift.length === 1 ? "differs" : "differ"}, ${count(stale, "file")} would change\n`);
    say(lines.map((line) => `  ${line}\n`).join(""));
    say("run `gateway build` and commit generated/\n");
    const staleDiagnostic: Diagnostic = {
      code: "GW402",
      severity: "error",
      file: `${where}/`,
      message: `generated/ is stale: ${lines.join("; ")}`,
      help: "run `gateway build` and commit generated/",
    };
    return args.reporter === "json" ? finish(1, [staleDiagnostic]) : 1;
  }
  const drift = toolDrift(result.previous, result.values!.manifest);
  // esbuild bundles (from the build's values, not the files) in its own process while generated/ is written.
  const bundling = bundleServer(result.config!.root, result.values!);
  try {
    writeFiles(result.generatedDir, result.files, changes);
  } catch (err) {
    await bundling.catch(() => undefined);
    throw err;
  }
  const bundle = await bundling;
  const tally = (kind: string) => drift.filter((item) => item.kind === kind).length;
  say(
    `✔ ${count(result.tools, "tool")} from ${count(result.specs, "spec")} → ${where}/ (${tally("+")} added, ${tally("~")} changed, ${tally("-")} removed)` +
      ` + ${relative(process.cwd(), bundle.outfile)} (${(bundle.bytes / 1e6).toFixed(1)} MB) [${seconds(started)}]\n`,
  );
  say(tokenLine(result.values!.tokens));
  return args.reporter === "json" ? finish(0) : 0;
}

async function serve(args: CliArgs): Promise<number> {
  const configPath = resolve(args.config);
  const bundle = resolve(configPath, "..", "dist", "server.mjs");
  if (!existsSync(bundle)) {
    process.stderr.write(`gateway: ${relative(process.cwd(), bundle)} does not exist; run \`gateway build\` first\n`);
    return 1;
  }
  // The bundle reads process.argv like `node dist/server.mjs --stdio …` would give it.
  process.argv = [process.argv[0], bundle, ...args.rest];
  await import(pathToFileURL(bundle).href);
  return -1; // the server keeps the process alive; the bin must not exit
}

function printDiagnostics(diagnostics: Diagnostic[], args: CliArgs): void {
  if (args.reporter === "json") {
    process.stdout.write(formatDiagnostics(diagnostics, "json") + "\n");
    return;
  }
  const shown = diagnostics.filter((d) => d.severity !== "info" || args.verbose);
  if (shown.length > 0) process.stderr.write(formatDiagnostics(shown, "pretty") + "\n");
}

/** `  tokens (o200k): celigo 3,120 · ably 6,410 · static list 9,531 · dynamic list 702` */
function tokenLine(tokens: TokenSummary): string {
  const apps = Object.entries(tokens.apps).map(([app, n]) => `${app} ${n.toLocaleString("en-US")}`);
  return `  tokens (o200k): ${[...apps, `static list ${tokens.staticList.toLocaleString("en-US")}`, `dynamic list ${tokens.dynamicList.toLocaleString("en-US")}`].join(" · ")}\n`;
}

/** `~ github/repos_get   inputSchema   +132 tokens (1,204 → 1,336)`: what each changed tool costs a model. */
function driftLine(item: ToolDrift): string {
  const parts = item.parts.length ? `   ${item.parts.join(", ")}` : "";
  return `${item.kind} ${item.tool}${parts}   ${tokenDelta(item.tokens.before, item.tokens.after)}`;
}

/** The sum of every changed tool's tokens, before and after. */
function driftTotal(drift: ToolDrift[]): string {
  const before = drift.reduce((sum, item) => sum + item.tokens.before, 0);
  const after = drift.reduce((sum, item) => sum + item.tokens.after, 0);
  return `= ${count(drift.length, "tool")}   ${tokenDelta(before, after)}`;
}

function tokenDelta(before: number, after: number): string {
  const delta = after - before;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  return `${sign}${Math.abs(delta).toLocaleString("en-US")} tokens (${before.toLocaleString("en-US")} → ${after.toLocaleString("en-US")})`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)}s`;
}

const USAGE = `usage:
  gateway build [--config gateway.yaml] [--check] [--reporter pretty|json] [--verbose]
  gateway serve [--config gateway.yaml] [--stdio] [--host 127.0.0.1] [--port 3000] [--mode static|dynamic] [--apps a,b] [--dialect d]
exit codes: 0 ok · 1 errors, or generated/ stale under --check · 2 bad usage
`;
