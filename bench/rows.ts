// Turns each section's measurements into report rows, with the target each figure is held to beside it.

import type { BuildRun, RssSource } from "./build.js";
import type { ColdStart } from "./cold-start.js";
import type { DynamicResult } from "./dynamic.js";
import type { IdleSessions } from "./idle-sessions.js";
import type { LatencyPlan, LatencyResult, PathResult } from "./latency.js";
import { atLeast, atMost, fmt, row, type Row } from "./report.js";
import { summarize } from "./stats.js";

const BUILD = "Build — GitHub REST, clean build (generated/ and dist/ deleted), real CLI";
const SERVER = "Server — GitHub build, loopback upstream";
const DYNAMIC = "Dynamic mode — GitHub build over HTTP";

/** Estimated tokens of a JSON payload: bytes / 4. */
export const tokens = (bytes: number) => Math.round(bytes / 4);

export function buildRows({ runs, rssSource }: { runs: BuildRun[]; rssSource: RssSource }): Row[] {
  const wall = summarize(runs.map((r) => r.wallMs / 1000));
  const rss = Math.max(...runs.map((r) => r.peakRssMb ?? NaN));
  return [
    row(BUILD, `wall time, best of ${runs.length}`, wall.best, "s", `${fmt(wall.best, 2)} s`, atMost(3, "≤ 3 s")),
    row(BUILD, `wall time, median of ${runs.length}`, wall.p50, "s", `${fmt(wall.p50, 2)} s`, atMost(3, "≤ 3 s")),
    row(BUILD, "peak RSS (max of runs)", rss, "MB", `${fmt(rss)} MB`, atMost(300, "≤ 300 MB"), `via ${rssSource}`),
    row(BUILD, "CLI summary", NaN, "", "", undefined, runs[runs.length - 1]?.summary ?? ""),
  ];
}

