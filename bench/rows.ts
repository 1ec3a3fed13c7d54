// Turns each section's measurements into report rows, with the target each figure is held to beside it.

import type { BuildRun, RssSource } from "./build.js";
import type { ColdStart } from "./cold-start.js";
import type { DynamicResult } from "./dynamic.js";
import type { IdleSessions } from "./idle-sessions.js";
import type { LatencyPlan, LatencyResult, PathResult } from "./latency.js";
import { atLeast, atMost, fmt, reported, row, type Row } from "./report.js";
import { summarize, type Summary } from "./stats.js";

const BUILD = "Build — GitHub REST, clean build (generated/ and dist/ deleted), real CLI";
const SERVER = "Server, 2025-11-25 era (initialize, sessions) — GitHub build, loopback upstream";
const MODERN = "Server, 2026-07-28 era (stateless, per request) — same build, upstream, direct baseline and HTTP server process";
const DYNAMIC = "Dynamic mode — GitHub build over HTTP";


export function buildRows({ runs, rssSource }: { runs: BuildRun[]; rssSource: RssSource }): Row[] {
  const wall = summarize(runs.map((r) => r.wallMs / 1000));
  const rss = Math.max(...runs.map((r) => r.peakRssMb ?? NaN));
  return [
    row(BUILD, `wall time, best of ${runs.length}`, wall.best, "s", `${fmt(wall.best, 2)} s`, atMost(3, "≤ 3 s")),
    row(BUILD, `wall time, median of ${runs.length}`, wall.p50, "s", `${fmt(wall.p50, 2)} s`, atMost(3, "≤ 3 s")),
    row(BUILD, "peak RSS (max of runs)", rss, "MB", `${fmt(rss)} MB`, atMost(300, "≤ 300 MB"), `via ${rssSource}`),
    row(BUILD, "CLI summary", NaN, "", "", undefined, runs[runs.length - 1]?.summary ?? ""),
    reported(BUILD, "dist/server.mjs size", runs[runs.length - 1]?.serverBytes ?? NaN, "bytes", `${fmt(runs[runs.length - 1]?.serverBytes ?? NaN)} B`,
      "the server bundle: runtime, SDK, generated tools"),
  ];
}

/** Tools of a GraphQL build by the root type of their field, from its manifest's sources (`…#Query.repository`). */
export interface RootSplit {
  query: number;
  mutation: number;
}

/** The split of `manifest` (generated/manifest.json as text). */
export function rootSplitOf(manifest: string): RootSplit {
  const sources = (JSON.parse(manifest) as { tools: { source: string }[] }).tools.map((t) => t.source);
  return { query: sources.filter((s) => s.includes("#Query.")).length, mutation: sources.filter((s) => s.includes("#Mutation.")).length };
}

/**
 * A GitHub GraphQL build (`label`: the schema's form, SDL or introspection JSON) beside the REST one: the same
 * measurements, its tool count and how it splits into Query and Mutation fields, held to no target (none is set).
 */
export function graphqlBuildRows(label: string, { runs, rssSource }: { runs: BuildRun[]; rssSource: RssSource }, split?: RootSplit): Row[] {
  const section = `Build — GitHub GraphQL ${label}, a tool per Query and Mutation field, clean build, real CLI`;
  const wall = summarize(runs.map((r) => r.wallMs / 1000));
  const rss = Math.max(...runs.map((r) => r.peakRssMb ?? NaN));
  const last = runs[runs.length - 1];
  const tools = toolCount(last?.summary ?? "");
  const work = label === "SDL" ? "SDL parse and repair" : "introspection read, printed as SDL, parsed and repaired";
  return [
    reported(section, `wall time, best of ${runs.length}`, wall.best, "s", `${fmt(wall.best, 2)} s`),
    reported(section, `wall time, median of ${runs.length}`, wall.p50, "s", `${fmt(wall.p50, 2)} s`, `${work}, selection rules, validation of every document, emit, bundle`),
    reported(section, "peak RSS (max of runs)", rss, "MB", `${fmt(rss)} MB`, `via ${rssSource}`),
    reported(section, "tools", tools, "tools", `${fmt(tools)} tools`, split ? `${fmt(split.query)} Query fields, ${fmt(split.mutation)} Mutation fields` : undefined),
    row(section, "CLI summary", NaN, "", "", undefined, last?.summary ?? ""),
    reported(section, "dist/server.mjs size", last?.serverBytes ?? NaN, "bytes", `${fmt(last?.serverBytes ?? NaN)} B`),
  ];
}

