// Prints diagnostics: clang-style headline + excerpt + fix (pretty), or the Diagnostic[] as JSON.
import { CODES } from "./codes.js";
import type { Diagnostic } from "./diagnostic.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";

const GUTTER = 5;

/** Diagnostics ordered by file, line, column, code; ties keep their order. Diagnostics without a line come first in their file. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      compareCodeUnits(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareCodeUnits(a.code, b.code),
  );
}

/** `gateway.yaml:14:5`, `gateway.yaml:14`, `specs/x.json#/paths/~1pets/get`, or just the file. */
export function location(d: Diagnostic): string {
  if (d.line !== undefined) return `${d.file}:${d.line}${d.column !== undefined ? `:${d.column}` : ""}`;
  if (d.pointer !== undefined) return `${d.file}#${d.pointer}`;
  return d.file;
}

/** How many columns to underline from `start`: a quoted string, one bracket, or a plain word run. */
export function tokenLength(line: string, start: number): number {
  const rest = line.slice(start);
  const match = /^(?:"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|[[{]|(?:[^\s:,#\]}]|:(?!\s|$))+(?: +(?:[^\s:,#\]}]|:(?!\s|$))+)*)/.exec(rest);
  return Math.max(1, match?.[0].length ?? 0);
}

/** The excerpt rows: the numbered source line and, when the column is known, a `~~~` underline. */
function excerptRows(d: Diagnostic): string[] {
  if (d.line === undefined || d.excerpt === undefined) return [];
  const rows = [`${String(d.line).padStart(GUTTER)} │ ${d.excerpt}`];
  if (d.column !== undefined) {
    const start = Math.min(d.column - 1, d.excerpt.length);
    rows.push(`${" ".repeat(GUTTER)} │ ${" ".repeat(start)}${"~".repeat(tokenLength(d.excerpt, start))}`);
  }
  return rows;
}

/** One diagnostic, pretty: headline, excerpt, and a `fix:` line (its help, else the catalogue's fix). */
export function formatDiagnostic(d: Diagnostic): string {
  const fix = d.help ?? CODES[d.code]?.fix ?? `no fix recorded for ${d.code}`;
  return [`${location(d)}: ${d.severity} ${d.code}: ${d.message}`, ...excerptRows(d), `  fix: ${fix}`].join("\n");
}

/** All diagnostics, sorted; pretty ones separated by a blank line, JSON as a 2-space-indented array. No trailing newline. */
export function formatDiagnostics(diags: Diagnostic[], reporter: "pretty" | "json"): string {
  const sorted = sortDiagnostics(diags);
  if (reporter === "json") return JSON.stringify(sorted, null, 2);
  return sorted.map(formatDiagnostic).join("\n\n");
}

function count(n: number, singular: string, plural: string): string | undefined {
  return n === 0 ? undefined : `${n} ${n === 1 ? singular : plural}`;
}

/** `✘ 1 error, 1 warning.` (or `⚠ 2 warnings.`, `ℹ 1 info message.`); empty when there is nothing. */
export function summarizeDiagnostics(diags: readonly Diagnostic[]): string {
  const by = (s: Diagnostic["severity"]): number => diags.filter((d) => d.severity === s).length;
  const [errors, warnings, infos] = [by("error"), by("warning"), by("info")];
  const parts = [count(errors, "error", "errors"), count(warnings, "warning", "warnings"), count(infos, "info message", "info messages")].filter(
    (p): p is string => p !== undefined,
  );
  if (parts.length === 0) return "";
  const mark = errors > 0 ? "✘" : warnings > 0 ? "⚠" : "ℹ";
  return `${mark} ${parts.join(", ")}.`;
}
