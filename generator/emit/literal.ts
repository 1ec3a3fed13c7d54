// The one value printer of generated/: a JS value → TypeScript literal text, keys sorted, stable bytes.
import { compareCodeUnits } from "../../runtime/shared/compare.js";

/** Code printed verbatim (a precompiled Handlebars template); everything else is data. */
export class RawCode {
  constructor(readonly code: string) {}
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** An object or array whose one-line form fits this width is printed on one line. */
const INLINE_WIDTH = 100;

/** Prints `key` as an object key: bare when it is an identifier, else a JSON string. */
export function printKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/**
 * Prints `value` as a TypeScript expression. Object keys are sorted (one rule for every object, so a reordered
 * spec prints the same bytes); arrays keep their order. Multi-line form: two-space indent, trailing commas.
 */
export function printLiteral(value: unknown, indent = ""): string {
  if (value instanceof RawCode) return value.code;
  if (value === null || typeof value !== "object") return printScalar(value);
  const inline = printInline(value);
  if (inline !== undefined && indent.length + inline.length <= INLINE_WIDTH) return inline;
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${printLiteral(item, inner)},\n`).join("")}${indent}]`;
  }
  const keys = definedKeys(value as Record<string, unknown>);
  if (keys.length === 0) return "{}";
  const body = keys
    .map((key) => `${inner}${printKey(key)}: ${printLiteral((value as Record<string, unknown>)[key], inner)},\n`)
    .join("");
  return `{\n${body}${indent}}`;
}

function printInline(value: object): string | undefined {
  if (value instanceof RawCode) return value.code.includes("\n") ? undefined : value.code;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      const printed = item !== null && typeof item === "object" ? printInline(item) : printScalar(item);
      if (printed === undefined) return undefined;
      items.push(printed);
    }
    return `[${items.join(", ")}]`;
  }
  const entries: string[] = [];
  for (const key of definedKeys(value as Record<string, unknown>)) {
    const item = (value as Record<string, unknown>)[key];
    const printed = item !== null && typeof item === "object" ? printInline(item) : printScalar(item);
    if (printed === undefined) return undefined;
    entries.push(`${printKey(key)}: ${printed}`);
  }
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}

function printScalar(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean" || value === null) return String(value);
  throw new Error(`printLiteral: cannot print a ${typeof value}`);
}

function definedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(compareCodeUnits);
}

/** Canonical JSON (sorted keys, no spaces), for hashes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  return `{${definedKeys(record)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    .join(",")}}`;
}