/** A clean build of one more real spec (Stripe, Kubernetes, Microsoft Graph): time, peak RSS, tools; no target is set. */
export function specBuildRows(name: string, { runs, rssSource }: { runs: BuildRun[]; rssSource: RssSource }, specBytes: number, note = ""): Row[] {
  const section = `Build — ${name} (${fmt(specBytes / 2 ** 20, 1)} MB spec), clean build, real CLI`;
  const wall = summarize(runs.map((r) => r.wallMs / 1000));
  const rss = Math.max(...runs.map((r) => r.peakRssMb ?? NaN));
  const last = runs[runs.length - 1];
  return [
    reported(section, `wall time, median of ${runs.length}`, wall.p50, "s", `${fmt(wall.p50, 2)} s`, note || undefined),
    reported(section, "peak RSS (max of runs)", rss, "MB", `${fmt(rss)} MB`, `via ${rssSource}`),
    reported(section, "tools", toolCount(last?.summary ?? ""), "tools", `${fmt(toolCount(last?.summary ?? ""))} tools`,
      `dist/server.mjs ${fmt((last?.serverBytes ?? NaN) / 2 ** 20, 1)} MB`),
  ];
}

/** The tool count of a CLI summary line (`✔ 278 tools from 1 spec → …`); NaN when it has none. */
export function toolCount(summary: string): number {
  const match = /([\d,]+) tools?\b/.exec(summary);
  return match ? Number(match[1]!.replace(/,/g, "")) : NaN;
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
    row(SERVER, `cold start stdio with the SDK Client, best / median`, sdk.p50, "ms", `${fmt(sdk.best)} / ${fmt(sdk.p50)} ms`, atMost(200, "≤ 200 ms (median)"),
      `of which spawn → initialize ${fmt(summarize(cold.initMs).p50)} ms; includes the client's reading of the list`),
    row(SERVER, "SDK client tools/list schema check", cold.sdkParseMs, "ms", `${fmt(cold.sdkParseMs)} ms`, undefined,
      cold.sdkRejected === 0 ? `client side, not in cold start; all ${fmt(cold.tools)} tools accepted` : `client side; ${cold.sdkRejected} tools REJECTED by the SDK schema`),
    row(SERVER, "RSS after tools/list (median)", rss, "MB", `${fmt(rss, 1)} MB`, atMost(80, "≤ 80 MB"), "/proc/<pid>/status VmRSS"),
    row(SERVER, "tools/list", cold.tools, "tools", `${fmt(cold.tools)} tools`),
    row(SERVER, "tools/list size", cold.listBytes, "bytes", `${fmt(cold.listBytes)} B`),
    row(SERVER, "tools/list tokens (static)", cold.listTokens, "tokens", `${fmt(cold.listTokens)} o200k tokens`, atMost(300_000, "≤ 300,000 (GitHub)"),
      "what a model reads: o200k tokens of the result's JSON (gpt-tokenizer)"),
    bestMedian(SERVER, "cold start HTTP", summarize(cold.http.legacyMs),
      `spawn → listening (${fmt(summarize(cold.http.listenMs).p50)} ms) → initialize → tools/list read, bare node:http caller`),
    listRow(SERVER, "stdio", lat.lists.legacyStdio, lat.lists.legacyBytes, "precomputed entries spliced; bare caller, answer read"),
    listRow(SERVER, "HTTP", lat.lists.legacyHttp, NaN, "same, in a session"),
  ];
  for (const [name, path] of [["direct HTTP", lat.direct], ["stdio", lat.stdio], ["stdio, bare caller", lat.stdioRaw], ["HTTP", lat.http], ["HTTP, bare node:http caller", lat.httpRaw]] as const) {
    const l = path.latency;
    rows.push(row(SERVER, `${plan.tool} p50 / p99, ${name}`, l.p50, "ms", `${fmt(l.p50, 3)} / ${fmt(l.p99, 3)} ms`, undefined, `${fmt(l.n)} sequential calls`));
  }
  rows.push(
    row(SERVER, "added latency p50, stdio", addedStdio, "ms", `${fmt(addedStdio, 3)} ms`, atMost(0.25, "≤ 0.25 ms"), `p99 ${p99Added(lat.stdio, lat)}`),
    reported(SERVER, "added latency p50 / p99, stdio bare caller", lat.stdioRaw.latency.p50 - lat.direct.latency.p50, "ms", addedText(lat.stdioRaw, lat),
      "bare JSON-RPC caller: SDK client share removed"),
    row(SERVER, "added latency p50, HTTP", addedHttp, "ms", `${fmt(addedHttp, 3)} ms`, atMost(1, "≤ 1 ms"), `SDK Client (v1); p99 ${p99Added(lat.http, lat)}`),
    row(SERVER, "added latency p50, HTTP bare caller (one caller)", addedRaw, "ms", `${fmt(addedRaw, 3)} ms`, atMost(0.3, "≤ 0.3 ms"), `same server, node:http caller: SDK client share removed; p99 ${p99Added(lat.httpRaw, lat)}`),
  );
  const thr = (name: string, p: PathResult, target?: ReturnType<typeof atLeast>) =>
    row(SERVER, `throughput ×${plan.concurrency}, ${name}`, target ? ratio(p) * 100 : p.throughput.perSecond, target ? "%" : "calls/s",
      `${fmt(p.throughput.perSecond)}/s${p === lat.direct ? "" : ` = ${fmt(ratio(p) * 100)}%`}`, target,
      throughputNote(p));
  rows.push(
    thr("direct HTTP", lat.direct),
    thr("stdio", lat.stdio, atLeast(90, "≥ 90% of direct")),
    thr("stdio, bare caller", lat.stdioRaw),
    thr("HTTP", lat.http, atLeast(40, "≥ 40% of direct")),
    thr("HTTP, bare node:http caller", lat.httpRaw, atLeast(30, "≥ 30% of direct")),
    row(SERVER, "upstream requests / calls made", lat.upstreamRequests, "", `${fmt(lat.upstreamRequests)} / ${fmt(lat.callsMade)}`),
  );
  return rows;
}

