// generated/manifest.json: one line per tool, the file a reviewer reads first and what `--check` diffs.
import type { ToolPlan } from "../plan/tool-plan.js";
import { sha256Hex, sha256Label } from "../digest.js";
import { canonicalJson } from "./literal.js";
import type { Tool } from "../../runtime/contract.js";

export interface ManifestTool {
  name: string;
  app: string;
  /** Spec file and JSON pointer of the operation. */
  source: string;
  /** Annotation summary: RO (read-only), DESTR (destructive), IDEM (idempotent), OPEN (open world). */
  hints: string;
  /** Hashes of the parts `--check` reports on. */
  schema: string;
  description: string;
  annotations: string;
  /** The scopes a caller needs, space-separated (as in a WWW-Authenticate challenge); "-" for none. */
  scopes: string;
  request: string;
  /**
   * Hash of this tool's tools/list entry as the server sends it (and of the encoding): the next build trusts
   * `tokens` for an entry with the same hash instead of counting it again.
   */
  listed: string;
  /** o200k tokens of this tool's tools/list entry (its JSON as the server sends it). */
  tokens: number;
}

export interface Manifest {
  generator: string;
  /** sha256 of every input file, by repo-relative path. */
  inputs: Record<string, string>;
  tools: ManifestTool[];
}

/** 16 hex characters (64 bits) of the value's canonical JSON: enough to tell changed parts of one tool apart. */
function hashOf(value: unknown): string {
  return sha256Label(sha256Hex(canonicalJson(value)).slice(0, 16));
}

function hintsOf(plan: ToolPlan): string {
  const a = plan.annotations;
  const hints = [a.readOnlyHint && "RO", a.destructiveHint && "DESTR", a.idempotentHint && "IDEM", a.openWorldHint && "OPEN"];
  return hints.filter(Boolean).join(",") || "-";
}

/** One manifest line; `tool` is the plan's emitted tool object (`toolObjectOf(plan)`), `entry` its counted list entry. */
export function manifestToolOf(plan: ToolPlan, tool: Tool, entry: { listed: string; tokens: number }): ManifestTool {
  return {
    name: plan.name,
    app: plan.app,
    source: `${plan.source.file}#${plan.source.pointer}`,
    hints: hintsOf(plan),
    schema: hashOf({ input: tool.inputSchema, output: tool.outputSchema }),
    description: hashOf({ title: tool.title, description: tool.description }),
    annotations: hashOf(tool.annotations),
    scopes: tool.scopes.join(" ") || "-",
    request: hashOf(tool.request),
    listed: entry.listed,
    tokens: entry.tokens,
  };
}

/** Pretty JSON with one tool per line, so the PR diff of manifest.json reads like a changelog. */
export function renderManifest(manifest: Manifest): string {
  const inputs = Object.keys(manifest.inputs)
    .sort()
    .map((key) => `    ${JSON.stringify(key)}: ${JSON.stringify(manifest.inputs[key])}`);
  const tools = manifest.tools.map((tool) => `    ${JSON.stringify(tool)}`);
  return [
    "{",
    `  "generator": ${JSON.stringify(manifest.generator)},`,
    `  "inputs": {${inputs.length ? "\n" + inputs.join(",\n") + "\n  " : ""}},`,
    `  "tools": [${tools.length ? "\n" + tools.join(",\n") + "\n  " : ""}]`,
    "}",
    "",
  ].join("\n");
}

export function parseManifest(text: string | undefined): Manifest | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Manifest;
  } catch {
    return undefined;
  }
}
