// resolveRuntime: ${ENV} resolution, missing variables named with the field that needs them, base URL override.
import { describe, expect, test } from "vitest";
import type { AppRuntime, GatewayRuntime } from "../../../runtime/contract.js";
import { StartupError, resolveRuntime } from "../../../runtime/config/secrets.js";

function gateway(apps: AppRuntime[], tokens?: string[]): GatewayRuntime {
  return {
    name: "g",
    version: "1",
    mode: "static",
    server: {
      http: { host: "127.0.0.1", port: 0, path: "/mcp" },
      ...(tokens ? { auth: { bearer: { tokens: tokens.map((token) => ({ token })) } } } : {}),
      allowedOrigins: [],
      sessions: { idleTimeoutMs: 1000, maxSessions: 10 },
      maxBodyBytes: 1_048_576,
    },
    limits: { timeoutMs: 1000, maxResponseBytes: 900000 },
    sensitiveFields: [],
    apps,
    prompts: [],
  };
}

const github: AppRuntime = {
  name: "github",
  baseUrl: "https://api.github.com/",
  baseUrlEnv: "GATEWAY_GITHUB_BASE_URL",
  redirectOrigins: [],
  auth: { type: "bearer", token: "${GITHUB_TOKEN}" },
  headers: { "X-GitHub-Api-Version": "2022-11-28", "X-Tenant": "t-${TENANT}" },
};

describe("resolveRuntime", () => {
  test("resolves auth, headers and tokens; collects the secrets", () => {
    const env = { GITHUB_TOKEN: "ghp_secret1", TENANT: "acme", GATEWAY_TOKEN: "inbound-1" };
    const r = resolveRuntime(gateway([github], ["${GATEWAY_TOKEN}"]), env);
    const app = r.apps.get("github");
    expect(app?.auth).toEqual({ type: "bearer", token: "ghp_secret1" });
    expect(app?.headers).toEqual({ "X-GitHub-Api-Version": "2022-11-28", "X-Tenant": "t-acme" });
    expect(app?.baseUrl).toBe("https://api.github.com/"); // as configured: request.ts joins paths without the slash
    expect(r.bearerTokens).toEqual(["inbound-1"]);
    expect(r.secrets).toEqual(expect.arrayContaining(["ghp_secret1", "inbound-1", "t-acme"]));
    // Literal (non-env) header values are not secrets.
    expect(r.secrets).not.toContain("2022-11-28");
  });

  test("does not mutate the input config", () => {
    const g = gateway([github]);
    const before = JSON.stringify(g);
    resolveRuntime(g, { GITHUB_TOKEN: "x", TENANT: "y" });
    expect(JSON.stringify(g)).toBe(before);
  });

  test.each([
    ["auth token", { TENANT: "y" }, "GITHUB_TOKEN", "apps.github.auth.token"],
    ["header", { GITHUB_TOKEN: "x" }, "TENANT", "apps.github.headers.X-Tenant"],
    ["empty counts as missing", { GITHUB_TOKEN: "", TENANT: "y" }, "GITHUB_TOKEN", "apps.github.auth.token"],
  ])("missing variable (%s) → StartupError naming it and the field", (_name, env, variable, field) => {
    let error: unknown;
    try {
      resolveRuntime(gateway([github]), env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).message).toContain(variable);
    expect((error as StartupError).message).toContain(field);
    expect((error as StartupError).field).toBe(field);
  });

  test("several missing variables are listed in one error", () => {
    expect(() => resolveRuntime(gateway([github], ["${GATEWAY_TOKEN}"]), {})).toThrow(
      /3 environment variables are not set: .*TENANT.*GITHUB_TOKEN.*GATEWAY_TOKEN/,
    );
  });

  test("missing inbound token names server.auth", () => {
    expect(() => resolveRuntime(gateway([], ["${GATEWAY_TOKEN}"]), {})).toThrow(/GATEWAY_TOKEN.*server\.auth\.bearer\.tokens\[0\]/);
  });

  test("baseUrlEnv overrides the base URL, kept as given (a GraphQL endpoint's slash matters); a bad URL is a StartupError", () => {
    const env = { GITHUB_TOKEN: "x", TENANT: "y", GATEWAY_GITHUB_BASE_URL: "http://127.0.0.1:9999/api/" };
    expect(resolveRuntime(gateway([github]), env).apps.get("github")?.baseUrl).toBe("http://127.0.0.1:9999/api/");
    expect(() => resolveRuntime(gateway([github]), { ...env, GATEWAY_GITHUB_BASE_URL: "not a url" })).toThrow(/GATEWAY_GITHUB_BASE_URL/);
  });

  test.each([
    ["basic", { type: "basic", username: "${U}", password: "${P}" } as const, { U: "user", P: "pass-word" }, ["user", "pass-word", Buffer.from("user:pass-word").toString("base64")]],
    ["api_key", { type: "api_key", in: "query", name: "key", value: "${K}" } as const, { K: "key-123" }, ["key-123"]],
  ])("%s credentials are resolved and listed as secrets", (_name, auth, env, secrets) => {
    const r = resolveRuntime(gateway([{ ...github, auth, headers: {} }]), env);
    expect(r.secrets).toEqual(expect.arrayContaining(secrets));
  });
});
