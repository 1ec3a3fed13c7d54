// apps.<app>.auth oauth2_client_credentials and forward, apps.<app>.redirect_origins: what loads, how it is
// normalised, and what is refused with file:line:col.
import { describe, expect, test } from "vitest";
import type { Config } from "../../../generator/config/types.js";
import type { Report } from "../../../generator/diagnostics/diagnostic.js";
import { loadText } from "./load-text.js";

/** gateway.yaml text with lines (indented four spaces) added to the `pets` app. */
function yaml(app: string): string {
  return `name: t\napps:\n  pets:\n    openapi: specs/petstore.json\n    base_url: https://pets.example.com\n${app}\n`;
}

function load(app: string): { config: Config | undefined; report: Report } {
  return loadText(yaml(app));
}

function valid(app: string): Config {
  const { config, report } = load(app);
  expect(report.diagnostics).toEqual([]);
  return config!;
}

const pets = (config: Config) => config.apps.find((a) => a.name === "pets")!;

describe("upstream auth and redirect_origins load", () => {
  test("oauth2_client_credentials: snake_case keys become the contract's", () => {
    const config = valid(
      [
        `    auth:`,
        `      type: oauth2_client_credentials`,
        `      token_url: https://login.example.com/oauth/token`,
        `      client_id: \${PETS_CLIENT_ID}`,
        `      client_secret: \${PETS_CLIENT_SECRET}`,
        `      scope: pets:read pets:write`,
        `      audience: https://pets.example.com`,
      ].join("\n"),
    );
    expect(pets(config).auth).toEqual({
      type: "oauth2_client_credentials",
      tokenUrl: "https://login.example.com/oauth/token",
      clientId: "${PETS_CLIENT_ID}",
      clientSecret: "${PETS_CLIENT_SECRET}",
      scope: "pets:read pets:write",
      audience: "https://pets.example.com",
    });
  });

  test("forward from a header and from a claim", () => {
    const header = valid(`    auth: { type: forward, from: header, name: x-pets-token, header: Authorization, prefix: "Bearer " }`);
    expect(pets(header).auth).toEqual({ type: "forward", from: "header", name: "x-pets-token", header: "Authorization", prefix: "Bearer " });
    const claim = valid(`    auth: { type: forward, from: claim, name: sub, header: X-User }`);
    expect(pets(claim).auth).toEqual({ type: "forward", from: "claim", name: "sub", header: "X-User" });
  });

  test("redirect_origins become origins, deduplicated and sorted; absent is []", () => {
    const config = valid(`    redirect_origins: [https://Uploads.Example.com/, "https://cdn.example.com:443", https://uploads.example.com]`);
    expect(pets(config).redirectOrigins).toEqual(["https://cdn.example.com", "https://uploads.example.com"]);
    expect(pets(valid("")).redirectOrigins).toEqual([]);
  });
});

/** [name, app lines, code, line, the text the column points at, message part] */
const REFUSED: [string, string, string, number, string, RegExp][] = [
  ["a literal client secret", `    auth: { type: oauth2_client_credentials, token_url: "https://a.example/t", client_id: "\${ID}", client_secret: hunter2 }`, "GW105", 6, "hunter2", /literal/],
  ["a token_url with user:password@", `    auth: { type: oauth2_client_credentials, token_url: "https://u:pw@a.example/t", client_id: "\${ID}", client_secret: "\${S}" }`, "GW102", 6, '"https://u', /without user:password@/],
  ["client credentials without token_url", `    auth: { type: oauth2_client_credentials, client_id: "\${ID}", client_secret: "\${S}" }`, "GW103", 6, "auth", /token_url/],
  ["forward from a body", `    auth: { type: forward, from: body, name: x, header: X-Y }`, "GW102", 6, "body", /header.*claim|claim.*header/],
  ["forward to a header name with a space", `    auth: { type: forward, from: claim, name: sub, header: "X User" }`, "GW102", 6, '"X User', /HTTP header name/],
  ["a prefix with a line break", `    auth: { type: forward, from: claim, name: sub, header: X-User, prefix: "a\\r\\nb" }`, "GW102", 6, '"a\\r', /one line/],
  ["a redirect origin with a path", `    redirect_origins: [https://uploads.example.com/files]`, "GW102", 6, "https://uploads.example.com/files", /an origin/],
  ["a redirect origin that is not http(s)", `    redirect_origins:\n      - ftp://files.example.com`, "GW102", 7, "ftp", /an origin/],
];

describe.each(REFUSED)("refused: %s", (_name, app, code, line, at, message) => {
  test(`${code} at gateway.yaml:${line}, pointing at ${at}, no Config, no secret in the excerpt`, () => {
    const column = yaml(app).split("\n")[line - 1]!.indexOf(at) + 1;
    const { config, report } = load(app);
    expect(config).toBeUndefined();
    const found = report.diagnostics.find((d) => d.code === code);
    expect(found, JSON.stringify(report.diagnostics)).toBeDefined();
    expect(found!.message).toMatch(message);
    expect([found!.file, found!.line, found!.column]).toEqual(["gateway.yaml", line, column]);
    for (const d of report.diagnostics) expect(`${d.message} ${d.help ?? ""} ${d.excerpt ?? ""}`).not.toContain("hunter2");
  });
});
