// The OpenAPI source's annotation rules: hints by HTTP method, before the spec's `x-mcp-*` hints and gateway.yaml.
import type { HintRule, HttpMethod, ToolAnnotations } from "../../plan/tool-plan.js";

const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const WRITE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

/** Hints by HTTP method (RFC 9110 §9.2: safe and idempotent methods). */
export const BY_METHOD: Record<HttpMethod, ToolAnnotations> = {
  GET: READ,
  HEAD: READ,
  OPTIONS: READ,
  TRACE: READ,
  PUT: { ...WRITE, idempotentHint: true },
  DELETE: { ...WRITE, destructiveHint: true, idempotentHint: true },
  POST: WRITE,
  PATCH: WRITE,
};

/** The rule for one operation, and how a warning names it. */
export function methodRule(method: HttpMethod): HintRule {
  return { label: `a ${method}`, annotations: BY_METHOD[method] };
}
