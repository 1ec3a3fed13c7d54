// JSON Schema → TypeScript type text for the `Input` interface of a generated tool module.
import type { JsonSchema } from "../plan/tool-plan.js";
import { printKey } from "./literal.js";

/** Past this depth a nested schema prints as `unknown`: the schema, not the type, is what the runtime checks. */
const MAX_DEPTH = 3;
/** Longer enums print as their base type: huge unions are what sink `tsc` on other generators (TS2590). */
const MAX_ENUM = 24;

export function tsType(schema: JsonSchema | undefined, depth = 0): string {
  if (!schema || typeof schema !== "object") return "unknown";
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.length <= MAX_ENUM) {
    return union(schema.enum.map((value) => (value === null || typeof value !== "object" ? JSON.stringify(value) : "unknown")));
  }
  if ("const" in schema && (schema.const === null || typeof schema.const !== "object")) return JSON.stringify(schema.const);
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && depth < MAX_DEPTH) return union(options.map((option) => tsType(option as JsonSchema, depth + 1)));
  }
  const type = schema.type;
  if (Array.isArray(type)) return union(type.map((t) => tsType({ ...schema, type: t }, depth)));
  switch (type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return depth < MAX_DEPTH ? `${wrap(tsType(schema.items as JsonSchema, depth + 1))}[]` : "unknown[]";
    case "object":
      return depth < MAX_DEPTH ? objectType(schema, depth) : "Record<string, unknown>";
    default:
      return "unknown";
  }
}

function objectType(schema: JsonSchema, depth: number): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties).sort();
  if (names.length === 0) return "Record<string, unknown>";
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const fields = names.map((name) => `${printKey(name)}${required.has(name) ? "" : "?"}: ${tsType(properties[name], depth + 1)}`);
  return `{ ${fields.join("; ")} }`;
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.includes("unknown") ? "unknown" : unique.join(" | ");
}

function wrap(type: string): string {
  return /[|&{ ]/.test(type) ? `(${type})` : type;
}
