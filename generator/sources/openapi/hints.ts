// `x-mcp-*` annotation extensions on an operation: they override the method table's hints (method-hints.ts).
// Accepted: `x-mcp-readonly`, `x-mcp-read-only`, `x-mcp-readOnlyHint` … (case, `-`/`_` and a `hint` suffix
// are ignored), and `x-mcp-annotations: { readOnlyHint: true, … }`.
import type { ToolAnnotations } from "../../plan/tool-plan.js";
import type { SpecContext } from "./context.js";
import { reportOnce } from "./context.js";
import type { Located } from "./documents.js";
import { isObj } from "./guards.js";
import { joinPointer } from "../../../runtime/shared/json-pointer.js";

const HINTS: Record<string, keyof ToolAnnotations> = {
  readonly: "readOnlyHint",
  destructive: "destructiveHint",
  idempotent: "idempotentHint",
  openworld: "openWorldHint",
};

/** Normalised hint key: lower case, no separators, no `hint` suffix. @example "read-Only_Hint" → "readonly" */
function hintKey(raw: string): string {
  return raw.toLowerCase().replace(/[-_]/g, "").replace(/hint$/, "");
}

/** The hints an operation declares, or undefined when it declares none. */
export function specHints(ctx: SpecContext, op: Located): Partial<ToolAnnotations> | undefined {
  const o = op.value as Record<string, unknown>;
  const hints: Partial<ToolAnnotations> = {};
  const take = (raw: string, value: unknown, pointer: string): void => {
    const hint = HINTS[hintKey(raw)];
    if (hint && typeof value === "boolean") hints[hint] = value;
    else invalid(ctx, { doc: op.doc, pointer }, raw);
  };
  for (const key of Object.keys(o).sort()) {
    if (!key.toLowerCase().startsWith("x-mcp-")) continue;
    const rest = key.slice("x-mcp-".length);
    if (rest.toLowerCase() === "annotations") {
      if (!isObj(o[key])) invalid(ctx, { doc: op.doc, pointer: joinPointer(op.pointer, key) }, key);
      else for (const name of Object.keys(o[key] as object).sort()) take(name, (o[key] as Record<string, unknown>)[name], joinPointer(op.pointer, key, name));
    } else if (HINTS[hintKey(rest)]) take(rest, o[key], joinPointer(op.pointer, key));
  }
  return Object.keys(hints).length > 0 ? hints : undefined;
}

function invalid(ctx: SpecContext, at: { doc: string; pointer: string }, name: string): void {
  reportOnce(ctx, `hint:${at.doc}:${at.pointer}`, at, {
    code: "GW216",
    severity: "warning",
    message: `x-mcp hint "${name}" ignored: it must be readOnly, destructive, idempotent or openWorld with a boolean value`,
  });
}