/** The 2026-07-28 era beside the 2025 one: the same figures, held to no target (none is set yet). */
export function modernRows(cold: ColdStart, lat: LatencyResult, plan: LatencyPlan): Row[] {
  const m = cold.modern;
  const start = summarize(m.minimalMs);
  const legacyStart = summarize(cold.minimalMs);
  const sdk = summarize(m.sdkMs);
  const rss = summarize(m.rssMb).p50;
  const ratio = (p: PathResult) => p.throughput.perSecond / lat.direct.throughput.perSecond;
  const rows = [
    bestMedian(MODERN, "cold start stdio", start,
      `spawn → server/discover (${fmt(summarize(m.discoverMs).p50)} ms) → tools/list read, minimal client; 2025 in the same rounds ${fmt(legacyStart.p50)} ms`),
    reported(MODERN, "cold start stdio with the v2 SDK Client, best / median", sdk.p50, "ms", `${fmt(sdk.best)} / ${fmt(sdk.p50)} ms`,
      `pinned; connect ${fmt(summarize(m.sdkConnectMs).p50)} ms (its stdio transport probes on a second, sibling server process first); listTools() with the client's checks`),
    bestMedian(MODERN, "cold start HTTP", summarize(cold.http.modernMs), `spawn → listening → server/discover → tools/list read, bare node:http caller; 2025 ${fmt(summarize(cold.http.legacyMs).p50)} ms`),
    reported(MODERN, "RSS after tools/list (median)", rss, "MB", `${fmt(rss, 1)} MB`, `minimal client; 2025: ${fmt(summarize(cold.rssMb).p50, 1)} MB (SDK client rounds)`),
    reported(MODERN, "tools/list", m.tools, "tools", `${fmt(m.tools)} tools`),
    reported(MODERN, "tools/list size", m.listBytes, "bytes", `${fmt(m.listBytes)} B`,
      `2025 ${fmt(cold.listBytes)} B (${signed(m.listBytes - cold.listBytes)} B: resultType, ttlMs, cacheScope, serverInfo)`),
    listRow(MODERN, "stdio", lat.lists.modernStdio, lat.lists.modernBytes,
      `descriptor array serialised per request; bare caller; 2025 p50 ${fmt(lat.lists.legacyStdio.p50, 1)} ms`),
    listRow(MODERN, "HTTP", lat.lists.modernHttp, NaN, `bare node:http caller; 2025 p50 ${fmt(lat.lists.legacyHttp.p50, 1)} ms`),
  ];
  const paths = [
    ["stdio, v2 SDK Client", lat.modern.stdio, lat.stdio, "2025 (v1 SDK Client)"],
    ["stdio, bare caller", lat.modern.stdioRaw, lat.stdioRaw, "2025 bare caller"],
    ["HTTP, v2 SDK Client", lat.modern.http, lat.http, "2025 (v1 SDK Client)"],
    ["HTTP, bare node:http caller", lat.modern.httpRaw, lat.httpRaw, "2025 bare caller"],
  ] as const;
  for (const [name, path] of paths) {
    const l = path.latency;
    rows.push(reported(MODERN, `${plan.tool} p50 / p99, ${name}`, l.p50, "ms", `${fmt(l.p50, 3)} / ${fmt(l.p99, 3)} ms`, `${fmt(l.n)} sequential calls`));
  }
  // The same targets as the 2025 era where one is set: stdio with the SDK Client, HTTP with the bare caller.
  const addedTargets: Partial<Record<(typeof paths)[number][0], ReturnType<typeof atMost>>> = {
    "stdio, v2 SDK Client": atMost(0.25, "≤ 0.25 ms"),
    "HTTP, bare node:http caller": atMost(0.3, "≤ 0.3 ms"),
  };
  for (const [name, path, legacy, legacyName] of paths) {
    const added = path.latency.p50 - lat.direct.latency.p50;
    const target = addedTargets[name];
    const note = `${legacyName}: ${addedText(legacy, lat)}`;
    rows.push(target ? row(MODERN, `added latency p50 / p99, ${name}`, added, "ms", addedText(path, lat), target, note)
      : reported(MODERN, `added latency p50 / p99, ${name}`, added, "ms", addedText(path, lat), note));
  }
  for (const [name, path, legacy, legacyName] of paths) {
    const note = `${throughputNote(path)}; ${legacyName} ${fmt(ratio(legacy) * 100)}%`;
    rows.push(name === "HTTP, bare node:http caller"
      ? row(MODERN, `throughput ×${plan.concurrency}, ${name}`, ratio(path) * 100, "%", `${fmt(path.throughput.perSecond)}/s = ${fmt(ratio(path) * 100)}%`, atLeast(30, "≥ 30% of direct"), note)
      : reported(MODERN, `throughput ×${plan.concurrency}, ${name}`, path.throughput.perSecond, "calls/s", `${fmt(path.throughput.perSecond)}/s = ${fmt(ratio(path) * 100)}%`, note));
  }
  return rows;
}

