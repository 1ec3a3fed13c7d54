// Where a request's CPU time goes, per protocol era, on HTTP: the built server runs under `--cpu-prof` while a
// bare node:http caller sends it one workload (tools/call, or tools/list of the whole catalogue); the samples
// are then grouped by what they were doing. Not part of `npm run bench`:
//
//   node bin/run-ts.mjs bench/profile-eras.ts [--server dist/server.mjs] [--calls 3000] [--lists 40]
//
// Without --server it builds the GitHub spec first (as the bench does). Each era × workload gets a fresh server
// process; the runs alternate between the eras and repeat (--repeat 2), and the figures are per request.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchBuild } from "./build.js";
import { concurrentRun } from "./loops.js";
import { createProject, type BenchProject } from "./project.js";
import { callTool, listTools, modernCallTool, modernListTools, openSession, type Era } from "./raw-http.js";
import { startHttpServer } from "./server.js";
import { startUpstream } from "./upstream.js";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type Workload = "tools/call" | "tools/list";

type Rule = [string, (f: CallFrame) => boolean];
const inBundle = (f: CallFrame) => f.url.endsWith("server.mjs");
const named = (re: RegExp) => (f: CallFrame) => re.test(f.functionName);

/** Named work: a sample goes to the first of these whose frame is anywhere on its stack. */
const SPECIFIC: Rule[] = [
  ["GC", named(/^\(garbage collector\)$/)],
  ["JSON serialisation of the answer (Response.json in undici, or serializeMessage)", named(/^(serializeJavascriptValueToJSONString|serializeMessage|listJson)\d*$/)],
  ["UTF-8 encoding of the answer (TextEncoder)", (f) => f.functionName === "encodeUtf8String" || (f.functionName === "encode" && f.url.includes("encoding"))],
  ["per-request Server construction (createModernServer: new Server, handlers)", (f) => inBundle(f) && /^createModernServer\d*$/.test(f.functionName)],
  ["toWebRequest (node request → web Request, Headers)", (f) => inBundle(f) && /^toWebRequest\d*$/.test(f.functionName)],
  ["gateway tools/call (validate, upstream request, result)", (f) => inBundle(f) && /^(callTool|buildRequest|validateArgs|toResult|jsonResult)\d*$/.test(f.functionName)],
  ["gateway routing and body read (checkOrigin, readJsonBody, isModernRequest)", (f) => inBundle(f) && /^(checkOrigin|readJsonBody|isModernRequest)\d*$/.test(f.functionName)],
  ["SDK schema checks (zod parse)", (f) => inBundle(f) && f.functionName.includes("_zod")],
];
/** Everything else goes to the innermost frame that matches one of these. */
const GENERIC: Rule[] = [
  ["(program) / native", named(/^\(program\)$/)],
  ["web Request/Response/streams (undici, web streams), other", (f) => /undici|webstreams|readablestream|writablestream|event_target|abort_controller/.test(f.url)],
  ["node http / net writes and parsing", (f) => /^node:(_http|http|net|internal\/(http|net|stream_base|streams))|stream_base_commons/.test(f.url)],
  ["other JS in the bundle (SDK dispatch, transports, gateway)", inBundle],
  ["other node internals", (f) => f.url.startsWith("node:") || /^(timers|task_queues|events)/.test(f.url)],
];

const args = parseArgs(process.argv.slice(2));
const repo = fileURLToPath(new URL("..", import.meta.url));
let project: BenchProject | undefined;
let server = args.server;
if (!server) {
  project = createProject(repo);
  process.stderr.write("building the GitHub spec…\n");
  await benchBuild(repo, project, 1);
  server = project.server;
}
const upstream = await startUpstream();
const env: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith("GATEWAY_")) env[key] = value;
Object.assign(env, { GITHUB_TOKEN: "bench-token", GATEWAY_GITHUB_BASE_URL: upstream.url, GATEWAY_LOG_LEVEL: "warn" });

const totals = new Map<string, { requests: number; ms: number; buckets: Map<string, number>; top: Map<string, number> }>();
try {
  for (let r = 0; r < args.repeat; r++) {
    for (const workload of ["tools/call", "tools/list"] as const) {
      for (const era of r % 2 === 0 ? (["2025", "modern"] as const) : (["modern", "2025"] as const)) {
        const key = `${workload} ${era === "modern" ? "2026-07-28" : "2025-11-25"}`;
        process.stderr.write(`profiling ${key} (round ${r + 1})…\n`);
        const { requests, profile } = await profiled(server, env, era, workload);
        const t = totals.get(key) ?? { requests: 0, ms: 0, buckets: new Map(), top: new Map() };
        t.requests += requests;
        attribute(profile, t);
        totals.set(key, t);
      }
    }
  }
} finally {
  await upstream.close();
  project?.remove();
}

