// loadConfig on valid files: every YAML value reaches Config under its camelCase name, defaults match the schema.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { parse } from "yaml";
import schema from "../../../schema/gateway.schema.json" with { type: "json" };
import { loadConfig } from "../../../generator/config/load.js";
import type { Config } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";

const VALID = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/configs/valid");

function load(name: string): { config: Config; raw: any; text: string; report: Report } {
  const report = new Report();
  const config = loadConfig(join(VALID, name), report);
  expect(report.diagnostics).toEqual([]);
  expect(config).toBeDefined();
  const text = readFileSync(join(VALID, name), "utf8");
  return { config: config!, raw: parse(text), text, report };
}

describe("full config round trip", () => {
  const { config, raw } = load("gateway.yaml");

  test("top level and server", () => {
    expect(config.path).toBe(join(VALID, "gateway.yaml"));
    expect(config.root).toBe(VALID);
    expect(config.file).toBe("gateway.yaml");
    expect([config.name, config.version, config.mode, config.allowRemoteRefs]).toEqual([raw.name, raw.version, raw.mode, raw.allow_remote_refs]);
    expect(config.server.http).toEqual(raw.server.http);
    expect(config.server.auth).toEqual({ bearer: { tokens: raw.server.auth.bearer.tokens.map((token: string) => ({ token })) } });
    expect(config.server.allowedOrigins).toEqual(raw.server.allowed_origins);
    expect(config.server.sessions).toEqual({ idleTimeoutMs: raw.server.sessions.idle_timeout_ms, maxSessions: raw.server.sessions.max_sessions });
    expect(config.limits).toEqual({ timeoutMs: raw.limits.timeout_ms, maxResponseBytes: raw.limits.max_response_bytes });
    expect(config.naming.maxLength).toBe(raw.naming.max_length);
  });

  test("apps are sorted by name, whatever the YAML order", () => {
    const names = config.apps.map((a) => a.name);
    expect(names).toEqual(Object.keys(raw.apps).sort());
    expect(names).not.toEqual(Object.keys(raw.apps));
  });

  test.each(["github", "shop", "billing"])("app %s keeps every field", (name) => {
    const app = config.apps.find((a) => a.name === name)!;
    const user = raw.apps[name];
    expect(app.title).toBe(user.title);
    expect(app.openapi).toBe(user.openapi);
    expect(app.graphql?.schema).toBe(user.graphql);
    expect(app.baseUrl).toBe(user.base_url ?? user.endpoint);
    expect(app.baseUrlEnv).toBe(user.base_url_env ?? user.endpoint_env ?? `GATEWAY_${name.toUpperCase()}_BASE_URL`);
    expect(app.auth).toEqual(user.auth);
    expect(app.headers).toEqual(user.headers ?? {});
    expect(app.include).toEqual(user.include);
    expect(app.exclude).toEqual(user.exclude);
    expect(app.tools).toEqual(user.tools ?? {});
  });

  test("graphql app shop keeps its GraphQL keys: operations in order, scalars sorted, selection in camelCase", () => {
    const app = config.apps.find((a) => a.name === "shop")!;
    const user = raw.apps.shop;
    expect(app.graphql).toEqual({
      schema: user.graphql,
      operations: user.operations,
      scalars: user.scalars,
      selection: { depth: user.selection.depth, maxFields: user.selection.max_fields },
    });
    expect(Object.keys(app.graphql!.scalars)).toEqual(Object.keys(user.scalars).sort());
    expect(Object.keys(app.graphql!.scalars)).not.toEqual(Object.keys(user.scalars));
    expect([app.baseUrl, app.baseUrlEnv]).toEqual([user.endpoint, user.endpoint_env]);
  });

  test("positions of apps and tool keys point at those keys in the file", () => {
    const lines = readFileSync(join(VALID, "gateway.yaml"), "utf8").split("\n");
    const keyAt = (p: { line: number; column: number }): string => lines[p.line - 1].slice(p.column - 1);
    for (const app of config.apps) {
      expect(keyAt(app.positions.app!)).toMatch(new RegExp(`^${app.name}:`));
      for (const [key, at] of Object.entries(app.positions.tools)) {
        expect(keyAt(at).startsWith(key) || keyAt(at).startsWith(JSON.stringify(key))).toBe(true);
      }
      expect(Object.keys(app.positions.tools)).toEqual(Object.keys(app.tools));
    }
  });

  test("prompts are sorted, arguments default to not required", () => {
    expect(config.prompts.map((p) => p.name)).toEqual(Object.keys(raw.prompts).sort());
    for (const prompt of config.prompts) {
      const user = raw.prompts[prompt.name];
      expect(prompt.title).toBe(user.title);
      expect(prompt.description).toBe(user.description);
      expect(prompt.messages).toEqual(user.messages);
      expect(prompt.arguments).toEqual((user.arguments ?? []).map((a: any) => ({ ...a, required: a.required ?? false })));
    }
  });
});

