// gateway.yaml server.sessions.store: absent means memory; redis { url, key_prefix } reaches Config as the runtime
// reads it; the URL is a secret (an ${ENV} reference, never a literal: it may hold a password), resolved at start.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../../generator/config/load.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import type { GatewayRuntime } from "../../../runtime/contract.js";
import { resolveRuntime } from "../../../runtime/config/secrets.js";

const VALID = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/configs/valid");
const dir = mkdtempSync(join(tmpdir(), "gw-store-"));
cpSync(join(VALID, "specs"), join(dir, "specs"), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(yaml: string) {
  const file = join(dir, "gateway.yaml");
  writeFileSync(file, "name: tiny\napps:\n  pets:\n    openapi: specs/petstore.json\n" + yaml);
  const report = new Report();
  const config = loadConfig(file, report);
  return { config, errors: report.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`) };
}

describe("server.sessions.store", () => {
  test("absent: memory (no store key)", () => {
    expect(load("").config!.server.sessions.store).toBeUndefined();
  });

  test("redis with the default key prefix, and with its own", () => {
    expect(load('server:\n  sessions:\n    store: { redis: { url: "${REDIS_URL}" } }\n').config!.server.sessions.store).toEqual({ redis: { url: "${REDIS_URL}", keyPrefix: "gateway:" } });
    expect(load('server:\n  sessions:\n    store: { redis: { url: "${REDIS_URL}", key_prefix: "shop:" } }\n').config!.server.sessions.store).toEqual({ redis: { url: "${REDIS_URL}", keyPrefix: "shop:" } });
  });

  test("a literal URL is a literal secret (GW105), never echoed", () => {
    const { errors } = load('server:\n  sessions:\n    store: { redis: { url: "redis://:hunter2@redis:6379" } }\n');
    expect(errors.some((e) => e.includes("GW105"))).toBe(true);
    expect(errors.join("\n")).not.toContain("hunter2");
  });

  test("an unknown store kind is an unknown key", () => {
    expect(load("server:\n  sessions:\n    store: { memcached: {} }\n").errors.join("\n")).toMatch(/GW10[34]/);
  });

  test("at start the URL is resolved, and it and its password join the redaction set", () => {
    const gateway = { server: { sessions: { idleTimeoutMs: 1, maxSessions: 1, store: { redis: { url: "${REDIS_URL}", keyPrefix: "gateway:" } } } }, apps: [] } as unknown as GatewayRuntime;
    const resolved = resolveRuntime(gateway, { REDIS_URL: "redis://:s3cr%40t@redis:6379/0" });
    expect(resolved.redisUrl).toBe("redis://:s3cr%40t@redis:6379/0");
    expect(resolved.secrets).toEqual(expect.arrayContaining(["redis://:s3cr%40t@redis:6379/0", "s3cr@t"]));
    expect(() => resolveRuntime(gateway, {})).toThrow(/REDIS_URL \(needed by server.sessions.store.redis.url\)/);
  });
});
