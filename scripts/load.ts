// `npm run load`: 200 concurrent 2025-era HTTP sessions calling tools for 60 s against a loopback upstream, then
// 10,000 idle sessions opened and expired with the server's memory read before, at peak and after expiry + GC
// (bench/load.ts says how). Flags shrink or grow both; exit 1 on any error or memory not back to its baseline.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildLoadProject, busy, DEFAULT_PLAN, describe, idle, verdict, type BusyResult, type IdleResult, type LoadPlan } from "../bench/load.js";
import { startUpstream } from "../bench/upstream.js";

const { plan, json, only } = parseArgs(process.argv.slice(2));
const repo = fileURLToPath(new URL("..", import.meta.url));
process.stderr.write(`load: building the GitHub spec…\n`);
const project = await buildLoadProject(repo, plan.idleTimeoutMs);
const upstream = await startUpstream();
let b: BusyResult | undefined;
let i: IdleResult | undefined;
try {
  if (only !== "idle") {
    process.stderr.write(`load: ${plan.sessions} sessions calling for ${plan.seconds} s…\n`);
    b = await busy(project, upstream, plan);
  }
  if (only !== "busy") {
    process.stderr.write(`load: ${plan.idle} idle sessions, idle timeout ${plan.idleTimeoutMs} ms…\n`);
    i = await idle(project, upstream, plan);
  }
} finally {
  await upstream.close();
  project.remove();
}
process.stdout.write(describe(b, i) + "\n");
if (json) writeFileSync(json, JSON.stringify({ plan, busy: b, idle: i }, null, 2) + "\n");
const problems = verdict(b, i);
for (const p of problems) process.stderr.write(`load: FAIL ${p}\n`);
if (problems.length > 0) process.exitCode = 1;

function parseArgs(argv: string[]): { plan: LoadPlan; json?: string; only?: "busy" | "idle" } {
  const plan = { ...DEFAULT_PLAN };
  const out: { plan: LoadPlan; json?: string; only?: "busy" | "idle" } = { plan };
  for (let k = 0; k < argv.length; k++) {
    const [flag, value] = [argv[k]!, argv[k + 1]];
    const num = () => {
      k++;
      const n = Number(value);
      if (!(Number.isFinite(n) && n > 0)) usage();
      return n;
    };
    if (flag === "--sessions") plan.sessions = num();
    else if (flag === "--seconds") plan.seconds = num();
    else if (flag === "--idle") plan.idle = num();
    else if (flag === "--idle-timeout-ms") plan.idleTimeoutMs = num();
    else if (flag === "--only" && (value === "busy" || value === "idle")) out.only = (k++, value);
    else if (flag === "--json" && value) out.json = (k++, value);
    else usage();
  }
  return out;
}

function usage(): never {
  process.stderr.write("usage: npm run load -- [--sessions 200] [--seconds 60] [--idle 10000] [--idle-timeout-ms 2000] [--only busy|idle] [--json out.json]\n");
  process.exit(2);
}

