// gateway.yaml keys of the limits and the audit log: server.max_body_bytes, server.rate_limit, audit, redact.
// Valid values reach Config (and so generated/gateway.ts) as the runtime reads them; bad ones are reported at
// file:line:col of the value.
import { describe, expect, test } from "vitest";
import schema from "../../../schema/gateway.schema.json" with { type: "json" };
import type { Config } from "../../../generator/config/types.js";
import { errorsOf, loadText } from "./load-text.js";

const HEAD = "name: tiny\napps:\n  pets:\n    openapi: specs/petstore.json\n";

const load = (yaml: string) => loadText(HEAD + yaml);

/** `line:col message` of each error. */
const errors = (yaml: string) => errorsOf(HEAD + yaml);

describe("defaults", () => {
  const { config } = load("");
  test("max_body_bytes is 1 MiB, as the schema says; no rate limit, no audit, no redacted fields", () => {
    expect(config!.server.maxBodyBytes).toBe(1_048_576);
    expect(config!.server.maxBodyBytes).toBe(schema.definitions.server.properties.max_body_bytes.default);
    expect(config!.server.rateLimit).toBeUndefined();
    expect(config!.audit).toBeUndefined();
    expect(config!.sensitiveFields).toEqual([]);
  });
});

describe("valid keys", () => {
  test.each<[string, string, (c: Config) => unknown, unknown]>([
    ["max_body_bytes", "server:\n  max_body_bytes: 65536\n", (c) => c.server.maxBodyBytes, 65536],
    ["rate_limit", "server:\n  rate_limit: { requests_per_minute: 120, burst: 10 }\n", (c) => c.server.rateLimit, { requestsPerMinute: 120, burst: 10 }],
    ["rate_limit without burst", "server:\n  rate_limit: { requests_per_minute: 30 }\n", (c) => c.server.rateLimit, { requestsPerMinute: 30, burst: 30 }],
    ["audit defaults", "audit: { dir: logs/audit }\n", (c) => c.audit, { dir: "logs/audit", rotate: { every: "day" }, includeValues: false }],
    ["audit by size", "audit: { dir: a, rotate: size, max_bytes: 4096, include_values: true }\n", (c) => c.audit, { dir: "a", rotate: { every: "size", maxBytes: 4096 }, includeValues: true }],
    ["audit by size, default size", "audit: { dir: a, rotate: size }\n", (c) => c.audit, { dir: "a", rotate: { every: "size", maxBytes: schema.definitions.audit.properties.max_bytes.default }, includeValues: false }],
    ["redact fields, sorted", "redact: { fields: [ssn, Password] }\n", (c) => c.sensitiveFields, ["Password", "ssn"]],
  ])("%s", (_, yaml, get, want) => {
    const { config, report } = load(yaml);
    expect(report.diagnostics).toEqual([]);
    expect(get(config!)).toEqual(want);
  });
});

describe("bad values are reported where they are written", () => {
  test.each<[string, string, string]>([
    ["max_body_bytes not a number", "server:\n  max_body_bytes: lots\n", "6:19 GW102"],
    ["max_body_bytes too small", "server:\n  max_body_bytes: 10\n", "6:19 GW102"],
    ["rate_limit zero", "server:\n  rate_limit: { requests_per_minute: 0 }\n", "6:38 GW102"],
    ["rate_limit burst negative", "server:\n  rate_limit: { requests_per_minute: 5, burst: -1 }\n", "6:48 GW102"],
    ["rate_limit unknown key", "server:\n  rate_limit: { requests_per_minute: 5, per_second: 1 }\n", "6:41 GW104"],
    ["rate_limit missing rate", "server:\n  rate_limit: { burst: 5 }\n", "6:3 GW103"],
    ["audit rotate", "audit: { dir: a, rotate: weekly }\n", "5:26 GW102"],
    ["audit without dir", "audit: { rotate: day }\n", "5:1 GW103"],
    ["audit max_bytes without rotate", "audit: { dir: a, max_bytes: 4096 }\n", "5:1 GW103"],
    ["audit max_bytes with rotate: day", "audit: { dir: a, rotate: day, max_bytes: 4096 }\n", "5:26 GW102"],
    ["audit include_values", "audit: { dir: a, include_values: yes please }\n", "5:34 GW102"],
    ["redact fields not a list", "redact: { fields: password }\n", "5:19 GW102"],
    ["redact empty field", "redact: { fields: [\"\"] }\n", "5:20 GW102"],
  ])("%s", (_, yaml, want) => {
    const found = errors(yaml);
    expect(found.length, found.join("\n")).toBeGreaterThan(0);
    expect(found[0]).toMatch(new RegExp(`^${want}`));
  });
});
