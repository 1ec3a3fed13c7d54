#!/usr/bin/env node
// `npm run conformance`: the official MCP conformance suite (@modelcontextprotocol/conformance) against a built
// gateway, one protocol era at a time:
//
//   2025-11-25  suite 0.1.16          the stateful protocol (initialize handshake, Mcp-Session-Id)
//   2026-07-28  suite 0.2.0-alpha.12  the stateless protocol (SEP-2575: per-request _meta, server/discover)
//
// Steps, each with a time limit: find or fetch Node >= 22 (the suite needs it; the gateway itself keeps running
// on this Node), install the pinned suite versions (test/conformance/suites/, npm ci), build the conformance
// gateway (test/conformance/gateway.yaml: the suite's fixture tools and prompts over a mock upstream), start the
// mock upstream and the gateway on 127.0.0.1 (free ports), run every claimed scenario of each era, then stop
// both by PID. Node, the suites and the results live under .cache/conformance/ (gitignored).
//
// Exit 1 when a claimed scenario fails (one of its checks is FAILURE) unless EXPECTED_FAILURES lists it, and
// when an EXPECTED_FAILURES entry passes (remove it: the list only shrinks). Exit 2 on bad usage.
//
//   node scripts/conformance.mjs [--era 2025-11-25|2026-07-28] [--scenario NAME] [--verbose]
//
// --verbose prints every check of every scenario. CONFORMANCE_NODE=/path/to/node uses that Node (>= 22).
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROJECT = join(ROOT, "test", "conformance");
const CACHE = join(ROOT, ".cache", "conformance");

/** The Node the suite runs on: a binary package from the npm registry (node-<platform>-<arch>, no install script). */
const NODE_VERSION = "22.23.3";

const LIMITS = {
  total: 15 * 60_000,
  install: 5 * 60_000,
  build: 2 * 60_000,
  listen: 20_000,
  scenario: 90_000,
  stop: 5_000,
};

// ── What we claim ────────────────────────────────────────────────────────────────────────────────────────────
// Each era lists the scenarios we run (claimed) and the ones we don't (notApplicable, with the reason). Every
// scenario the suite lists for the era (`conformance list --server --spec-version <era>`) must be in exactly one of
// the two: a suite upgrade that adds one stops the run until it is classified. notApplicableChecks names single
// checks of a claimed scenario that exercise a feature the gateway does not have; their failures are reported
// as n/a and never fail the run. The gateway serves tools (upstream HTTP calls) and prompts (gateway.yaml
// templates); it has no resources, no completions, no logging capability, and never sends requests to the client
// (no sampling, elicitation or roots).

const NO_RESOURCES = "the gateway serves tools and prompts only: no resources capability, resources/* are -32601";
const NO_CLIENT_REQUESTS = "the gateway never sends requests to the client: a tool is an upstream HTTP call, so no sampling, elicitation or roots";
const ONE_RESPONSE = "a tool call is one upstream HTTP response, shaped into one content item by its media type (text, image, audio or an embedded blob), never several";
const TEXT_PROMPTS = "gateway.yaml prompts are text templates: their messages carry text content only, not images or embedded resources";
const NO_COMPLETIONS = "no completions capability: prompt arguments are free text, and there are no resource templates to complete";
const NO_PROGRESS = "progress notifications are optional (MAY) and the gateway sends none: a tool call is a single upstream request with nothing to report until it answers";
const NO_LOGGING = "no logging capability: the gateway logs to stderr and never sends notifications/message";

/** Scenarios both suites list and both eras claim: tools, prompts, schemas, streams, DNS rebinding. */
const BOTH_ERAS = [
  "tools-list",
  "tools-call-simple-text",
  "tools-call-image",
  "tools-call-audio",
  "tools-call-embedded-resource",
  "tools-call-error",
  "json-schema-2020-12",
  "server-sse-multiple-streams",
  "prompts-list",
  "prompts-get-simple",
  "prompts-get-with-args",
  "dns-rebinding-protection",
];

