// Configured sensitive field names (gateway.yaml `redact.fields`): their values, wherever they sit in a call's
// arguments, never reach a log line, an error text or the audit log. Names match case-insensitively, at any depth.

import { createRedactor, type Redactor } from "./redact.js";

const REDACTED = "[redacted]";

/** The lower-cased names, for `redactFields` and `sensitiveValues`; undefined when none is configured. */
export function sensitiveSet(fields: readonly string[]): ReadonlySet<string> | undefined {
  return fields.length > 0 ? new Set(fields.map((f) => f.toLowerCase())) : undefined;
}

/** A copy of `value` with every property named in `fields` replaced by "[redacted]", at any depth. */
export function redactFields(value: unknown, fields: ReadonlySet<string> | undefined): unknown {
  if (!fields || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, fields));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = fields.has(key.toLowerCase()) ? REDACTED : redactFields(item, fields);
  return out;
}

/** The scalar values (as text) of every property named in `fields`, at any depth of `value`. */
export function sensitiveValues(value: unknown, fields: ReadonlySet<string> | undefined, out: string[] = []): string[] {
  if (!fields || value === null || typeof value !== "object") return out;
  for (const [key, item] of Object.entries(value)) {
    if (fields.has(key.toLowerCase())) collectScalars(item, out);
    else sensitiveValues(item, fields, out);
  }
  return out;
}

function collectScalars(value: unknown, out: string[]): void {
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") out.push(String(value));
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) collectScalars(item, out);
}

/**
 * A redactor for one call: `base` (the secrets) plus the call's sensitive argument values, so an upstream that
 * echoes a password back, or a validation message quoting it, shows "[redacted]". `base` itself when there are none.
 */
export function callRedactor(base: Redactor, values: readonly string[]): Redactor {
  if (values.length === 0) return base;
  const extra = createRedactor(values);
  return { redact: (text) => base.redact(extra.redact(text)), redactSecrets: (text) => base.redactSecrets(extra.redactSecrets(text)) };
}