/** Calls and time of a throughput run; the runs are time-boxed, so only a run that stopped at its call cap says so. */
function throughputNote(p: PathResult): string {
  return `${fmt(p.throughput.calls)} calls in ${fmt(p.throughput.ms / 1000, 1)} s${p.throughput.capped ? "" : " (call cap hit)"}`;
}

/** `+0.123 / +1.234 ms`: a path's p50 and p99 minus the direct baseline's. */
function addedText(path: PathResult, lat: LatencyResult): string {
  return `${fmt(path.latency.p50 - lat.direct.latency.p50, 3)} / ${fmt(path.latency.p99 - lat.direct.latency.p99, 3)} ms`;
}

function p99Added(path: PathResult, lat: LatencyResult): string {
  return `${fmt(path.latency.p99 - lat.direct.latency.p99, 3)} ms`;
}

function bestMedian(section: string, metric: string, s: Summary, note: string): Row {
  return reported(section, `${metric}, best / median of ${s.n}`, s.p50, "ms", `${fmt(s.best)} / ${fmt(s.p50)} ms`, note);
}

function listRow(section: string, transport: string, s: Summary, bytes: number, note: string): Row {
  const size = Number.isFinite(bytes) ? `${fmt(bytes)} B on the wire; ` : "";
  return reported(section, `tools/list time p50 / p99, ${transport}`, s.p50, "ms", `${fmt(s.p50, 1)} / ${fmt(s.p99, 1)} ms`, `${size}${s.n} requests; ${note}`);
}

function signed(n: number): string {
  return `${n >= 0 ? "+" : ""}${fmt(n)}`;
}

export function dynamicRows(result: DynamicResult): Row[] {
  if (result.kind === "skipped") return [row(DYNAMIC, "dynamic mode", NaN, "", "skipped", undefined, result.note)];
  const t = result.listTokens;
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
