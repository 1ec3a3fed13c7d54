// The issue's check: a realistic end-to-end session (eight apps with bearer, header and query api keys, basic auth, an
// unreachable upstream, OAuth client credentials against a loopback token endpoint issuing random tokens, a forwarded
// inbound header and a forwarded claim; inbound static bearer tokens and OAuth JWTs verified against a loopback JWKS;
// both HTTP eras and stdio; an upstream 401 that echoes every request header back, a failing upstream, invalid
// arguments, unknown tools, bad inbound tokens), with the server at debug log level and the audit log recording
// argument values. Every log line (the servers' stderr), every error text
// (isError results, HTTP error bodies) and every audit entry is grepped for every configured secret and every token,
// as written and in its base64 and percent-encoded forms: zero hits. Results of successful calls are grepped for the
// credentials too (a sensitive argument may come back in a successful answer, which is the caller's own data).
//
// This is the deep check of one session built to leak; test/sweep/no-secrets-anywhere.test.ts greps the output of
// every gateway of the whole end-to-end suite the same way.
//
// Adding a secret: put it in SECRETS (or SENSITIVE_VALUES for values that are only sensitive in errors, logs and the
// audit log) and make the session below use it; the grep covers it from then on.
import { readdirSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLocalIssuer, startTokenEndpoint, type LocalIssuer, type TokenEndpoint } from "../support/local-issuer.js";
import { buildProject, type Project } from "../support/project.js";
import { startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

/** Every credential the gateway holds, by the env var that carries it. Each must never be written anywhere. */
const SECRETS: Record<string, string> = {
  INBOUND_A: "inbound-token-a-7f3c9e1d2b4a6f80",
  INBOUND_B: "inbound-token-b-0a1b2c3d4e5f6789",
  ALPHA_TOKEN: "alpha-bearer-3141592653589793",
  ALPHA_TENANT: "alpha-tenant-secret-2718281828",
  BETA_KEY: "beta-header-key-1618033988749",
  GAMMA_KEY: "gamma/query+key=1414213562373",
  DELTA_USER: "delta-user-sk_live_4f5e6d7c8b9a",
  DELTA_PASS: "delta-pass-Zx9!Yw8@Vu7#",
  OMEGA_TOKEN: "omega-bearer-unreachable-0987654321",
  CRED_CLIENT_SECRET: "cred-client-secret-6PqL2nXv9sRt",
};

/** The caller's own upstream credentials: sent by the MCP client in a header, and in its OAuth token's claim. */
const FORWARDED_HEADER = "fwd-caller-token-Hk3mQ7zP1c";
const FORWARDED_CLAIM = "claim-caller-key-Wn5tB8yR2d";

/** Argument values under redact.fields: never in logs, error texts or the audit log (a successful answer may echo them). */
const SENSITIVE_VALUES = ["correct-horse-battery-staple", "s3cr3t-pin-8675309"];

/**
 * Run-time tokens a test obtains (an OAuth access token, a fetched client-credentials token): push them here. The
 * token endpoint's issued tokens join at the end (see `needles`), as do those the stdio process fetched.
 */
const tokens: string[] = [FORWARDED_HEADER, FORWARDED_CLAIM];

/** A secret in every form it could take on the way out: as is, base64 (alone, and user:pass), percent-encoded. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url"), encodeURIComponent(secret)])];
}

const spec = (app: string) =>
  JSON.stringify({
    openapi: "3.0.3",
    info: { title: app, version: "1.0.0" },
    paths: {
      "/echo/{id}": { get: { operationId: `${app}Echo`, parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok" } } } },
      "/unauthorized": { get: { operationId: `${app}Unauthorized`, responses: { "200": { description: "ok" } } } },
      "/fail": { get: { operationId: `${app}Fail`, parameters: [{ name: "note", in: "query", schema: { type: "string" } }], responses: { "200": { description: "ok" } } } },
      "/login": {
        post: {
          operationId: `${app}Login`,
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["user", "password"], properties: { user: { type: "string" }, password: { type: "string" }, profile: { type: "object", properties: { pin: { type: "string" } } } } } } } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });

const APPS = ["alpha", "beta", "gamma", "delta", "omega", "cred", "fwd", "claim"];

const config = (auditDir: string, issuer: string, tokenUrl: string) => `name: no-secrets
server:
  auth:
    bearer: { tokens: ["\${INBOUND_A}", "\${INBOUND_B}"] }
    oauth: { issuer: "${issuer}" }
audit: { dir: ${JSON.stringify(auditDir)}, include_values: true }
redact: { fields: [password, pin] }
apps:
  alpha:
    openapi: specs/alpha.json
    auth: { type: bearer, token: "\${ALPHA_TOKEN}" }
    headers: { x-tenant: "\${ALPHA_TENANT}" }
  beta:
    openapi: specs/beta.json
    auth: { type: api_key, in: header, name: x-api-key, value: "\${BETA_KEY}" }
  gamma:
    openapi: specs/gamma.json
    auth: { type: api_key, in: query, name: api_key, value: "\${GAMMA_KEY}" }
  delta:
    openapi: specs/delta.json
    auth: { type: basic, username: "\${DELTA_USER}", password: "\${DELTA_PASS}" }
  omega:
    openapi: specs/omega.json
    auth: { type: bearer, token: "\${OMEGA_TOKEN}" }
  cred:
    openapi: specs/cred.json
    auth: { type: oauth2_client_credentials, token_url: "${tokenUrl}", client_id: "\${CRED_CLIENT_ID}", client_secret: "\${CRED_CLIENT_SECRET}" }
  fwd:
    openapi: specs/fwd.json
    auth: { type: forward, from: header, name: x-fwd-token, header: Authorization, prefix: "Bearer " }
  claim:
    openapi: specs/claim.json
    auth: { type: forward, from: claim, name: upstream_key, header: X-Upstream-Key }
`;

let upstream: Upstream;
let issuer: LocalIssuer;
let tokenEndpoint: TokenEndpoint;
let project: Project;
let server: HttpServer;
const auditDir = mkdtempSync(join(tmpdir(), "gw-no-secrets-audit-"));
/** Everything that must be free of secrets, with where it came from. */
const captured: { where: string; text: string }[] = [];
/** Successful results: free of credentials, but they may echo the caller's own sensitive arguments. */
const results: { where: string; text: string }[] = [];
const clients: { close(): Promise<unknown> }[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  [upstream, issuer, tokenEndpoint] = await Promise.all([startUpstream(), startLocalIssuer(), startTokenEndpoint()]);
  // An upstream that refuses the credentials and echoes every request header (and the URL, with its query) back.
  upstream.route("*", /^\/unauthorized$/, (request, res) => {
    res.writeHead(401, { "content-type": "application/json", "www-authenticate": `Bearer realm="${request.headers.authorization ?? ""}"` });
    res.end(JSON.stringify({ error: "bad credentials", url: request.url, headers: request.headers }));
  });
  upstream.route("*", /^\/fail$/, (request, res) => {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(`internal error while serving ${request.method} ${request.url} with ${JSON.stringify(request.headers)}`);
  });
  // Login refuses and quotes the whole request back, body (with the password) included.
  upstream.route("POST", /^\/login$/, (request, res) => {
    res.writeHead(403, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "login refused", body: request.body, headers: request.headers }));
  });
  const files: Record<string, string> = { "gateway.yaml": config(auditDir, issuer.url, tokenEndpoint.url) };
  for (const app of APPS) files[`specs/${app}.json`] = spec(app);
  project = await buildProject(files);
  env = { ...SECRETS, CRED_CLIENT_ID: "gateway-no-secrets", GATEWAY_LOG_LEVEL: "debug" };
  for (const app of APPS.filter((a) => a !== "omega")) env[`GATEWAY_${app.toUpperCase()}_BASE_URL`] = upstream.url;
  env.GATEWAY_OMEGA_BASE_URL = "http://127.0.0.1:9"; // discard port: nothing listens
  server = await startHttpServer(project.server, env);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await server?.close();
  await Promise.allSettled([upstream?.close(), issuer?.close(), tokenEndpoint?.close()]);
});

