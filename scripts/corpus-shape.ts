// What every client needs of a listed tool, checked on each tool of the corpus run: a name every vendor accepts,
// an inputSchema that is an object, and no composition keyword at its root (Anthropic's API refuses a request
// whose tool list holds one, so a single such tool would break every call of a Claude-based client), and an
// outputSchema, when listed, that is an object too.
// @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool (inputSchema/outputSchema: type object)
// @see https://github.com/anthropics/claude-code/issues/5319 ("input_schema does not support oneOf, allOf, or anyOf at the top level")
import { NAME_PATTERN } from "../generator/passes/name-candidate.js";

const ROOT_COMPOSITION = ["oneOf", "anyOf", "allOf"] as const;

/** The problems of one tools/list entry (its JSON text), each a short sentence naming the tool; empty when none. */
export function listedShapeProblems(entryJson: string): string[] {
  const entry = JSON.parse(entryJson) as { name?: unknown; inputSchema?: Record<string, unknown>; outputSchema?: Record<string, unknown> };
  const name = String(entry.name);
  const problems: string[] = [];
  if (!NAME_PATTERN.test(name)) problems.push(`${name}: the name does not match ${NAME_PATTERN.source}`);
  const input = entry.inputSchema;
  if (input?.type !== "object") problems.push(`${name}: inputSchema.type is ${JSON.stringify(input?.type)}, not "object"`);
  for (const keyword of ROOT_COMPOSITION) if (input && keyword in input) problems.push(`${name}: inputSchema has ${keyword} at its root`);
  const output = entry.outputSchema;
  if (output !== undefined && output.type !== "object") problems.push(`${name}: outputSchema.type is ${JSON.stringify(output.type)}, not "object"`);
  return problems;
}
