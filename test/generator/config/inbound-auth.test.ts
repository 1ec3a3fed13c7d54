// server.public_url and server.auth (static tokens with scopes/apps, oauth): what loads, its defaults, and
// what is refused with file:line:col.
import { describe, expect, test } from "vitest";
import type { Config } from "../../../generator/config/types.js";
import type { Report } from "../../../generator/diagnostics/diagnostic.js";
import { loadText } from "./load-text.js";

/** gateway.yaml text with `server:` lines (indented two spaces) inserted. */
function yaml(server: string): string {
  return `name: t\nserver:\n${server}\napps:\n  pets:\n    openapi: specs/petstore.json\n    base_url: https://pets.example.com\n`;
}

function load(server: string): { config: Config | undefined; report: Report } {
  return loadText(yaml(server));
}

function valid(server: string): Config {
  const { config, report } = load(server);
  expect(report.diagnostics).toEqual([]);
  return config!;
}

describe("server.auth and server.public_url load", () => {
  test("bare ${ENV} tokens and token maps with scopes and apps (sorted)", () => {
    const config = valid(`  auth:\n    bearer:\n      tokens:\n        - \${A}\n        - { token: "\${B}", scopes: [mcp:write, mcp:read], apps: [pets] }`);
    expect(config.server.auth).toEqual({ bearer: { tokens: [{ token: "${A}" }, { token: "${B}", scopes: ["mcp:read", "mcp:write"], apps: ["pets"] }] } });
  });

  test("oauth with only an issuer: asymmetric algorithms, 30 s skew, audience and public URL left to the listener", () => {
    const config = valid(`  auth:\n    oauth: { issuer: "https://login.example.com/" }`);
    expect(config.server.auth).toEqual({
      oauth: {
        issuer: "https://login.example.com/",
        algorithms: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"],
        clockToleranceSec: 30,
      },
    });
    expect(config.server.publicUrl).toBeUndefined();
  });

  test("every oauth key, a string audience becoming a list, and public_url", () => {
    const config = valid(
      [
        `  public_url: https://mcp.example.com/mcp`,
        `  auth:`,
        `    bearer: { tokens: ["\${T}"] }`,
        `    oauth:`,
        `      issuer: https://login.example.com`,
        `      audience: https://mcp.example.com/mcp`,
        `      jwks_uri: https://login.example.com/jwks`,
        `      algorithms: [ES256]`,
        `      clock_skew_s: 5`,
        `      scopes_supported: [mcp:read]`,
        `      apps_claim: mcp_apps`,
        `      introspection: { endpoint: https://login.example.com/introspect, client_id: gw, client_secret: "\${S}", cache_ttl_s: 10 }`,
      ].join("\n"),
    );
    expect(config.server.publicUrl).toBe("https://mcp.example.com/mcp");
    expect(config.server.auth?.oauth).toEqual({
      issuer: "https://login.example.com",
      audience: ["https://mcp.example.com/mcp"],
      jwksUri: "https://login.example.com/jwks",
      algorithms: ["ES256"],
      clockToleranceSec: 5,
      scopesSupported: ["mcp:read"],
      appsClaim: "mcp_apps",
      introspection: { endpoint: "https://login.example.com/introspect", clientId: "gw", clientSecret: "${S}", cacheTtlMs: 10_000 },
    });
    expect(config.server.auth?.bearer).toEqual({ tokens: [{ token: "${T}" }] });
  });

  test("apps_map: claim values in code-unit order, each value's apps sorted and once", () => {
    const config = valid(`  auth:\n    oauth:\n      issuer: https://a.example\n      apps_claim: groups\n      apps_map: { support: [pets, pets], Admins: [pets] }`);
    expect(config.server.auth?.oauth?.appsClaim).toBe("groups");
    expect(Object.entries(config.server.auth?.oauth?.appsByClaimValue ?? {})).toEqual([["Admins", ["pets"]], ["support", ["pets"]]]);
  });

  test("an audience list is kept as written", () => {
    const config = valid(`  auth:\n    oauth: { issuer: "https://a.example", audience: [x, y] }`);
    expect(config.server.auth?.oauth?.audience).toEqual(["x", "y"]);
  });
});

