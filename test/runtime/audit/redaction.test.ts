// Sensitive fields (redact.fields) and secrets in audit lines and in a call's error texts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { AuditLog, type AuditCall } from "../../../runtime/audit/audit-log.js";
import { bearerCaller } from "../../../runtime/auth/caller.js";
import { createRedactor } from "../../../runtime/redact.js";
import { callRedactor, redactFields, sensitiveSet, sensitiveValues } from "../../../runtime/sensitive.js";

const fields = sensitiveSet(["password", "SSN"]);

describe("redactFields", () => {
  test.each<[string, unknown, unknown]>([
    ["top level, any case", { Password: "hunter22", user: "ann" }, { Password: "[redacted]", user: "ann" }],
    ["nested in objects and arrays", { users: [{ ssn: "123-45-6789", name: "a" }] }, { users: [{ ssn: "[redacted]", name: "a" }] }],
    ["an object value goes whole", { password: { old: "a", new: "b" } }, { password: "[redacted]" }],
    ["scalars pass", "password", "password"],
  ])("%s", (_, given, want) => {
    expect(redactFields(given, fields)).toEqual(want);
  });

  test("no configured fields: the value itself", () => {
    const value = { password: "x" };
    expect(redactFields(value, sensitiveSet([]))).toBe(value);
  });
});

describe("sensitiveValues and callRedactor", () => {
  test("collects every value under a sensitive name, at any depth", () => {
    expect(sensitiveValues({ a: { PASSWORD: "hunter22" }, ssn: 123456789, list: [{ password: ["p1-long", "p2-long"] }] }, fields).sort()).toEqual(["123456789", "hunter22", "p1-long", "p2-long"]);
  });

  test("a call's error text loses its sensitive values and the secrets", () => {
    const base = createRedactor(["sk_live_secret"]);
    const redactor = callRedactor(base, sensitiveValues({ password: "hunter22" }, fields));
    expect(redactor.redact("upstream 401: echo password=hunter22 key=sk_live_secret")).toBe("upstream 401: echo password=[redacted] key=[redacted]");
    expect(callRedactor(base, [])).toBe(base);
  });
});

describe("AuditLog lines", () => {
  const dir = mkdtempSync(join(tmpdir(), "gw-audit-line-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const caller = bearerCaller("0123456789abcdef");
  const call: AuditCall = {
    start: Date.parse("2026-05-01T10:00:00.000Z"),
    durationMs: 12.345,
    caller,
    session: "s-1",
    app: "pets",
    tool: "create_user",
    args: { name: "ann", password: "hunter22", note: "key sk_live_secret" },
    bytesIn: 60,
    bytesOut: 20,
    report: { outcome: "tool_error", status: 400 },
  };

  test("keys only by default: who, what, how it went; never a value", async () => {
    const log = new AuditLog({ config: { dir, rotate: { every: "day" }, includeValues: false }, redactor: createRedactor([]), sensitive: fields, now: () => call.start });
    expect(log.line(call)).toEqual({
      time: "2026-05-01T10:00:00.000Z",
      subject: "bearer:0123456789abcdef",
      fingerprint: "0123456789abcdef",
      session: "s-1",
      app: "pets",
      tool: "create_user",
      arg_keys: ["name", "note", "password"],
      upstream_status: 400,
      duration_ms: 12.3,
      bytes_in: 60,
      bytes_out: 20,
      outcome: "tool_error",
    });
    await log.close();
  });

  test("include_values: values with sensitive fields and secrets redacted, in the file", async () => {
    const sub = join(dir, "values");
    const log = new AuditLog({ config: { dir: sub, rotate: { every: "day" }, includeValues: true }, redactor: createRedactor(["sk_live_secret"]), sensitive: fields, now: () => call.start });
    log.record(call);
    await log.close();
    const text = readFileSync(join(sub, "audit-2026-05-01.jsonl"), "utf8");
    expect(text).not.toContain("hunter22");
    expect(text).not.toContain("sk_live_secret");
    expect(JSON.parse(text).args).toEqual({ name: "ann", password: "[redacted]", note: "key [redacted]" });
  });
});
