// The dynamic-mode meta tools' descriptors: what the initial dynamic tools/list shows, whatever the catalogue.
// Shared so the build can count their tokens beside the static list's.
import type { JsonSchema, ToolAnnotations } from "../contract.js";

/** A meta tool as tools/list shows it. */
export interface MetaToolDescriptor {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema & { type: "object" };
  annotations: ToolAnnotations;
}

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
export const META_TOOL_DESCRIPTORS: readonly MetaToolDescriptor[] = [
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
