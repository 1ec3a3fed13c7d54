// The annotations a tools/list entry carries: only the hints that differ from what MCP says their absence
// means (readOnlyHint false, destructiveHint true, idempotentHint false, openWorldHint true), and no
// destructiveHint or idempotentHint on a read-only tool, where MCP says they carry no meaning.
// Generated modules keep all four hints for reviewers; only what a model reads is shortened.
import type { ToolAnnotations } from "../contract.js";

/** The listed form; applying it to its own output changes nothing. */
export function listedAnnotations(hints: Partial<ToolAnnotations>): Partial<ToolAnnotations> {
  const listed: Partial<ToolAnnotations> = {};
  if (hints.readOnlyHint === true) listed.readOnlyHint = true;
  else {
    if (hints.destructiveHint === false) listed.destructiveHint = false;
    if (hints.idempotentHint === true) listed.idempotentHint = true;
  }
  if (hints.openWorldHint === false) listed.openWorldHint = false;
  return listed;
}

/** All four hints of a listed form, absent ones at MCP's defaults (a read-only tool's: not destructive, idempotent). */
export function fullAnnotations(listed: Partial<ToolAnnotations>): ToolAnnotations {
  const readOnlyHint = listed.readOnlyHint === true;
  return {
    readOnlyHint,
    destructiveHint: listed.destructiveHint ?? !readOnlyHint,
    idempotentHint: listed.idempotentHint ?? readOnlyHint,
    openWorldHint: listed.openWorldHint ?? true,
  };
}
