// Reads a spec file and parses it as JSON or YAML, turning syntax errors into positions, never throwing.
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";

/** A parsed spec document, or why it could not be parsed. */
export type ParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line?: number; column?: number };

/** Reads a file; `undefined` plus the OS error message when it cannot be read. */
export async function readSpecBytes(absPath: string): Promise<{ bytes?: Buffer; error?: string }> {
  try {
    return { bytes: await readFile(absPath) };
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

/**
 * Parses the main spec file with swagger-parser's parse step (JSON or YAML, and a supported `swagger`/`openapi`
 * version). Its errors carry no usable position, so when it refuses a file the text is parsed again here,
 * which gives the line and column of a syntax error, or a value whose version check then names the pointer.
 * Whole-spec validate/dereference are not used: on GitHub REST they alone take longer than the build budget.
 */
export async function parseSpecFile(absPath: string, text: string): Promise<ParseResult> {
  try {
    // The bytes were read once already (for the input hash); the parser gets them instead of reading again.
    const readOnce = { order: 1, canRead: (file: { url: string }) => file.url === absPath, read: () => text };
    // Loaded here, not at start-up: a build of GraphQL apps alone never needs it.
    const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
    return { ok: true, value: await SwaggerParser.parse(absPath, { resolve: { readOnce } }) };
  } catch {
    return parseSpecText(text);
  }
}

/**
 * Parses spec text. JSON goes through `JSON.parse`, many times faster than a YAML parse on a spec as large as
 * GitHub's; anything else, or JSON that fails, through `yaml` (a JSON superset) for a line and column. This is
 * the same parse step swagger-parser runs, without its whole-spec validation, which would blow the build budget.
 */
export function parseSpecText(text: string): ParseResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (err) {
      return jsonError(text, (err as Error).message);
    }
  }
  return parseYaml(text);
}

function parseYaml(text: string): ParseResult {
  // Aliases are bounded (yaml's default maxAliasCount) so a "billion laughs" document cannot hang the build.
  const doc = parseDocument(text, { uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    return { ok: false, message: firstLine(error.message), line: pos?.line, column: pos?.col };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (err) {
    return { ok: false, message: firstLine((err as Error).message) };
  }
}

function jsonError(text: string, message: string): ParseResult {
  const lineCol = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineCol) return { ok: false, message: stripPosition(message), line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const pos = /position (\d+)/.exec(message);
  if (!pos) return { ok: false, message: firstLine(message) };
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { ok: false, message: stripPosition(message), line, column };
}

function stripPosition(message: string): string {
  return firstLine(message).replace(/\s*(in JSON )?at position \d+.*$/, "").trim();
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}