for (const [key, t] of totals) {
  process.stdout.write(`\n${key}: ${t.requests} requests, ${(t.ms / t.requests).toFixed(3)} ms of server CPU per request (idle excluded)\n`);
  for (const [bucket, ms] of [...t.buckets].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`  ${(ms / t.requests).toFixed(3).padStart(8)} ms  ${((ms / t.ms) * 100).toFixed(0).padStart(3)}%  ${bucket}\n`);
  }
  process.stdout.write(`  top functions (self time per request):\n`);
  for (const [name, ms] of [...t.top].sort((a, b) => b[1] - a[1]).slice(0, args.top)) {
    process.stdout.write(`  ${(ms / t.requests).toFixed(3).padStart(8)} ms        ${name}\n`);
  }
}

/** One server under --cpu-prof: start, warm up, the workload, stop by PID (SIGTERM writes the profile). */
async function profiled(serverPath: string, serverEnv: Record<string, string>, era: Era, workload: Workload): Promise<{ requests: number; profile: Profile }> {
  const dir = mkdtempSync(join(tmpdir(), "gateway-prof-"));
  try {
    const http = await startHttpServer(serverPath, serverEnv, [], ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    let requests = 0;
    try {
      const sessions = era === "2025" ? await Promise.all(Array.from({ length: 16 }, () => openSession(http.url, agent))) : [];
      let id = 1;
      const one = (i: number) =>
        workload === "tools/call"
          ? era === "modern"
            ? () => modernCallTool(http.url, agent, "repos_get", { owner: "octocat", repo: "hello-world" }, id++)
            : () => callTool(http.url, agent, sessions[i]!, "repos_get", { owner: "octocat", repo: "hello-world" }, id++)
          : era === "modern"
            ? () => modernListTools(http.url, agent, id++)
            : () => listTools(http.url, agent, sessions[0]!, id++);
      const count = workload === "tools/call" ? args.calls : args.lists;
      const concurrency = workload === "tools/call" ? 16 : 1;
      const run = await concurrentRun((i) => one(i), concurrency, { count, maxMs: 60_000 });
      requests = run.calls;
    } finally {
      agent.destroy();
      await http.close();
    }
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error("the server wrote no .cpuprofile");
    return { requests, profile: JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Adds the profile's samples to `into`, from the first sample that serves a request on (start-up excluded; the
 * session opening of the 2025 runs is a few ms in seconds). Idle samples are dropped.
 */
function attribute(profile: Profile, into: { ms: number; buckets: Map<string, number>; top: Map<string, number> }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number): CallFrame[] => {
    const frames: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
    return frames;
  };
  let serving = false;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]!)!.callFrame;
    if (leaf.functionName === "(idle)") continue;
    const stack = stackOf(profile.samples[i]!);
    if (!serving) {
      // The router checks every request's Origin first, whichever era it is.
      serving = stack.some((f) => /^(checkOrigin|readJsonBody)\d*$/.test(f.functionName));
      if (!serving) continue;
    }
    const bucket =
      SPECIFIC.find(([, test]) => stack.some(test))?.[0] ?? stack.map((f) => GENERIC.find(([, test]) => test(f))?.[0]).find((b) => b !== undefined) ?? "other";
    into.ms += ms;
    into.buckets.set(bucket, (into.buckets.get(bucket) ?? 0) + ms);
    const label = `${leaf.functionName || "(anonymous)"} ${leaf.url.replace(/^.*\//, "")}:${leaf.lineNumber + 1}`;
    into.top.set(label, (into.top.get(label) ?? 0) + ms);
  }
}

function parseArgs(argv: string[]): { server?: string; calls: number; lists: number; repeat: number; top: number } {
  const out: { server?: string; calls: number; lists: number; repeat: number; top: number } = { calls: 3_000, lists: 40, repeat: 2, top: 12 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i]!, argv[i + 1]];
    if (flag === "--server" && value) (out.server = value), i++;
    else if (flag === "--calls" && value) (out.calls = Number(value)), i++;
    else if (flag === "--lists" && value) (out.lists = Number(value)), i++;
    else if (flag === "--repeat" && value) (out.repeat = Number(value)), i++;
    else if (flag === "--top" && value) (out.top = Number(value)), i++;
    else {
      process.stderr.write("usage: node bin/run-ts.mjs bench/profile-eras.ts [--server dist/server.mjs] [--calls 3000] [--lists 40] [--repeat 2] [--top 12]\n");
      process.exit(2);
    }
  }
  return out;
}
