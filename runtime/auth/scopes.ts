// What a caller may call and see: every scope a tool needs must be among the caller's, and only the apps the
// caller may use. Pure: the transports turn the answers into a 403 (HTTP) or an isError result (elsewhere).
// @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 (insufficient_scope)
// @see https://modelcontextprotocol.io/specification/2026-07-28/basic/authorization (scope challenge: the scopes the operation needs)

import type { Tool } from "../contract.js";
import { CALL } from "../modes/meta-tools.js";
import type { Caller } from "./caller.js";

/** What the checks read of a caller. */
export type Grant = Pick<Caller, "scopes" | "apps">;

/** The scopes `tool` needs that `caller` lacks, sorted; empty when it may call it (a `null` grant holds every scope). */
export function missingScopes(caller: Pick<Caller, "scopes">, tool: Pick<Tool, "scopes">): string[] {
  if (caller.scopes === null) return [];
  const held = new Set(caller.scopes);
  return (tool.scopes ?? []).filter((scope) => !held.has(scope)).sort();
}

/** True when the caller holds every scope the tool needs. */
export function canCall(caller: Pick<Caller, "scopes">, tool: Pick<Tool, "scopes">): boolean {
  // Asked per tool when a view is filtered and per call: a tool needs one or two scopes, so no Set and no sort.
  const held = caller.scopes;
  return held === null || (tool.scopes ?? []).every((scope) => held.includes(scope));
}

/** The apps of `asked` the caller may not use, in the order asked; empty when it may use them all. */
export function forbiddenApps(caller: Pick<Caller, "apps">, asked: readonly string[]): string[] {
  if (caller.apps === null) return [];
  const allowed = new Set(caller.apps);
  return asked.filter((app) => !allowed.has(app));
}

/**
 * The 403 step-up challenge (RFC 6750 §3.1): `scope` lists every scope the call needs, not only the missing
 * ones and not what the token already holds (the client adds those itself when it re-authorizes).
 */
export function insufficientScopeChallenge(needed: readonly string[], resourceMetadataUrl: string): string {
  return `Bearer error="insufficient_scope", scope="${needed.join(" ")}", resource_metadata="${resourceMetadataUrl}"`;
}

/** One sentence for a model or a log: which tool, which scopes are missing, and what to do. */
export function missingScopesMessage(tool: Pick<Tool, "name" | "scopes">, missing: readonly string[]): string {
  const plural = missing.length > 1 ? "s" : "";
  return `tool "${tool.name}" needs the scope${plural} ${missing.join(" ")}, which this caller's credential does not grant; it can be called only with a token granting ${(tool.scopes ?? []).join(" ")}`;
}

/** The tool a JSON-RPC request is about to run: `tools/call`'s name, or the target of a `call-tool` meta call. */
export function calledToolName(message: unknown): string | undefined {
  return calledTool(message)?.name;
}

/** `calledToolName` with the arguments that tool would get (for `call-tool`, its `arguments`). */
export function calledTool(message: unknown): { name: string; args: unknown } | undefined {
  const request = message as { method?: unknown; params?: { name?: unknown; arguments?: { name?: unknown; arguments?: unknown } } } | null;
  if (request?.method !== "tools/call" || typeof request.params?.name !== "string") return undefined;
  const name = request.params.name;
  if (name === CALL) {
    const target = request.params.arguments?.name;
    return typeof target === "string" ? { name: target, args: request.params.arguments?.arguments } : undefined;
  }
  return { name, args: request.params.arguments };
}
