// The dynamic-mode meta tools: their descriptors (strict input schemas, in runtime/shared/) and a checker for their arguments.

import type { Tool } from "@modelcontextprotocol/server";
import { META_TOOL_DESCRIPTORS } from "../shared/meta-tools.js";

export { CALL, DEFAULT_SEARCH_LIMIT, DISABLE, ENABLE, SEARCH } from "../shared/meta-tools.js";

/** Defined once; the whole initial dynamic tools/list (well under 1,000 tokens whatever the catalogue). */
export const META_TOOLS: Tool[] = META_TOOL_DESCRIPTORS as Tool[];

export const META_NAMES: ReadonlySet<string> = new Set(META_TOOLS.map((t) => t.name));

// The SDK types a schema's properties as any JSON value; the ones above all have this narrower shape.
const SCHEMAS = new Map(META_TOOLS.map((t) => [t.name, t.inputSchema as unknown as MetaSchema]));

interface MetaSchema {
  properties: Record<string, { type: string; minimum?: number; maximum?: number; minLength?: number; minItems?: number; maxItems?: number }>;
  required: string[];
}

/**
 * Checks a meta tool's arguments against its schema (the few keywords the schemas above use).
 * Returns the first problem as a sentence naming the argument, or undefined when they are valid.
 */
export function checkMetaArgs(tool: string, args: Record<string, unknown>): string | undefined {
  const schema = SCHEMAS.get(tool)!;
  const known = Object.keys(schema.properties);
  for (const key of Object.keys(args)) {
    if (!(key in schema.properties)) return `${tool}: unknown argument "${key}"; allowed: ${known.join(", ")}`;
  }
  for (const key of schema.required) if (args[key] === undefined) return `${tool}: missing required argument "${key}"`;
  for (const [key, rule] of Object.entries(schema.properties)) {
    const value = args[key];
    if (value === undefined) continue;
    const problem = checkValue(value, rule);
    if (problem) return `${tool}: argument "${key}" ${problem}`;
  }
  return undefined;
}

function checkValue(value: unknown, rule: MetaSchema["properties"][string]): string | undefined {
  switch (rule.type) {
    case "string":
      if (typeof value !== "string") return "must be a string";
      if (rule.minLength && value.trim().length < rule.minLength) return "must not be empty";
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "integer":
      if (!Number.isInteger(value)) return "must be an integer";
      if ((value as number) < (rule.minimum ?? -Infinity) || (value as number) > (rule.maximum ?? Infinity)) return `must be between ${rule.minimum} and ${rule.maximum}`;
      return undefined;
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value) ? undefined : "must be an object";
    case "array":
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && v.length > 0)) return 'must be an array of tool names, e.g. ["issues_list_for_repo"]';
      if (value.length < (rule.minItems ?? 0)) return "must name at least one tool";
      if (value.length > (rule.maxItems ?? Infinity)) return `takes at most ${rule.maxItems} names per call`;
      return undefined;
    default:
      return undefined;
  }
}
