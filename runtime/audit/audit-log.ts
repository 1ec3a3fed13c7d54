// The audit log: one JSONL line per tool call, written without blocking the call and never throwing into it.
// A line names the caller by subject and credential fingerprint (never the token), holds argument keys (values
// only when configured, with sensitive fields and secrets redacted), and what came of the call.

import type { Caller } from "../auth/caller.js";
import type { AuditRuntime } from "../contract.js";
import type { Redactor } from "../redact.js";
import { redactFields } from "../sensitive.js";
import { RotatingFile } from "./rotating-file.js";

/**
 * How a call ended: the one list (the README's "Limits and audit" names each; a test holds them together).
 * `tool_error`: the upstream answered with an error the model can act on (a 4xx, GraphQL errors);
 * `upstream_error`: no usable answer (network, timeout, 5xx, a failing token endpoint); `refused`: the gateway
 * would not run or send it (see `reason`); `invalid_arguments`: the schema said no; `rate_limited`: a 429 before
 * anything else was decided.
 */
export const OUTCOMES = ["ok", "tool_error", "upstream_error", "refused", "invalid_arguments", "rate_limited"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Why a call was `refused` before it reached its tool: the caller's scopes do not cover it (a 403 step-up over
 * HTTP), its app is not one the caller or the connection may use, dynamic mode has not enabled it, or no tool
 * has that name. Refusals inside the call path (a header with a control character, a redirect elsewhere) carry
 * none: the message says what was refused.
 */
export const REFUSAL_REASONS = ["missing_scopes", "app_not_allowed", "tool_not_enabled", "unknown_tool"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** What the call path learnt about one call; filled in by `callTool`. */
export interface CallReport {
  outcome?: Outcome;
  reason?: RefusalReason;
  /** The upstream's HTTP status, when it answered. */
  status?: number;
}

/**
 * How a call that returned a result ended, for the audit line, the metrics and the span alike: what the call path
 * reported (`callTool` reports every way it returns), else what the result says.
 */
export function outcomeOf(report: CallReport, result: { isError?: boolean }): Outcome {
  return report.outcome ?? (result.isError ? "tool_error" : "ok");
}

/** One call as the audit log records it. */
export interface AuditCall {
  /** When the call started (ms since the epoch). */
  start: number;
  durationMs: number;
  caller: Caller;
  session?: string;
  /** The HTTP request's id (its `x-request-id`, as in the log lines), or the stdio message's; absent outside a request. */
  requestId?: string;
  /** Absent for a refused call of a name no tool has. */
  app?: string;
  /** The name called (for `call-tool`, the tool it names). */
  tool: string;
  args: unknown;
  /** UTF-8 bytes of the arguments received and of the result's content sent back. */
  bytesIn: number;
  bytesOut: number;
  report: CallReport & { outcome: Outcome };
}

/** One line of the file, in key order. @example {"time":"2026-05-01T10:00:00.000Z","subject":"bearer:3f…","tool":"repos_get",…} */
export interface AuditLine {
  time: string;
  subject: string;
  fingerprint?: string;
  session?: string;
  request_id?: string;
  app?: string;
  tool: string;
  arg_keys: string[];
  args?: unknown;
  upstream_status?: number;
  duration_ms: number;
  bytes_in: number;
  bytes_out: number;
  outcome: Outcome;
  reason?: RefusalReason;
}

export interface AuditLogOptions {
  config: AuditRuntime;
  /** Secrets (and the call's sensitive values are redacted by field name before this). */
  redactor: Redactor;
  sensitive: ReadonlySet<string> | undefined;
  now?: () => number;
  onError?: (error: Error) => void;
}

export class AuditLog {
  readonly #file: RotatingFile;
  readonly #options: AuditLogOptions;

  constructor(options: AuditLogOptions) {
    this.#options = options;
    this.#file = new RotatingFile({
      dir: options.config.dir,
      rotate: options.config.rotate,
      ...(options.now && { now: options.now }),
      ...(options.onError && { onError: options.onError }),
    });
  }

  /** Writes one line. Never throws. */
  record(call: AuditCall): void {
    try {
      this.#file.append(this.#options.redactor.redact(JSON.stringify(this.line(call))));
    } catch (error) {
      this.#options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The line of one call, before secret redaction. */
  line(call: AuditCall): AuditLine {
    const args = call.args !== null && typeof call.args === "object" && !Array.isArray(call.args) ? (call.args as Record<string, unknown>) : {};
    const line: AuditLine = {
      time: new Date(call.start).toISOString(),
      subject: call.caller.subject,
      ...(call.caller.fingerprint !== undefined && { fingerprint: call.caller.fingerprint }),
      ...(call.session !== undefined && { session: call.session }),
      ...(call.requestId !== undefined && { request_id: call.requestId }),
      ...(call.app !== undefined && { app: call.app }),
      tool: call.tool,
      arg_keys: Object.keys(args).sort(),
      ...(this.#options.config.includeValues && { args: redactFields(args, this.#options.sensitive) }),
      ...(call.report.status !== undefined && { upstream_status: call.report.status }),
      duration_ms: Math.round(call.durationMs * 10) / 10,
      bytes_in: call.bytesIn,
      bytes_out: call.bytesOut,
      outcome: call.report.outcome,
      ...(call.report.reason !== undefined && { reason: call.report.reason }),
    };
    return line;
  }

  /** Flushes and closes the current file. */
  close(): Promise<void> {
    return this.#file.close();
  }
}
