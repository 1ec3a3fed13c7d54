// The refusal recorder: a refused call becomes an audit line in key order (reason after outcome, no app for an
// unknown name, bytes_out 0), and nothing it is given can make it throw into the request it reports.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { AuditLog } from "../../../runtime/audit/audit-log.js";
import { refusalRecorder } from "../../../runtime/audit/refusal.js";
import { bearerCaller } from "../../../runtime/auth/caller.js";
import { createRedactor } from "../../../runtime/redact.js";
import { sensitiveSet } from "../../../runtime/sensitive.js";

const dir = mkdtempSync(join(tmpdir(), "gw-audit-refusal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const START = Date.parse("2026-05-01T10:00:00.000Z");
const caller = bearerCaller("0123456789abcdef");

describe("refusalRecorder", () => {
  test("a refusal is one line: outcome then reason, the app only when a tool has the name, nothing sent back", async () => {
    const log = new AuditLog({ config: { dir, rotate: { every: "day" }, includeValues: true }, redactor: createRedactor([]), sensitive: sensitiveSet(["pin"]), now: () => START });
    const record = refusalRecorder(log, () => START);
    record({ caller, session: "s-1", tool: "delete_item", app: "shop", args: { id: "1", pin: "4242" }, outcome: "refused", reason: "missing_scopes" });
    record({ caller, tool: "nope", args: {}, outcome: "refused", reason: "unknown_tool" });
    record({ caller, tool: "get_item", app: "shop", args: { id: "2" }, outcome: "rate_limited" });
    await log.close();
    const lines = readFileSync(join(dir, "audit-2026-05-01.jsonl"), "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      '{"time":"2026-05-01T10:00:00.000Z","subject":"bearer:0123456789abcdef","fingerprint":"0123456789abcdef","session":"s-1","app":"shop","tool":"delete_item","arg_keys":["id","pin"],"args":{"id":"1","pin":"[redacted]"},"duration_ms":0,"bytes_in":23,"bytes_out":0,"outcome":"refused","reason":"missing_scopes"}',
    );
    expect(JSON.parse(lines[1]!)).not.toHaveProperty("app");
    expect(JSON.parse(lines[2]!)).toMatchObject({ outcome: "rate_limited" });
    expect(JSON.parse(lines[2]!)).not.toHaveProperty("reason");
  });

  test("never throws: not with arguments that cannot be read, not with a log that fails", () => {
    const hostile = Object.defineProperty({}, "id", { enumerable: true, get: () => { throw new Error("boom"); } });
    const log = new AuditLog({ config: { dir, rotate: { every: "day" }, includeValues: true }, redactor: createRedactor([]), sensitive: undefined, now: () => START });
    expect(() => refusalRecorder(log)({ caller, tool: "t", args: hostile, outcome: "refused", reason: "unknown_tool" })).not.toThrow();
    const broken = { record: () => { throw new Error("disk on fire"); } } as unknown as AuditLog;
    expect(() => refusalRecorder(broken)({ caller, tool: "t", args: {}, outcome: "rate_limited" })).not.toThrow();
  });
});