const ERAS = [
  {
    era: "2025-11-25",
    suite: "conformance-0.1",
    claimed: ["server-initialize", "ping", ...BOTH_ERAS],
    notApplicable: {
      "logging-set-level": NO_LOGGING,
      "completion-complete": NO_COMPLETIONS,
      "tools-call-mixed-content": ONE_RESPONSE,
      "tools-call-with-logging": NO_LOGGING,
      "tools-call-with-progress": NO_PROGRESS,
      "tools-call-sampling": NO_CLIENT_REQUESTS,
      "tools-call-elicitation": NO_CLIENT_REQUESTS,
      "elicitation-sep1034-defaults": NO_CLIENT_REQUESTS,
      "elicitation-sep1330-enums": NO_CLIENT_REQUESTS,
      "server-sse-polling":
        "SEP-1699 resumption: the server closes an SSE stream mid-call (the suite's test_reconnection tool) and the client resumes with Last-Event-ID; the gateway answers a call with one JSON body (SSE only to put a list_changed first), keeps no event store, and an upstream call cannot close the client's stream (pending in the suite's own 2025-11-25 requirements too)",
      "resources-list": NO_RESOURCES,
      "resources-read-text": NO_RESOURCES,
      "resources-read-binary": NO_RESOURCES,
      "resources-templates-read": NO_RESOURCES,
      "resources-subscribe": NO_RESOURCES,
      "resources-unsubscribe": NO_RESOURCES,
      "prompts-get-embedded-resource": TEXT_PROMPTS,
      "prompts-get-with-image": TEXT_PROMPTS,
    },
    notApplicableChecks: {},
  },
  {
    era: "2026-07-28",
    suite: "conformance-0.2",
    claimed: ["server-stateless", ...BOTH_ERAS, "caching", "http-header-validation", "input-required-result-unsupported-methods"],
    notApplicable: {
      "completion-complete": NO_COMPLETIONS,
      "tools-call-mixed-content": ONE_RESPONSE,
      "tools-call-with-progress": NO_PROGRESS,
      "resources-list": NO_RESOURCES,
      "resources-read-text": NO_RESOURCES,
      "resources-read-binary": NO_RESOURCES,
      "resources-templates-read": NO_RESOURCES,
      "sep-2164-resource-not-found": NO_RESOURCES,
      "http-custom-header-server-validation":
        "SEP-2243 x-mcp-header: no gateway tool declares a parameter mirrored into an Mcp-Param-* header, and the suite reports every check as not testable without one",
      "prompts-get-embedded-resource": TEXT_PROMPTS,
      "prompts-get-with-image": TEXT_PROMPTS,
      // SEP-2322 (InputRequiredResult): each scenario calls a tool that asks the client for input. Only
      // input-required-result-unsupported-methods (no InputRequiredResult on tools/list, prompts/list) is claimed.
      "input-required-result-basic-elicitation": NO_CLIENT_REQUESTS,
      "input-required-result-basic-sampling": NO_CLIENT_REQUESTS,
      "input-required-result-basic-list-roots": NO_CLIENT_REQUESTS,
      "input-required-result-request-state": NO_CLIENT_REQUESTS,
      "input-required-result-multiple-input-requests": NO_CLIENT_REQUESTS,
      "input-required-result-multi-round": NO_CLIENT_REQUESTS,
      "input-required-result-missing-input-response": NO_CLIENT_REQUESTS,
      "input-required-result-non-tool-request": NO_CLIENT_REQUESTS,
      "input-required-result-result-type": NO_CLIENT_REQUESTS,
      "input-required-result-tampered-state": NO_CLIENT_REQUESTS,
      "input-required-result-capability-check": NO_CLIENT_REQUESTS,
      "input-required-result-ignore-extra-params": NO_CLIENT_REQUESTS,
      "input-required-result-validate-input": NO_CLIENT_REQUESTS,
      // Extensions (optional by definition; not listed under --spec-version, listed here for completeness).
      "tasks-*": "extension io.modelcontextprotocol/tasks (SEP-2663): the gateway does not offer tasks",
      "sep-2640-skills-*": "extension (SEP-2640 skills, served as resources): the gateway has no resources",
    },
    notApplicableChecks: {
      "server-stateless:sep-2575-server-rejects-undeclared-capability":
        "no gateway tool needs a client capability (the suite probes with test_missing_capability, a tool that needs sampling), so there is nothing to reject with -32021",
      "server-stateless:sep-2575-missing-capability-http-400": "the HTTP status of the -32021 above: same reason",
      "caching:sep-2549-resources-list-caching-hints": NO_RESOURCES,
      "caching:sep-2549-resources-templates-list-caching-hints": NO_RESOURCES,
    },
  },
];