/** A JWT of the loopback issuer for `aud` (refused by the gateway, so it must be named nowhere either). */
async function audience(aud: string): Promise<string> {
  const jwt = await issuer.sign(aud);
  tokens.push(jwt);
  return jwt;
}

/** Every secret and token in every form, named. */
function needles(): { name: string; form: string }[] {
  return [
    ...Object.entries(SECRETS).flatMap(([name, secret]) => formsOf(secret).map((form) => ({ name, form }))),
    ...formsOf(`${SECRETS.DELTA_USER}:${SECRETS.DELTA_PASS}`).map((form) => ({ name: "DELTA_USER:DELTA_PASS", form })),
    ...[...tokens, ...tokenEndpoint.issued].flatMap((token, i) => formsOf(token).map((form) => ({ name: `token ${i}`, form }))),
  ];
}

function sensitive(): { name: string; form: string }[] {
  return SENSITIVE_VALUES.flatMap((value) => formsOf(value).map((form) => ({ name: "sensitive field value", form })));
}

/** The text around a hit, for the failure message. */
function around(text: string, form: string): string {
  const at = text.indexOf(form);
  return text.slice(Math.max(0, at - 80), at + form.length + 20);
}

/** Calls every tool of every app the ways that fail and the ways that succeed, capturing every text. */
async function session(client: Client, where: string): Promise<void> {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  const named = (app: string, op: string) => names.find((n) => n.startsWith(app) && n.includes(op))!;
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    (result.isError ? captured : results).push({ where: `${where} ${name} ${JSON.stringify(args).slice(0, 60)}`, text: JSON.stringify(result) });
    return result;
  };
  for (const app of APPS) {
    expect(named(app, "echo"), `${app} tools in ${names.join(", ")}`).toBeDefined();
    await call(named(app, "echo"), { id: "42" });
    expect((await call(named(app, "unauthorized"), {})).isError).toBe(true);
    expect((await call(named(app, "fail"), { note: "a note that is not secret" })).isError).toBe(true);
    expect((await call(named(app, "login"), { user: "ann", password: SENSITIVE_VALUES[0]!, profile: { pin: SENSITIVE_VALUES[1]! } })).isError).toBe(true);
    // Invalid arguments: a sensitive value of the wrong type, which a validation message could quote.
    expect((await call(named(app, "login"), { user: "ann", password: { pin: SENSITIVE_VALUES[1]! }, profile: "not an object" })).isError).toBe(true);
  }
  await call("no_such_tool", { password: SENSITIVE_VALUES[0]! });
}

