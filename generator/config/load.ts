// Loads gateway.yaml: read → parse (positions kept) → schema → semantic checks → normalized Config.
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { LineCounter, parseDocument, type YAMLError } from "yaml";
import type { Diagnostic, Report } from "../diagnostics/diagnostic.js";
import { normalizeConfig } from "./normalize.js";
import { maskSecrets } from "./secrets.js";
import { checkSemantics } from "./semantics.js";
import type { Config } from "./types.js";
import type { UserConfig } from "./user-config.js";
import { validateConfig } from "./validate.js";
import { keyNodeAt, locateOffset, sourceLine, type SourceFile } from "./yaml-position.js";

/** What to do about a YAML error, by the `code` the yaml package gives it. */
const YAML_HELP: Partial<Record<string, string>> = {
  DUPLICATE_KEY: "remove or rename one of the two keys",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  BAD_INDENT: "line the key up with its siblings",
  MISSING_CHAR: "close the quote, bracket or brace",
  MULTILINE_IMPLICIT_KEY: "keys must fit on one line; quote the value if it contains `: `",
  BLOCK_AS_IMPLICIT_KEY: "put a space after the colon, or quote the value",
  MULTIPLE_DOCS: "keep one document: remove the `---` line and merge what follows it",
};

/** Messages of the yaml package that speak its API rather than the user's file. */
const YAML_MESSAGES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: "the file holds more than one YAML document",
};

/** Where to point: an unclosed quote is reported at the end of the file; point at the quote that opened it. */
function problemOffset(src: SourceFile, problem: YAMLError): number {
  const quote = /closing (["'])quote/.exec(problem.message)?.[1];
  if (problem.code !== "MISSING_CHAR" || quote === undefined) return problem.pos[0];
  const opened = src.text.lastIndexOf(quote, problem.pos[0] - 1);
  return opened >= 0 ? opened : problem.pos[0];
}

function reportYamlProblems(src: SourceFile, problems: YAMLError[], report: Report, severity: "error" | "warning"): void {
  for (const problem of problems) {
    const at = locateOffset(src, problemOffset(src, problem));
    const help = YAML_HELP[problem.code];
    const text = YAML_MESSAGES[problem.code] ?? problem.message.split("\n")[0].replace(/closing (["'])quote/, "closing $1 quote");
    report.add({ code: "GW101", severity, message: `invalid YAML: ${text}`, file: src.file, ...at, ...(help ? { help } : {}) });
  }
}

function readSource(path: string, file: string, report: Report): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (code ?? "unreadable");
    report.error({ code: "GW100", message: `cannot read ${file}: ${why}`, file, help: "run gateway in the directory holding gateway.yaml, or pass --config <path>" });
    return undefined;
  }
}

/** The YAML as plain data, or `undefined` (with a GW101) when aliases blow up. */
function toData(src: SourceFile, report?: Report): { data: unknown } | undefined {
  try {
    return { data: src.doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    report?.error({ code: "GW101", message: `invalid YAML: ${(error as Error).message}`, file: src.file, help: "use fewer or shallower aliases (*name)" });
    return undefined;
  }
}

/** Re-cuts the excerpts of `diags` from a copy of the source with literal secrets masked. */
function maskExcerpts(src: SourceFile, data: unknown, diags: Diagnostic[]): void {
  const masked = maskSecrets(src, data);
  if (masked === src.text) return;
  for (const d of diags) if (d.line !== undefined && d.excerpt !== undefined) d.excerpt = sourceLine(masked, d.line);
}

/** Parse, validate, check and normalize one source; `undefined` on the first failing step. */
function compile(src: SourceFile, path: string, root: string, report: Report, failed: () => boolean): Config | undefined {
  reportYamlProblems(src, src.doc.errors, report, "error");
  reportYamlProblems(src, src.doc.warnings, report, "warning");
  if (failed()) return undefined;
  const parsed = toData(src, report);
  if (!parsed || !validateConfig(src, parsed.data, report)) return undefined;
  const user = parsed.data as UserConfig;
  checkSemantics(src, user, root, report);
  if (failed()) return undefined;
  return normalizeConfig(user, {
    path,
    root,
    file: src.file,
    keyPosition: (keyPath) => {
      const range = keyNodeAt(src.doc, keyPath)?.range;
      if (!range) return undefined;
      const { line, column } = locateOffset(src, range[0]);
      return { line, column };
    },
  });
}

/**
 * Loads and validates gateway.yaml. Every problem goes to `report` (file relative to the config's
 * directory, with line:col and the source line, literal secrets masked). Returns `undefined` when this
 * step reported an error; warnings alone still yield a Config. Reads no environment variables:
 * `${ENV}` stays symbolic. `configText`, when given, is used instead of reading `configPath`.
 */
export function loadConfig(configPath: string, report: Report, configText?: string): Config | undefined {
  const path = resolve(configPath);
  const root = dirname(path);
  const file = basename(path);
  const start = report.diagnostics.length;
  const failed = (): boolean => report.diagnostics.slice(start).some((d) => d.severity === "error");

  const text = configText ?? readSource(path, file, report);
  if (text === undefined) return undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const src: SourceFile = { file, text, doc, lineCounter };
  const config = compile(src, path, root, report, failed);
  const parsed = toData(src);
  if (parsed) maskExcerpts(src, parsed.data, report.diagnostics.slice(start));
  return config;
}
