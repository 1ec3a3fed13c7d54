// Folds per-spec outcomes of the corpus run into a summary, and prints it as text.
import type { SpecOutcome } from "./corpus-pool.js";

/** Diagnostics of one code across the corpus. */
export interface CodeTotal {
  code: string;
  /** Specs with at least one diagnostic of this code. */
  specs: number;
  diagnostics: number;
}

export interface CorpusSummary {
  specs: number;
  /** build() returned with no error diagnostics. */
  ok: number;
  /** build() returned with at least one error diagnostic. */
  withErrors: number;
  /** Exceptions escaping build(), or a worker that died while building. Must be 0. */
  crashes: { label: string; detail: string }[];
  /** Specs killed at the time limit. Must be 0. */
  hangs: { label: string; ms: number }[];
  /** Specs with a listed tool some client would refuse (corpus-shape.ts), with the first problems. Must be 0. */
  badShapes: { label: string; tools: number; problems: string[] }[];
  errorCodes: CodeTotal[];
  warningCodes: CodeTotal[];
  /** The ten most common error messages, numbers and quoted names folded, with one verbatim example. */
  topErrors: { message: string; specs: number; example: string; exampleSpec: string }[];
  tools: number;
  wallMs: number;
  /** Sum of build() times inside the workers. */
  buildMs: number;
  slowest: { label: string; ms: number; tools: number }[];
  /** Peak resident set of any worker, bytes. */
  peakWorkerRss: number;
  /** Peak resident set of this (parent) process, bytes. */
  peakParentRss: number;
}

/** Folds numbers and quoted names out of a message so messages of one kind group together. */
export function messageShape(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
    .replace(/#?\/[^\s,;)]*/g, "<ptr>")
    .replace(/\d+/g, "N");
}

function codeTotals(outcomes: SpecOutcome[], severity: string): CodeTotal[] {
  const totals = new Map<string, CodeTotal>();
  for (const o of outcomes) {
    for (const c of o.reply?.counts ?? []) {
      if (c.severity !== severity) continue;
      const t = totals.get(c.code) ?? { code: c.code, specs: 0, diagnostics: 0 };
      t.specs++;
      t.diagnostics += c.count;
      totals.set(c.code, t);
    }
  }
  return [...totals.values()].sort((a, b) => b.specs - a.specs || a.code.localeCompare(b.code));
}

function topErrors(outcomes: SpecOutcome[]): CorpusSummary["topErrors"] {
  const shapes = new Map<string, { message: string; specs: number; example: string; exampleSpec: string }>();
  for (const o of outcomes) {
    const seen = new Set<string>();
    for (const e of o.reply?.errors ?? []) {
      const space = e.indexOf(" ");
      const shape = `${e.slice(0, space)} ${messageShape(e.slice(space + 1))}`;
      if (seen.has(shape)) continue;
      seen.add(shape);
      const entry = shapes.get(shape) ?? { message: shape, specs: 0, example: e, exampleSpec: o.label };
      entry.specs++;
      shapes.set(shape, entry);
    }
  }
  return [...shapes.values()].sort((a, b) => b.specs - a.specs || a.message.localeCompare(b.message)).slice(0, 10);
}

export function summarize(outcomes: SpecOutcome[], wallMs: number): CorpusSummary {
  const built = outcomes.filter((o) => o.outcome === "built");
  const hasError = (o: SpecOutcome): boolean => (o.reply?.counts ?? []).some((c) => c.severity === "error");
  return {
    specs: outcomes.length,
    ok: built.filter((o) => !hasError(o)).length,
    withErrors: built.filter(hasError).length,
    crashes: outcomes
      .filter((o) => o.outcome === "crash" || o.outcome === "exit")
      .map((o) => ({ label: o.label, detail: o.reply?.crash ?? o.detail ?? "" })),
    hangs: outcomes.filter((o) => o.outcome === "hang").map((o) => ({ label: o.label, ms: Math.round(o.ms) })),
    badShapes: built.filter((o) => (o.reply?.badShapes ?? 0) > 0).map((o) => ({ label: o.label, tools: o.reply!.badShapes, problems: o.reply!.shapeProblems })),
    errorCodes: codeTotals(built, "error"),
    warningCodes: codeTotals(built, "warning"),
    topErrors: topErrors(built),
    tools: built.reduce((sum, o) => sum + (o.reply?.tools ?? 0), 0),
    wallMs: Math.round(wallMs),
    buildMs: Math.round(outcomes.reduce((sum, o) => sum + (o.reply?.ms ?? 0), 0)),
    slowest: [...built]
      .sort((a, b) => (b.reply?.ms ?? 0) - (a.reply?.ms ?? 0))
      .slice(0, 5)
      .map((o) => ({ label: o.label, ms: Math.round(o.reply?.ms ?? 0), tools: o.reply?.tools ?? 0 })),
    peakWorkerRss: outcomes.reduce((max, o) => Math.max(max, o.reply?.maxRss ?? 0), 0),
    peakParentRss: process.resourceUsage().maxRSS * 1024,
  };
}

const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function formatSummary(s: CorpusSummary): string {
  const lines = [
    `specs: ${s.specs}   ok: ${s.ok}   with errors: ${s.withErrors}   crashes: ${s.crashes.length}   hangs: ${s.hangs.length}`,
    `tools: ${s.tools}   wall: ${seconds(s.wallMs)}   build time (sum): ${seconds(s.buildMs)}   peak RSS: worker ${mb(s.peakWorkerRss)}, parent ${mb(s.peakParentRss)}`,
    `listed tools some client would refuse (name, inputSchema and outputSchema shape): ${s.badShapes.reduce((sum, b) => sum + b.tools, 0)}`,
  ];
  const codes = (title: string, list: CodeTotal[]): void => {
    if (list.length === 0) return;
    lines.push("", `${title} (specs / diagnostics):`);
    for (const c of list) lines.push(`  ${c.code.padEnd(6)} ${String(c.specs).padStart(5)} / ${c.diagnostics}`);
  };
  codes("error codes", s.errorCodes);
  codes("warning codes", s.warningCodes);
  if (s.topErrors.length > 0) {
    lines.push("", "top error messages (specs):");
    for (const e of s.topErrors) lines.push(`  ${String(e.specs).padStart(5)}  ${e.message}`, `         e.g. ${e.exampleSpec}: ${e.example}`);
  }
  if (s.slowest.length > 0) {
    lines.push("", "slowest:");
    for (const o of s.slowest) lines.push(`  ${seconds(o.ms).padStart(8)}  ${o.label} (${o.tools} tools)`);
  }
  if (s.crashes.length > 0) {
    lines.push("", "CRASHES:");
    for (const c of s.crashes) lines.push(`  ${c.label}`, ...c.detail.split("\n").map((l) => `      ${l}`));
  }
  if (s.badShapes.length > 0) {
    lines.push("", "TOOLS SOME CLIENT WOULD REFUSE:");
    for (const b of s.badShapes) lines.push(`  ${b.label} (${b.tools} tools)`, ...b.problems.map((p) => `      ${p}`));
  }
  if (s.hangs.length > 0) {
    lines.push("", "HANGS:");
    for (const h of s.hangs) lines.push(`  ${h.label} (killed after ${seconds(h.ms)})`);
  }
  return `${lines.join("\n")}\n`;
}