describe("no secret is ever written", () => {
  test("2025 era over HTTP, two inbound tokens", async () => {
    for (const token of [SECRETS.INBOUND_A!, SECRETS.INBOUND_B!]) {
      const client = new Client({ name: "no-secrets", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      clients.push(client);
      await session(client, "http-2025");
    }
  });

  test("2026-07-28 era over HTTP", async () => {
    const client = new Client({ name: "no-secrets", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${SECRETS.INBOUND_B}` } } }));
    clients.push(client);
    await session(client, "http-2026");
  });

  test.each(["2025", "2026"] as const)("OAuth-verified inbound token over HTTP, %s era, with the forwarded header and claim", async (era) => {
    const jwt = await issuer.sign(server.url, { upstream_key: FORWARDED_CLAIM });
    tokens.push(jwt);
    const client = new Client({ name: "no-secrets", version: "1.0.0" }, era === "2026" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {});
    const headers = { authorization: `Bearer ${jwt}`, "x-fwd-token": FORWARDED_HEADER };
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } }));
    clients.push(client);
    await session(client, `http-${era}-oauth`);
  });

  test("stdio, with its stderr captured", async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [project.server, "--stdio"], env: { PATH: process.env.PATH ?? "", ...env }, stderr: "pipe" });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: "no-secrets", version: "1.0.0" });
    await client.connect(transport);
    await session(client, "stdio");
    await client.close();
    captured.push({ where: "stdio stderr", text: stderr });
  });

  test("HTTP error bodies: a wrong token, a token that is almost right, a token in the query string", async () => {
    const init = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "1" } } });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    for (const [label, url, authorization] of [
      ["wrong token", server.url, "Bearer not-the-token"],
      ["truncated token", server.url, `Bearer ${SECRETS.INBOUND_A!.slice(0, -1)}`],
      ["basic instead of bearer", server.url, `Basic ${Buffer.from(`x:${SECRETS.INBOUND_A}`).toString("base64")}`],
      ["token in the query", `${server.url}?access_token=${SECRETS.INBOUND_A}`, undefined],
      ["a JWT for another audience", server.url, `Bearer ${await audience("https://elsewhere.example.com/mcp")}`],
    ] as const) {
      const res = await fetch(url, { method: "POST", headers: { ...headers, ...(authorization && { authorization }) }, body: init });
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      captured.push({ where: `http ${label}`, text: `${JSON.stringify([...res.headers])} ${await res.text()}` });
    }
  });

  test("the secrets were really in play: the upstream received every credential", () => {
    const wire = JSON.stringify(upstream.requests);
    for (const name of ["ALPHA_TOKEN", "ALPHA_TENANT", "BETA_KEY"]) expect(wire, name).toContain(SECRETS[name]!);
    // Client credentials: the secret went to the token endpoint only, and the tokens it issued to the upstream.
    expect(tokenEndpoint.authorizations).toContain(`Basic ${Buffer.from(`gateway-no-secrets:${SECRETS.CRED_CLIENT_SECRET}`).toString("base64")}`);
    expect(wire).not.toContain(SECRETS.CRED_CLIENT_SECRET!);
    expect(tokenEndpoint.issued.length).toBeGreaterThanOrEqual(2); // the HTTP server's, and the stdio process's
    for (const token of tokenEndpoint.issued) expect(wire, "a client-credentials token").toContain(`"authorization":"Bearer ${token}"`);
    // Forwarded: the caller's header value and claim, as configured; the inbound JWTs never.
    expect(wire).toContain(`"authorization":"Bearer ${FORWARDED_HEADER}"`);
    expect(wire).toContain(`"x-upstream-key":"${FORWARDED_CLAIM}"`);
    for (const jwt of tokens.filter((t) => t.startsWith("ey"))) expect(wire, "an inbound JWT").not.toContain(jwt);
    expect(wire).toContain(encodeURIComponent(SECRETS.GAMMA_KEY!));
    expect(wire).toContain(Buffer.from(`${SECRETS.DELTA_USER}:${SECRETS.DELTA_PASS}`).toString("base64"));
    expect(wire).toContain(SENSITIVE_VALUES[0]!);
  });

  test("zero hits in every log line, error text and audit entry", async () => {
    await server.close();
    captured.push({ where: "http stderr", text: server.stderr() });
    const audit = readdirSync(auditDir).map((name) => readFileSync(join(auditDir, name), "utf8")).join("");
    const auditLines = audit.split("\n").filter(Boolean);
    // Five HTTP sessions and one stdio session, 5 calls per app each, and the unknown tool's refusal.
    expect(auditLines).toHaveLength(6 * (APPS.length * 5 + 1));
    captured.push({ where: "audit", text: audit });
    expect(captured.find((c) => c.where === "http stderr")!.text).toMatch(/"level":"(debug|info)"/);

    const hits: string[] = [];
    for (const { where, text } of captured) {
      for (const { name, form } of [...needles(), ...sensitive()]) if (text.includes(form)) hits.push(`${name} in ${where}: …${around(text, form)}…`);
    }
    expect(hits).toEqual([]);
    expect(captured.length).toBeGreaterThan(80);
  });

  // Results reach the model: an upstream that echoes its request (here the query api key, percent-encoded) must
  // not hand it over either.
  test("no credential in any successful result", () => {
    const hits: string[] = [];
    for (const { where, text } of results) {
      for (const { name, form } of needles()) if (text.includes(form)) hits.push(`${name} in the result of ${where}: …${around(text, form)}…`);
    }
    expect(hits).toEqual([]);
  });
});