describe("defaults", () => {
  const { config } = load("minimal.yaml");
  const defs = schema.definitions;

  test.each([
    ["version", () => config.version, schema.properties.version.default],
    ["mode", () => config.mode, schema.properties.mode.default],
    ["allow_remote_refs", () => config.allowRemoteRefs, schema.properties.allow_remote_refs.default],
    ["server.http.host", () => config.server.http.host, defs.server.properties.http.properties.host.default],
    ["server.http.port", () => config.server.http.port, defs.server.properties.http.properties.port.default],
    ["server.http.path", () => config.server.http.path, defs.server.properties.http.properties.path.default],
    ["server.allowed_origins", () => config.server.allowedOrigins, defs.server.properties.allowed_origins.default],
    ["server.sessions.idle_timeout_ms", () => config.server.sessions.idleTimeoutMs, defs.server.properties.sessions.properties.idle_timeout_ms.default],
    ["server.sessions.max_sessions", () => config.server.sessions.maxSessions, defs.server.properties.sessions.properties.max_sessions.default],
    ["limits.timeout_ms", () => config.limits.timeoutMs, defs.limits.properties.timeout_ms.default],
    ["limits.max_response_bytes", () => config.limits.maxResponseBytes, defs.limits.properties.max_response_bytes.default],
    ["naming.max_length", () => config.naming.maxLength, defs.naming.properties.max_length.default],
  ] as [string, () => unknown, unknown][])("%s defaults to the schema's default", (_, actual, expected) => {
    expect(expected).toBeDefined();
    expect(actual()).toEqual(expected);
  });

  test("an app without auth, headers or tools gets none, {} and {}", () => {
    const [app] = config.apps;
    expect(app.auth).toEqual({ type: "none" });
    expect(app.headers).toEqual({});
    expect(app.tools).toEqual({});
    expect(app.baseUrlEnv).toBe(`GATEWAY_${app.name.toUpperCase()}_BASE_URL`);
    expect(config.server.auth).toBeUndefined();
  });
});

describe("graphql apps", () => {
  /** Loads `apps.shop` written as `shop` (YAML flow map body) next to the valid fixtures. */
  function shop(body: string): { config?: Config; report: Report } {
    const report = new Report();
    const config = loadConfig(join(VALID, "graphql.yaml"), report, `name: tiny\napps:\n  shop: { ${body} }\n`);
    return { config, report };
  }
  const base = "graphql: specs/shop.graphql, endpoint: https://shop.example.com/graphql";

  test("defaults: the schema's selection, no scalars, no operations, GATEWAY_<APP>_ENDPOINT", () => {
    const { config, report } = shop(base);
    expect(report.diagnostics).toEqual([]);
    const selection = schema.definitions.app.properties.selection.properties;
    const [app] = config!.apps;
    expect(app!.graphql).toEqual({ schema: "specs/shop.graphql", scalars: {}, selection: { depth: selection.depth.default, maxFields: selection.max_fields.default } });
    expect([app!.baseUrl, app!.baseUrlEnv, app!.openapi]).toEqual(["https://shop.example.com/graphql", "GATEWAY_SHOP_ENDPOINT", undefined]);
  });

  test("one glob is a list of one; a partial selection keeps the other default", () => {
    const { config, report } = shop(`${base}, operations: graphql/shop/*.graphql, selection: { max_fields: 5 }`);
    expect(report.diagnostics).toEqual([]);
    expect(config!.apps[0]!.graphql).toMatchObject({ operations: ["graphql/shop/*.graphql"], selection: { depth: 2, maxFields: 5 } });
  });

  test("each scalar's schema is a copy, not the parsed YAML's object", () => {
    const text = `name: tiny\napps:\n  shop: { ${base}, scalars: { A: &a { type: string }, B: *a } }\n`;
    const config = loadConfig(join(VALID, "graphql.yaml"), new Report(), text)!;
    const { scalars } = config.apps[0]!.graphql!;
    expect(scalars).toEqual({ A: { type: "string" }, B: { type: "string" } });
    expect(scalars.A).not.toBe(scalars.B);
  });
});

describe("environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("${ENV} references stay symbolic even when the variables are set", () => {
    process.env.GITHUB_TOKEN = "resolved-token";
    process.env.GATEWAY_TOKEN = "resolved-inbound";
    const { config, raw } = load("gateway.yaml");
    const serialized = JSON.stringify(config);
    expect(serialized).not.toContain("resolved-");
    expect(config.apps.find((a) => a.name === "github")!.auth).toEqual(raw.apps.github.auth);
  });
});

describe("in-memory text", () => {
  test("configText replaces the file's contents; positions and relative paths still work", () => {
    const text = readFileSync(join(VALID, "minimal.yaml"), "utf8").replace("name: tiny", "name: other");
    const report = new Report();
    const config = loadConfig(join(VALID, "not-on-disk.yaml"), report, text);
    expect(report.diagnostics).toEqual([]);
    expect(config?.name).toBe("other");
    expect(config?.file).toBe("not-on-disk.yaml");
  });

  test("a warning alone still yields a Config", () => {
    const text = "name: tiny\napps:\n  pets: { openapi: specs/petstore.json, title: !!unknown x }\n";
    const report = new Report();
    const config = loadConfig(join(VALID, "tagged.yaml"), report, text);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(report.hasErrors).toBe(false);
    expect(config).toBeDefined();
  });
});

describe("public bind without auth (GW108) uses the runtime's loopback definition", () => {
  test.each([
    ["127.0.0.1", false],
    ["localhost", false],
    ["foo.localhost", false],
    ['"::1"', false],
    ['"[::1]"', false],
    ["0.0.0.0", true],
    ["localhost.example.com", true],
  ])("host %s → GW108 %s", (host, reported) => {
    const text = `name: tiny\nserver:\n  http: { host: ${host} }\napps:\n  pets: { openapi: specs/petstore.json }\n`;
    const report = new Report();
    loadConfig(join(VALID, "bind.yaml"), report, text);
    expect(report.diagnostics.map((d) => d.code)).toEqual(reported ? ["GW108"] : []);
  });
});
