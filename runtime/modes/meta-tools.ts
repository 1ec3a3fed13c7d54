// The dynamic-mode meta tools: their descriptors (strict input schemas) and a checker for their arguments.

import type { Tool } from "@modelcontextprotocol/server";

export const SEARCH = "search-tools";
export const ENABLE = "enable-tools";
export const DISABLE = "disable-tools";
export const CALL = "call-tool";

/** Most results `search-tools` returns. */
const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 10;
/** Most names one `enable-tools` / `disable-tools` call takes. */
const MAX_NAMES = 50;

const toolNames = (what: string) => ({
  type: "array",
  items: { type: "string", minLength: 1 },
  minItems: 1,
  maxItems: MAX_NAMES,
  description: `Tool names ${what}.`,
});
const session = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** Defined once; the whole initial dynamic tools/list (well under 1,000 tokens whatever the catalogue). */
export const META_TOOLS: Tool[] = [
  {
    name: SEARCH,
    title: "Search tools",
    description:
      "Step 1. Search this server's API tools by keywords (names, titles, tags, descriptions). Returns the best matches, one line each, and whether each is enabled.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", minLength: 1, description: 'What you want to do, e.g. "list issues in a repository".' },
        limit: { type: "integer", minimum: 1, maximum: MAX_SEARCH_LIMIT, description: `Most results (default ${DEFAULT_SEARCH_LIMIT}).` },
      },
      required: ["query"],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  {
    name: ENABLE,
    title: "Enable tools",
    description:
      "Step 2. Add tools (names from search-tools) to this session's tool list; returns their descriptions and input schemas. Adds to what is enabled unless replace is true.",
    inputSchema: {
      type: "object",
      properties: {
        tools: toolNames("to enable"),
        replace: { type: "boolean", description: "true: enable exactly these, disabling the others. Default false." },
      },
      required: ["tools"],
      additionalProperties: false,
    },
    annotations: session,
  },
  {
    name: DISABLE,
    title: "Disable tools",
    description: "Remove enabled tools from this session's tool list.",
    inputSchema: { type: "object", properties: { tools: toolNames("to disable") }, required: ["tools"], additionalProperties: false },
    annotations: session,
  },
  {
    name: CALL,
    title: "Call a tool",
    description: "Step 3. Run an enabled tool by name. Use it when an enabled tool does not appear in your tool list.",
    inputSchema: {
      type: "object",
      properties: {
        name: { type: "string", minLength: 1, description: "An enabled tool's name." },
        arguments: { type: "object", description: "That tool's arguments, as its input schema says.", additionalProperties: true },
      },
      required: ["name"],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
];

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
