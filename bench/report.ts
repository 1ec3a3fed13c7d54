// The printed table: one row per figure with its target and a pass/fail mark, grouped by section.

/** A limit a figure must meet. */
export interface Target {
  op: "<=" | ">=";
  limit: number;
  /** How the limit prints, e.g. "≤ 3 s". */
  text: string;
}

/** One line of the report. */
export interface Row {
  section: string;
  metric: string;
  /** The raw figure (NaN when not measured). */
  value: number;
  unit: string;
  /** How the figure prints. */
  shown: string;
  target?: Target;
  /** Absent when there is no target. */
  pass?: boolean;
  /** A figure the bench reports without holding it to a target (no target was set for it). */
  reported?: true;
  note?: string;
}

/** A row; `pass` is computed from the target. */
export function row(section: string, metric: string, value: number, unit: string, shown: string, target?: Target, note?: string): Row {
  const pass = target && Number.isFinite(value) ? (target.op === "<=" ? value <= target.limit : value >= target.limit) : undefined;
  return { section, metric, value, unit, shown, ...(target && { target }), ...(target && { pass: pass ?? false }), ...(note && { note }) };
}

/** A row with no target, marked as a reported figure. */
export function reported(section: string, metric: string, value: number, unit: string, shown: string, note?: string): Row {
  return { ...row(section, metric, value, unit, shown, undefined, note), reported: true };
}

export const atMost = (limit: number, text: string): Target => ({ op: "<=", limit, text });
export const atLeast = (limit: number, text: string): Target => ({ op: ">=", limit, text });

/** Number with fixed decimals and thousands separators. */
export function fmt(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** What the target column shows for a reported figure. */
const REPORTED = "(reported)";

/** The rows as an aligned text table, a header per section. */
export function renderTable(rows: readonly Row[]): string {
  const metricWidth = Math.max(...rows.map((r) => r.metric.length), 6);
  const valueWidth = Math.max(...rows.map((r) => r.shown.length), 5);
  const targetWidth = Math.max(...rows.map((r) => r.target?.text.length ?? (r.reported ? REPORTED.length : 0)), 6);
  const lines: string[] = [];
  let section = "";
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      lines.push("", section);
    }
    const mark = r.pass === undefined ? "  " : r.pass ? "✔ " : "✘ ";
    const target = (r.target?.text ?? (r.reported ? REPORTED : "")).padEnd(targetWidth);
    lines.push(`  ${r.metric.padEnd(metricWidth)}  ${r.shown.padStart(valueWidth)}  ${mark}${target}${r.note ? "  " + r.note : ""}`.trimEnd());
  }
  const judged = rows.filter((r) => r.pass !== undefined);
  lines.push("", `targets met: ${judged.filter((r) => r.pass).length}/${judged.length}`);
  return lines.join("\n");
}

/** Facts the markdown report opens with. */
export interface ReportHead {
  /** ISO date-time the run started. */
  date: string;
  /** One line: cores, CPU, memory, node, platform. */
  machine: string;
  loadAtStart: readonly number[];
  loadAtEnd: readonly number[];
  elapsedSeconds: number;
  quick: boolean;
}

/** The rows as markdown: the machine, date and load first, then a table per section. */
export function renderMarkdown(rows: readonly Row[], head: ReportHead): string {
  const judged = rows.filter((r) => r.pass !== undefined);
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `Run ${head.date.slice(0, 16).replace("T", " ")} UTC on ${head.machine}; load average (1/5/15 min) ${head.loadAtStart.join(" / ")} at start,`,
    `${head.loadAtEnd.join(" / ")} at end (a shared machine: other work ran beside the bench); ${fmt(head.elapsedSeconds)} s${head.quick ? ", --quick sizes" : ""}.`,
    `Targets met: **${judged.filter((r) => r.pass).length}/${judged.length}** (✔ met, ✘ missed; "reported" figures have no target).`,
  ];
  let section = "";
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      lines.push("", `**${cell(section)}**`, "", "| figure | value | target | | note |", "|---|--:|---|---|---|");
    }
    const mark = r.pass === undefined ? "" : r.pass ? "✔" : "✘";
    const target = r.target?.text ?? (r.reported ? "reported" : "");
    lines.push(`| ${cell(r.metric)} | ${cell(r.shown)} | ${cell(target)} | ${mark} | ${cell(r.note ?? "")} |`);
  }
  return lines.join("\n") + "\n";
}
