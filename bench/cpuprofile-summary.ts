// Where a server's CPU time went, from a `node --cpu-prof` profile: self time by coarse group (gateway runtime,
// MCP SDK, zod, web Request/Response, node internals, syscalls, GC), by source module and by function. Modules
// inside the bundle are named from esbuild's `// path` comments, which only a readable bundle has:
//
//   GATEWAY_READABLE_BUNDLE=1 node bin/gateway.mjs build --config <project>/gateway.yaml
//   node --cpu-prof --cpu-prof-dir=/tmp/prof <project>/dist/server.mjs …   (profile-eras.ts does this for HTTP)
//   node bin/run-ts.mjs bench/cpuprofile-summary.ts /tmp/prof/CPU….cpuprofile <project>/dist/server.mjs \
//     [--requests 3000] [--from 'readJsonBody|callTool'] [--top 25]
//
// --requests divides every figure by the requests served (ms per request); --from skips the samples before the
// first one whose stack has a function matching it (start-up). The profiler samples wall time while the thread is
// not idle: on a busy machine a syscall that wakes another process (a socket or pipe write) also collects the time
// the scheduler gave that process, so compare groups within one profile, and profiles taken together.

import { readFileSync } from "node:fs";
import { basename } from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const { profilePath, bundlePath, requests, from, top } = parseArgs(process.argv.slice(2));
const profile = JSON.parse(readFileSync(profilePath, "utf8")) as Profile;
const bundleName = basename(bundlePath);
const moduleStarts = bundleModules(readFileSync(bundlePath, "utf8"));

const GROUPS: [string, (module: string) => boolean][] = [
  ["gateway runtime/", (m) => m.startsWith("runtime/") || m.startsWith("generated/")],
  ["zod (the SDK's schema checks)", (m) => m.includes("/zod/")],
  ["MCP SDK (dispatch, per-request entry, transports)", (m) => m.includes("@modelcontextprotocol/")],
  ["ajv (a tool's validator, compiled at its first call)", (m) => m.includes("/ajv") || m.includes("fast-uri")],
  ["prom-client", (m) => m.includes("prom-client")],
  ["web Request/Response/streams, AbortSignal, TextEncoder/Decoder (at start: the loader decoding the bundle)", (m) => /undici|webstreams|event_target|abort_controller|js_transferable|encoding/.test(m)],
  ["node internals (http, net, streams, events, timers)", (m) => m.startsWith("node:")],
  ["native (socket and pipe writes, JSON.parse, …)", (m) => m === "(native)"],
  ["GC", (m) => m === "(garbage collector)"],
  ["(program)", (m) => m === "(program)"],
];

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const groups = new Map<string, number>();
const modules = new Map<string, number>();
const functions = new Map<string, number>();
let total = 0;
let serving = from === undefined;
for (let i = 0; i < profile.samples.length; i++) {
  const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const leaf = byId.get(profile.samples[i]!)!.callFrame;
  if (leaf.functionName === "(idle)") continue;
  if (!serving) {
    for (let at: number | undefined = profile.samples[i]; at !== undefined && !serving; at = parent.get(at)) serving = from!.test(byId.get(at)!.callFrame.functionName);
    if (!serving) continue;
  }
  const module = moduleOf(leaf);
  const group = GROUPS.find(([, test]) => test(module))?.[0] ?? "other (bundle glue)";
  total += ms;
  add(groups, group, ms);
  add(modules, module, ms);
  add(functions, `${leaf.functionName || "(anonymous)"}  ${module}:${leaf.lineNumber + 1}`, ms);
}

const per = requests ?? 1;
const line = (ms: number, label: string) => `${(ms / per).toFixed(3).padStart(9)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${label}\n`;
process.stdout.write(`${(total / per).toFixed(3)} ms of CPU (idle excluded)${requests ? ` per request, ${requests} requests` : ""}\n`);
for (const [title, map] of [["by group", groups], ["by module", modules], ["by function", functions]] as const) {
  process.stdout.write(`-- self time ${title}\n`);
  for (const [label, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, title === "by group" ? Infinity : top)) process.stdout.write(line(ms, label));
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** Line numbers (0-based) where each bundled module starts, from esbuild's `// path` comments. */
function bundleModules(source: string): [number, string][] {
  const starts: [number, string][] = [];
  source.split("\n").forEach((text, line) => {
    const match = /^\/\/ ((?:\.\.\/)*[^ ]+\.(?:ts|js|mjs|cjs|json))$/.exec(text);
    if (match) starts.push([line, tidy(match[1]!)]);
  });
  return starts;
}

/** `../../work/x/node_modules/zod/v4/core/core.js` → `node_modules/zod/v4/core/core.js`; `…/runtime/call.ts` → `runtime/call.ts`. */
function tidy(path: string): string {
  const inModules = path.lastIndexOf("node_modules/");
  if (inModules >= 0) return path.slice(inModules).replace(/\/dist\/[^/]*$/, "/dist");
  const runtime = path.search(/(runtime|generated)\//);
  return runtime >= 0 ? path.slice(runtime) : path.replace(/^(\.\.\/)+/, "");
}

function moduleOf(frame: CallFrame): string {
  if (frame.url.endsWith(bundleName)) {
    let lo = 0;
    let hi = moduleStarts.length - 1;
    let found = "(bundle, before the first module)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (moduleStarts[mid]![0] <= frame.lineNumber) {
        found = moduleStarts[mid]![1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
  if (!frame.url) return frame.functionName.startsWith("(") && frame.functionName !== "(anonymous)" ? frame.functionName : "(native)";
  return frame.url.replace(/^.*node_modules\//, "node_modules/");
}

function parseArgs(argv: string[]): { profilePath: string; bundlePath: string; requests?: number; from?: RegExp; top: number } {
  const [profilePath, bundlePath, ...rest] = argv;
  const out: { profilePath: string; bundlePath: string; requests?: number; from?: RegExp; top: number } = { profilePath: profilePath!, bundlePath: bundlePath!, top: 25 };
  let bad = false;
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag === "--requests" && value) out.requests = Number(value);
    else if (flag === "--from" && value) out.from = new RegExp(value);
    else if (flag === "--top" && value) out.top = Number(value);
    else bad = true;
  }
  if (bad || !profilePath || !bundlePath) {
    process.stderr.write("usage: node bin/run-ts.mjs bench/cpuprofile-summary.ts <file.cpuprofile> <server.mjs> [--requests N] [--from regex] [--top N]\n");
    process.exit(2);
  }
  return out;
}
