// Calls the gateway answers without running a tool (a 403 step-up, an unknown or not-enabled tool, a 429) leave an
// audit line too: who asked for what, and why it was refused. The hooks that report them (the HTTP router and the
// modes) stay one line each; this recorder turns a refusal into a line and never throws into the request.

import type { Caller } from "../auth/caller.js";
import type { AuditLog, RefusalReason } from "./audit-log.js";
import { currentRequestId } from "../log.js";

/** A tools/call the gateway answered without running it. */
export interface Refusal {
  caller: Caller;
  /** The MCP session, when the request belongs to one the caller owns. */
  session?: string;
  /** The name called (for `call-tool`, the tool it names). */
  tool: string;
  /** The tool's app, when a tool has that name. */
  app?: string;
  args: unknown;
  outcome: "refused" | "rate_limited";
  /** Why, for `refused`. */
  reason?: RefusalReason;
}

/** Reports a refusal; absent when no audit log is configured. Never throws. */
export type RecordRefusal = (refusal: Refusal) => void;

/** The recorder of `log`: a line with no upstream status, no duration and nothing sent back but the refusal. */
export function refusalRecorder(log: AuditLog, now: () => number = Date.now): RecordRefusal {
  return (refusal) => {
    try {
      const requestId = currentRequestId();
      log.record({
        start: now(),
        durationMs: 0,
        caller: refusal.caller,
        ...(refusal.session !== undefined && { session: refusal.session }),
        ...(requestId !== undefined && { requestId }),
        ...(refusal.app !== undefined && { app: refusal.app }),
        tool: refusal.tool,
        args: refusal.args,
        bytesIn: jsonBytes(refusal.args),
        bytesOut: 0,
        report: { outcome: refusal.outcome, ...(refusal.reason && { reason: refusal.reason }) },
      });
    } catch {
      // record() never throws; this guards the line's inputs (an args object with a throwing getter, say).
    }
  };
}

/** UTF-8 bytes of `value` as JSON; 0 when it cannot be serialised. */
export function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value ?? {}));
  } catch {
    return 0;
  }
}