// ── EXPECTED_FAILURES ────────────────────────────────────────────────────────────────────────────────────────
// Claimed scenarios known to fail today: reported loudly, never fail the run, and an entry whose scenario (or
// check) passes fails the run until it is removed. "<era> <scenario>" excuses the whole scenario;
// "<era> <scenario>:<check-id>" one check.
const EXPECTED_FAILURES = [
  // Not the stateless path but the compiler: a tool's inputSchema is built from the operation (parameters and
  // body flattened into one object, a body with root-level composition kept whole under `body`), and the body
  // schema loses $schema, $defs/$anchor (refs inlined) and if/then/else on the way. The scenario wants allOf at
  // the inputSchema's root, which is kept under `body` on purpose: Anthropic's API refuses a request whose tool
  // list has oneOf, allOf or anyOf at an input_schema's root ("input_schema does not support oneOf, allOf, or
  // anyOf at the top level", github.com/anthropics/claude-code/issues/5319), so one such tool would break every
  // call of a Claude-based client. The corpus run checks that no listed tool has one.
  "2025-11-25 json-schema-2020-12",
  "2026-07-28 json-schema-2020-12",
];

// ── Plumbing ─────────────────────────────────────────────────────────────────────────────────────────────────

const started = Date.now();
const children = new Set();
/** Set once a signal or the watchdog stops the run: what dies after that is our doing, not a finding. */
let stopping = false;