export function serverRows(cold: ColdStart, lat: LatencyResult, plan: LatencyPlan): Row[] {
  const start = summarize(cold.minimalMs);
  const sdk = summarize(cold.samplesMs);
  const rss = summarize(cold.rssMb).p50;
  const addedStdio = lat.stdio.latency.p50 - lat.direct.latency.p50;
  const addedHttp = lat.http.latency.p50 - lat.direct.latency.p50;
  const addedRaw = lat.httpRaw.latency.p50 - lat.direct.latency.p50;
  const ratio = (p: PathResult) => p.throughput.perSecond / lat.direct.throughput.perSecond;
  const rows = [
    row(SERVER, `cold start stdio, best of ${start.n}`, start.best, "ms", `${fmt(start.best)} ms`, atMost(150, "≤ 150 ms"), "spawn → initialize → tools/list read, minimal client"),
    row(SERVER, `cold start stdio, median of ${start.n}`, start.p50, "ms", `${fmt(start.p50)} ms`, atMost(150, "≤ 150 ms"),
      `bare \`node -e 0\` ${fmt(summarize(cold.nodeMs).p50)} ms`),
    row(SERVER, `cold start stdio with the SDK Client, best / median`, sdk.p50, "ms", `${fmt(sdk.best)} / ${fmt(sdk.p50)} ms`, undefined,
      `of which spawn → initialize ${fmt(summarize(cold.initMs).p50)} ms; includes the client's reading of the list`),
    row(SERVER, "SDK client tools/list schema check", cold.sdkParseMs, "ms", `${fmt(cold.sdkParseMs)} ms`, undefined,
      cold.sdkRejected === 0 ? `client side, not in cold start; all ${fmt(cold.tools)} tools accepted` : `client side; ${cold.sdkRejected} tools REJECTED by the SDK schema`),
    row(SERVER, "RSS after tools/list (median)", rss, "MB", `${fmt(rss, 1)} MB`, atMost(80, "≤ 80 MB"), "/proc/<pid>/status VmRSS"),
    row(SERVER, "tools/list", cold.tools, "tools", `${fmt(cold.tools)} tools`),
    row(SERVER, "tools/list size", cold.listBytes, "bytes", `${fmt(cold.listBytes)} B`, undefined, `≈ ${fmt(tokens(cold.listBytes))} tokens (bytes/4)`),
  ];
  for (const [name, path] of [["direct HTTP", lat.direct], ["stdio", lat.stdio], ["HTTP", lat.http], ["HTTP, bare node:http caller", lat.httpRaw]] as const) {
    const l = path.latency;
    rows.push(row(SERVER, `${plan.tool} p50 / p99, ${name}`, l.p50, "ms", `${fmt(l.p50, 3)} / ${fmt(l.p99, 3)} ms`, undefined, `${fmt(l.n)} sequential calls`));
  }
  rows.push(
    row(SERVER, "added latency p50, stdio", addedStdio, "ms", `${fmt(addedStdio, 3)} ms`, atMost(0.25, "≤ 0.25 ms")),
    row(SERVER, "added latency p50, HTTP", addedHttp, "ms", `${fmt(addedHttp, 3)} ms`, atMost(1, "≤ 1 ms"), "SDK Client"),
    row(SERVER, "added latency p50, HTTP bare caller", addedRaw, "ms", `${fmt(addedRaw, 3)} ms`, undefined, "same server, node:http caller: SDK client share removed"),
  );
  const thr = (name: string, p: PathResult, target?: ReturnType<typeof atLeast>) =>
    row(SERVER, `throughput ×${plan.concurrency}, ${name}`, target ? ratio(p) * 100 : p.throughput.perSecond, target ? "%" : "calls/s",
      `${fmt(p.throughput.perSecond)}/s${p === lat.direct ? "" : ` = ${fmt(ratio(p) * 100)}%`}`, target,
      `${fmt(p.throughput.calls)} calls in ${fmt(p.throughput.ms / 1000, 1)} s${p.throughput.capped ? " (time cap hit)" : ""}`);
  rows.push(
    thr("direct HTTP", lat.direct),
    thr("stdio", lat.stdio, atLeast(90, "≥ 90% of direct")),
    thr("HTTP", lat.http, atLeast(40, "≥ 40% of direct")),
    thr("HTTP, bare node:http caller", lat.httpRaw),
    row(SERVER, "upstream requests / calls made", lat.upstreamRequests, "", `${fmt(lat.upstreamRequests)} / ${fmt(lat.callsMade)}`),
  );
  return rows;
}

export function dynamicRows(result: DynamicResult): Row[] {
  if (result.kind === "skipped") return [row(DYNAMIC, "dynamic mode", NaN, "", "skipped", undefined, result.note)];
  const t = tokens(result.listBytes);
  const rows = [
    row(DYNAMIC, "initial tools/list (?mode=dynamic)", t, "tokens", `${fmt(t)} tokens`, atMost(1000, "≤ 1,000 tokens"), `${fmt(result.listBytes)} B: ${result.listed.join(", ")}`),
  ];
  if (result.enable) {
    rows.push(row(DYNAMIC, "enable-tools (1 tool) p50 / p99", result.enable.p50, "ms", `${fmt(result.enable.p50, 2)} / ${fmt(result.enable.p99, 2)} ms`, undefined, `${result.enable.n} rounds, ${result.enableMethod}`));
  } else {
    rows.push(row(DYNAMIC, "enable-tools", NaN, "", "skipped", undefined, result.note));
  }
  return rows;
}

export function sessionRows(idle: IdleSessions, asked: number): Row[] {
  return [
    row(DYNAMIC, `memory per idle session`, idle.perSessionKb, "KB", `${fmt(idle.perSessionKb, 1)} KB`, atMost(20, "≤ 20 KB"),
      `${fmt(idle.opened)}/${fmt(asked)} sessions opened (${fmt(idle.failed)} failed) at ${fmt(idle.rate.perSecond)}/s; RSS ${fmt(idle.rssBeforeMb, 1)} → ${fmt(idle.rssAfterMb, 1)} MB`),
  ];
}