/** [name, server lines, code, line, the text the column points at, message part] */
const REFUSED: [string, string, string, number, string, RegExp][] = [
  ["empty auth", `  auth: {}`, "GW102", 3, "{}", /server\.auth must not be empty/],
  ["HS256 algorithm", `  auth:\n    oauth: { issuer: "https://a.example", algorithms: [RS256, HS256] }`, "GW102", 4, "HS256", /must be one of .*"RS256".*got "HS256"/],
  ["alg none", `  auth:\n    oauth:\n      issuer: https://a.example\n      algorithms: [none]`, "GW102", 6, "none", /got "none"/],
  ["oauth without issuer", `  auth:\n    oauth: { audience: x }`, "GW103", 4, "oauth", /missing required key "issuer"/],
  ["issuer not a URL", `  auth:\n    oauth: { issuer: login.example.com }`, "GW102", 4, "login", /issuer must be an absolute http\(s\) URL/],
  ["literal token in a token map", `  auth:\n    bearer: { tokens: [{ token: hunter2 }] }`, "GW105", 4, "hunter2", /literal secret/],
  ["literal introspection secret", `  auth:\n    oauth:\n      issuer: https://a.example\n      introspection: { endpoint: https://a.example/i, client_id: gw, client_secret: hunter2 }`, "GW105", 6, "hunter2", /literal secret/],
  ["unknown key in a token map", `  auth:\n    bearer: { tokens: [{ token: "\${T}", scope: [a] }] }`, "GW104", 4, "scope", /unknown key "scope"/],
  ["public_url with a query", `  public_url: https://mcp.example.com/mcp?apps=x`, "GW102", 3, "https", /public_url must be an absolute http\(s\) URL without query/],
  ["a token's apps naming no app", `  auth:\n    bearer: { tokens: [{ token: "\${T}", apps: [pest] }] }`, "GW113", 4, "pest", /apps\[0\] names "pest", which is not an app/],
  ["apps_map naming no app", `  auth:\n    oauth:\n      issuer: https://a.example\n      apps_claim: groups\n      apps_map: { support: [pets, crm] }`, "GW113", 7, "crm", /apps_map\.support\[1\] names "crm"/],
  ["apps_map without apps_claim", `  auth:\n    oauth:\n      issuer: https://a.example\n      apps_map: { support: [pets] }`, "GW103", 6, "apps_map", /apps_map needs server\.auth\.oauth\.apps_claim/],
  ["clock skew too large", `  auth:\n    oauth: { issuer: "https://a.example", clock_skew_s: 3600 }`, "GW102", 4, "3600", /clock_skew_s must be <= 300/],
];

describe.each(REFUSED)("refused: %s", (_name, server, code, line, at, message) => {
  test(`${code} at gateway.yaml:${line}, pointing at ${at}, no Config, no secret in the excerpt`, () => {
    const column = yaml(server).split("\n")[line - 1]!.indexOf(at) + 1;
    const { config, report } = load(server);
    expect(config).toBeUndefined();
    const found = report.diagnostics.find((d) => d.code === code);
    expect(found, JSON.stringify(report.diagnostics)).toBeDefined();
    expect(found!.message).toMatch(message);
    expect([found!.file, found!.line, found!.column]).toEqual(["gateway.yaml", line, column]);
    for (const d of report.diagnostics) expect(`${d.message} ${d.help ?? ""} ${d.excerpt ?? ""}`).not.toContain("hunter2");
  });
});

test("an empty server.auth says what to add", () => {
  const { report } = load(`  auth: {}`);
  expect(report.diagnostics[0]!.help).toMatch(/bearer: .*oauth: /);
});