function usage(message) {
  process.stderr.write(`conformance: ${message}\nusage: node scripts/conformance.mjs [--era ${ERAS.map((e) => e.era).join("|")}] [--scenario NAME] [--verbose]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { era: null, scenario: null, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--verbose") options.verbose = true;
    else if (arg === "--era" || arg === "--scenario") {
      const value = argv[++i];
      if (!value) usage(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else if (arg === "--help" || arg === "-h") {
      log(`usage: node scripts/conformance.mjs [--era ${ERAS.map((e) => e.era).join("|")}] [--scenario NAME] [--verbose]`);
      log("Runs the official MCP conformance suite against test/conformance/gateway.yaml; see the top of this file.");
      process.exit(0);
    }
    else usage(`unknown argument "${arg}"`);
  }
  if (options.era && !ERAS.some((e) => e.era === options.era)) usage(`--era: unknown era "${options.era}"`);
  if (options.scenario && !ERAS.some((e) => (!options.era || e.era === options.era) && e.claimed.includes(options.scenario))) {
    usage(`--scenario: "${options.scenario}" is not a claimed scenario${options.era ? ` of ${options.era}` : ""}`);
  }
  return options;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

function log(line = "") {
  process.stdout.write(`${line}\n`);
}

/** Runs a command to completion with a time limit; throws with its output on failure. */
function run(command, args, { cwd = ROOT, timeout, what, env = process.env }) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  if (result.error?.code === "ETIMEDOUT" || result.signal) {
    throw new Error(`${what}: no answer within ${seconds(timeout)} (${command} ${args.join(" ")})`);
  }
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${what} exited ${result.status}:\n${`${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-30).join("\n")}`);
  }
  return result.stdout;
}

/** Starts a long-running child and resolves once `pattern` matches its stdout or stderr (first group). */
function startChild(what, command, args, { env, pattern }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    let listening = false;
    const timer = setTimeout(() => fail(`${what}: not listening after ${seconds(LIMITS.listen)}`), LIMITS.listen);
    const fail = (message) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`${message}\n${output.trim().split("\n").slice(-20).join("\n")}`));
    };
    // Output is kept after start-up too (its tail), for the report when the child dies.
    const onData = (chunk) => {
      output = (output + chunk).slice(-20_000);
      const match = listening ? null : pattern.exec(output);
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolve({ child, value: match[1], output: () => output });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    child.on("error", (error) => fail(`${what}: ${error.message}`));
    child.on("exit", (code, signal) => {
      children.delete(child);
      fail(`${what} exited (${signal ?? code}) before listening`);
    });
  });
}

/** SIGTERM each child we started, by PID; SIGKILL what is still there after LIMITS.stop. */
async function stopAll() {
  const waiting = [...children].map(
    (child) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => {
          try {
            process.kill(child.pid, "SIGKILL");
          } catch {}
          resolve();
        }, LIMITS.stop);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        try {
          process.kill(child.pid, "SIGTERM");
        } catch {
          clearTimeout(timer);
          resolve();
        }
      }),
  );
  await Promise.all(waiting);
  children.clear();
}

// ── Node >= 22 and the suites ────────────────────────────────────────────────────────────────────────────────

function nodeMajor(node) {
  const version = run(node, ["--version"], { timeout: 20_000, what: `${node} --version` }).trim();
  return { version, major: Number(/^v(\d+)\./.exec(version)?.[1] ?? 0) };
}

/** CONFORMANCE_NODE, else this Node when it is >= 22, else node-<platform>-<arch>@NODE_VERSION from the registry. */
function locateNode() {
  if (process.env.CONFORMANCE_NODE) {
    const { version, major } = nodeMajor(process.env.CONFORMANCE_NODE);
    if (major < 22) throw new Error(`CONFORMANCE_NODE=${process.env.CONFORMANCE_NODE} is Node ${version}; the suite needs >= 22`);
    return { node: process.env.CONFORMANCE_NODE, version, how: "CONFORMANCE_NODE" };
  }
  if (Number(process.versions.node.split(".")[0]) >= 22) return { node: process.execPath, version: process.version, how: "this Node" };
  const platform = process.platform === "win32" ? "win" : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const prefix = join(CACHE, `node-v${NODE_VERSION}`);
  const node = join(prefix, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  let how = "cached";
  if (!existsSync(node)) {
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true });
    const t0 = Date.now();
    run("npm", ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `${pkg}@${NODE_VERSION}`], {
      timeout: LIMITS.install,
      what: `npm install ${pkg}@${NODE_VERSION}`,
    });
    how = `npm install ${pkg}@${NODE_VERSION} (${seconds(Date.now() - t0)})`;
  }
  const { version, major } = nodeMajor(node);
  if (major < 22) throw new Error(`${node} is Node ${version}; expected ${NODE_VERSION}`);
  return { node, version, how };
}

/** npm ci of test/conformance/suites/ into .cache/conformance/suites/, redone when the lockfile changes. */
function installSuites() {
  const source = join(PROJECT, "suites");
  const target = join(CACHE, "suites");
  const lock = readFileSync(join(source, "package-lock.json"), "utf8");
  const installed = join(target, "node_modules", ".package-lock.json");
  if (existsSync(installed) && existsSync(join(target, "package-lock.json")) && readFileSync(join(target, "package-lock.json"), "utf8") === lock) {
    return { dir: target, how: "cached" };
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  copyFileSync(join(source, "package.json"), join(target, "package.json"));
  copyFileSync(join(source, "package-lock.json"), join(target, "package-lock.json"));
  const t0 = Date.now();
  run("npm", ["ci", "--prefix", target, "--no-audit", "--no-fund", "--loglevel=error"], { timeout: LIMITS.install, what: "npm ci (conformance suites)" });
  return { dir: target, how: `npm ci (${seconds(Date.now() - t0)})` };
}

function suiteCli(suitesDir, suite) {
  const pkg = JSON.parse(readFileSync(join(suitesDir, "node_modules", suite, "package.json"), "utf8"));
  return { cli: join(suitesDir, "node_modules", suite, pkg.bin.conformance), version: pkg.version };
}

// ── Scenarios ────────────────────────────────────────────────────────────────────────────────────────────────

/** The scenarios the suite itself lists for an era; each must be claimed or not applicable. */
function checkClassification(node, cli, era) {
  const listed = [...run(node, [cli, "list", "--server", "--spec-version", era.era], { timeout: 30_000, what: `conformance list (${era.era})` }).matchAll(/^\s*- (\S+)/gm)].map((m) => m[1]);
  const notApplicable = Object.keys(era.notApplicable);
  const matchesNa = (name) => notApplicable.some((pattern) => (pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
  const problems = [];
  for (const name of listed) {
    if (!era.claimed.includes(name) && !matchesNa(name)) problems.push(`${name}: listed by the suite for ${era.era} but neither claimed nor not applicable`);
    if (era.claimed.includes(name) && matchesNa(name)) problems.push(`${name}: both claimed and not applicable`);
  }
  for (const name of era.claimed) if (!listed.includes(name)) problems.push(`${name}: claimed but not listed by the suite for ${era.era}`);
  if (problems.length > 0) throw new Error(`scenario tables of scripts/conformance.mjs are out of date:\n  ${problems.join("\n  ")}`);
  return listed.length;
}

const SEVERITY = { FAILURE: 4, WARNING: 3, SKIPPED: 2, SUCCESS: 1, INFO: 0 };

/** One scenario, in its own results folder; resolves to its checks collapsed by id (worst status wins). */
function runScenario(node, cli, era, scenario, url, resultsDir) {
  const out = join(resultsDir, scenario);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const args = [cli, "server", "--url", url, "--scenario", scenario, "--spec-version", era.era, "-o", out];
  return new Promise((resolve) => {
    const child = spawn(node, args, { cwd: out, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    children.add(child);
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (output = (output + chunk).slice(-50_000)));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (output = (output + chunk).slice(-50_000)));
    const timer = setTimeout(() => {
      output += `\n(no result within ${seconds(LIMITS.scenario)}: killed)`;
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {}
    }, LIMITS.scenario);
    child.on("exit", () => {
      clearTimeout(timer);
      children.delete(child);
      const dirs = readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory());
      const file = dirs.length === 1 ? join(out, dirs[0].name, "checks.json") : null;
      if (!file || !existsSync(file)) {
        resolve({ checks: [{ id: "(no checks.json)", status: "FAILURE", errorMessage: `the suite wrote no results:\n${output.trim().split("\n").slice(-15).join("\n")}` }] });
        return;
      }
      const byId = new Map();
      for (const check of JSON.parse(readFileSync(file, "utf8"))) {
        const seen = byId.get(check.id);
        if (!seen) byId.set(check.id, { ...check, messages: check.errorMessage ? [check.errorMessage] : [] });
        else {
          if (check.errorMessage && !seen.messages.includes(check.errorMessage)) seen.messages.push(check.errorMessage);
          if ((SEVERITY[check.status] ?? 0) > (SEVERITY[seen.status] ?? 0)) seen.status = check.status;
        }
      }
      resolve({ checks: [...byId.values()], file });
    });
  });
}

/** What a scenario's checks come to under the tables above. */
function judge(era, scenario, checks) {
  const expectedScenario = EXPECTED_FAILURES.includes(`${era.era} ${scenario}`);
  const verdicts = checks.map((check) => {
    const key = `${scenario}:${check.id}`;
    const na = era.notApplicableChecks[key];
    const expectedCheck = EXPECTED_FAILURES.includes(`${era.era} ${key}`);
    let verdict;
    if (check.status === "FAILURE") verdict = na ? "n/a" : expectedScenario || expectedCheck ? "expected" : "failed";
    else if (check.status === "WARNING") verdict = "warning";
    else if (check.status === "SKIPPED") verdict = "skipped";
    else verdict = "ok";
    if (expectedCheck && check.status === "SUCCESS") verdict = "stale";
    return { ...check, verdict, na };
  });
  const failing = verdicts.filter((v) => v.verdict === "failed" || v.verdict === "expected");
  let status;
  if (verdicts.some((v) => v.verdict === "failed" || v.verdict === "stale")) status = "failed";
  else if (failing.length > 0) status = "expected";
  else if (expectedScenario) status = "stale";
  else status = "passed";
  return { status, verdicts };
}

function printScenario(era, scenario, result, verbose) {
  const mark = { passed: "✓", failed: "✗", expected: "⚠", stale: "✗" }[result.status];
  const counts = {};
  for (const v of result.verdicts) counts[v.verdict] = (counts[v.verdict] ?? 0) + 1;
  const summary = Object.entries(counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  const label = {
    passed: "",
    failed: "  FAILED",
    expected: "  EXPECTED FAILURE (EXPECTED_FAILURES)",
    stale: `  PASSES NOW: remove "${era.era} ${scenario}" from EXPECTED_FAILURES`,
  }[result.status];
  log(`  ${mark} ${scenario} (${summary})${label}`);
  for (const v of result.verdicts) {
    const show = verbose || v.verdict === "failed" || v.verdict === "expected" || v.verdict === "stale" || v.verdict === "warning" || v.verdict === "n/a";
    if (!show) continue;
    const tag = { failed: "FAIL", expected: "expected", stale: `PASSES NOW: remove "${era.era} ${scenario}:${v.id}"`, warning: "warning", "n/a": "n/a", ok: "ok", skipped: "skipped" }[v.verdict];
    const message = v.verdict === "n/a" ? v.na : v.messages?.join(" | ") || "";
    log(`      ${tag.padEnd(8)} ${v.id}${message ? `: ${message.replace(/\s+/g, " ").slice(0, 400)}` : ""}`);
  }
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const eras = ERAS.filter((e) => !options.era || e.era === options.era);
  mkdirSync(CACHE, { recursive: true });

  const node = locateNode();
  log(`conformance: suite on Node ${node.version} (${node.how}: ${node.node}); gateway on Node ${process.version}`);
  const suites = installSuites();
  log(`conformance: suites ${suites.how} in ${suites.dir}`);

  const built = run(process.execPath, [join(ROOT, "bin", "gateway.mjs"), "build", "--config", join(PROJECT, "gateway.yaml")], {
    timeout: LIMITS.build,
    what: "gateway build (test/conformance/gateway.yaml)",
  });
  log(`conformance: ${built.trim().split("\n")[0]}`);

  const upstream = await startChild("mock upstream", process.execPath, [join(PROJECT, "upstream.mjs"), "0"], {
    env: process.env,
    pattern: /listening on (http:\/\/\S+)/,
  });
  const gateway = await startChild("gateway", process.execPath, [join(PROJECT, "dist", "server.mjs"), "--host", "127.0.0.1", "--port", "0"], {
    env: { ...process.env, GATEWAY_FIXTURES_BASE_URL: upstream.value },
    pattern: /listening on (http:\/\/\S+)/,
  });
  log(`conformance: mock upstream ${upstream.value} (pid ${upstream.child.pid}), gateway ${gateway.value} (pid ${gateway.child.pid})`);

  const totals = { passed: 0, failed: 0, expected: 0, stale: 0 };
  const eraLines = [];
  for (const era of eras) {
    const { cli, version } = suiteCli(suites.dir, era.suite);
    const listed = checkClassification(node.node, cli, era);
    const scenarios = era.claimed.filter((s) => !options.scenario || s === options.scenario);
    log("");
    log(`── ${era.era} · @modelcontextprotocol/conformance ${version} · ${scenarios.length} claimed of ${listed} listed, ${Object.keys(era.notApplicable).length} not applicable`);
    const resultsDir = join(CACHE, "results", era.era);
    const counts = { passed: 0, failed: 0, expected: 0, stale: 0 };
    const checkCounts = {};
    const observed = new Set();
    const te = Date.now();
    for (const scenario of scenarios) {
      const { checks } = await runScenario(node.node, cli, era, scenario, gateway.value, resultsDir);
      if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) {
        throw new Error(`the gateway exited (${gateway.child.signalCode ?? gateway.child.exitCode}) during ${era.era} ${scenario}:\n${gateway.output().trim().split("\n").slice(-20).join("\n")}`);
      }
      const result = judge(era, scenario, checks);
      counts[result.status]++;
      for (const v of result.verdicts) checkCounts[v.verdict] = (checkCounts[v.verdict] ?? 0) + 1;
      printScenario(era, scenario, result, options.verbose);
      for (const check of checks) observed.add(`${scenario}:${check.id}`);
    }
    // A check-level entry whose check never showed up is tolerated (a scenario that bails early never reaches its
    // later checks), and said.
    for (const entry of EXPECTED_FAILURES) {
      const [entryEra, key] = entry.split(" ");
      if (entryEra !== era.era || !key.includes(":") || !scenarios.includes(key.split(":")[0]) || observed.has(key)) continue;
      log(`  note: EXPECTED_FAILURES entry "${entry}": the check was not reported this run`);
    }
    const line = `${era.era}: ${counts.passed} passed, ${counts.failed + counts.stale} failed, ${counts.expected} expected failures of ${scenarios.length} claimed scenarios; checks: ${Object.entries(checkCounts)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ")} [${seconds(Date.now() - te)}]`;
    log(line);
    eraLines.push(line);
    for (const k of Object.keys(totals)) totals[k] += counts[k];
  }

  await stopAll();
  log("");
  for (const line of eraLines) log(`conformance ${line}`);
  const ran = new Set(eras.map((e) => e.era));
  const listedExpected = EXPECTED_FAILURES.filter((entry) => ran.has(entry.split(" ")[0]));
  if (listedExpected.length > 0) {
    log("");
    log(`!! EXPECTED_FAILURES (scripts/conformance.mjs) holds ${listedExpected.length} entries: these claimed scenarios are known to fail and`);
    log(`!! do not fail this run (each says why where it is listed):`);
    for (const entry of listedExpected) log(`!!   ${entry}`);
  }
  if (totals.stale > 0) log(`conformance: ${totals.stale} EXPECTED_FAILURES entr${totals.stale === 1 ? "y passes" : "ies pass"} now: remove ${totals.stale === 1 ? "it" : "them"} from the list`);
  log(`conformance: done in ${seconds(Date.now() - started)}`);
  log(`conformance: ${totals.passed} passed, ${totals.failed + totals.stale} failed`);
  return totals.failed + totals.stale > 0 ? 1 : 0;
}

const watchdog = setTimeout(async () => {
  stopping = true;
  process.stderr.write(`conformance: not done after ${seconds(LIMITS.total)}; stopping\n`);
  await stopAll();
  process.exit(1);
}, LIMITS.total);
watchdog.unref();

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    stopping = true;
    process.stderr.write(`conformance: ${signal}; stopping\n`);
    await stopAll();
    process.exit(130);
  });
}

main().then(
  async (code) => {
    if (stopping) return;
    await stopAll();
    process.exit(code);
  },
  async (error) => {
    if (stopping) return;
    process.stderr.write(`conformance: ${error.message}\n`);
    await stopAll();
    process.exit(1);
  },
);
