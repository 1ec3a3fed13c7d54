// End to end against a real authorization server: oidc-provider on 127.0.0.1 issuing JWT access tokens for the
// gateway's URL (client credentials + resource indicators). The SDK Client finds it through the gateway's 401 and
// RFC 9728 metadata, obtains a token (ClientCredentialsProvider) and calls tools over HTTP in both protocol eras; a
// token granted mcp:read only does not see the write tool and is answered a 403 step-up when it calls it anyway;
// a token whose apps claim names one app sees that app only, and asking for another is a 403.
// The gateway is itself a client of the same server, under a client id and secret full of reserved characters: it
// introspects opaque tokens (RFC 7662) and fetches client-credentials tokens for an upstream app.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildProject } from "../support/project.js";
import { startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const CLIENT = { clientId: "gateway-e2e", clientSecret: "client-secret-0123456789abcdef" };
/**
 * The gateway's own client at oidc-provider: `:` in the id, and a secret with a space, `+`, `:`, `%`, `&`, `=`, `/`
 * and the characters encodeURIComponent leaves alone. client_secret_basic form-encodes both (RFC 6749 §2.3.1).
 */
const GATEWAY_CLIENT = { clientId: "gw:ledger client", clientSecret: "s3cret with space+plus:colon%25pct&amp=eq/slash!'()*~" };
/** A caller whose tokens for the gateway are opaque: the gateway can only introspect them. */
const OPAQUE_CLIENT = { clientId: "opaque-caller", clientSecret: "opaque-secret-0123456789abcdef" };
/** A caller whose tokens name only the notes app in their `mcp_apps` claim (server.auth.oauth.apps_claim). */
const NOTES_ONLY_CLIENT = { clientId: "notes-only", clientSecret: "notes-only-secret-0123456789" };
const LEDGER = "https://ledger.example.com";
const MODERN = "2026-07-28";
const PINNED = { versionNegotiation: { mode: { pin: MODERN } } } as const;

const SPEC = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Notes", version: "1" },
  servers: [{ url: "https://notes.example.com" }],
  paths: {
    "/notes/{id}": {
      get: { operationId: "getNote", summary: "Get a note", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok" } } },
    },
    "/notes": {
      post: {
        operationId: "addNote",
        summary: "Add a note",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { text: { type: "string" } } } } } },
        responses: { "201": { description: "created" } },
      },
    },
  },
});

const LEDGER_SPEC = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Ledger", version: "1" },
  paths: { "/balance": { get: { operationId: "getBalance", summary: "Get the balance", responses: { "200": { description: "ok" } } } } },
});

interface AuthorizationServer {
  issuer: string;
  /** The URL of every request to the token and introspection endpoints (/token…). */
  issued: string[];
  close(): Promise<void>;
}

/** oidc-provider on a free loopback port: client credentials, JWT access tokens for any resource indicator. */
async function startAuthorizationServer(): Promise<AuthorizationServer> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(503).end();
  const issued: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith("/token")) issued.push(req.url);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
        scope: "mcp:read mcp:write",
      },
      ...[GATEWAY_CLIENT, OPAQUE_CLIENT, NOTES_ONLY_CLIENT].map(({ clientId, clientSecret }) => ({
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
        scope: "mcp:read mcp:write",
      })),
    ],
    scopes: ["openid", "mcp:read", "mcp:write"],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: "e2e-rs256", alg: "RS256", use: "sig" }] },
    // The apps each caller may use, in every access token it gets (and in introspection answers).
    extraTokenClaims: (_ctx: unknown, token: { clientId: string }) => ({ mcp_apps: token.clientId === NOTES_ONLY_CLIENT.clientId ? ["notes"] : ["notes", "ledger"] }),
    features: {
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, _resource: string, client: { clientId: string }) =>
          client.clientId === OPAQUE_CLIENT.clientId
            ? { scope: "mcp:read mcp:write", accessTokenFormat: "opaque", accessTokenTTL: 300 }
            : { scope: "mcp:read mcp:write", accessTokenFormat: "jwt", accessTokenTTL: 300, jwt: { sign: { alg: "RS256" } } },
      },
    },
  });
  const callback = provider.callback();
  handle = (req, res) => void callback(req, res);
  return {
    issuer,
    issued,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let as: AuthorizationServer;
let upstream: Upstream;
let gateway: HttpServer;
const clients: Client[] = [];

beforeAll(async () => {
  as = await startAuthorizationServer();
  upstream = await startUpstream();
  const yaml = `name: e2e-oauth
server:
  auth:
    oauth:
      issuer: "${as.issuer}"
      apps_claim: mcp_apps
      introspection: { endpoint: "${as.issuer}/token/introspection", client_id: "\${GW_CLIENT_ID}", client_secret: "\${GW_CLIENT_SECRET}" }
apps:
  notes:
    openapi: specs/notes.json
  ledger:
    openapi: specs/ledger.json
    auth: { type: oauth2_client_credentials, token_url: "${as.issuer}/token", client_id: "\${GW_CLIENT_ID}", client_secret: "\${GW_CLIENT_SECRET}", audience: "${LEDGER}" }
`;
  const project = await buildProject({ "gateway.yaml": yaml, "specs/notes.json": SPEC, "specs/ledger.json": LEDGER_SPEC });
  gateway = await startHttpServer(project.server, {
    GATEWAY_NOTES_BASE_URL: upstream.url,
    GATEWAY_LEDGER_BASE_URL: upstream.url,
    GW_CLIENT_ID: GATEWAY_CLIENT.clientId,
    GW_CLIENT_SECRET: GATEWAY_CLIENT.clientSecret,
  });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await gateway?.close();
  await upstream?.close();
  await as?.close();
});

function connect(options: { pinned?: boolean; scope?: string } = {}): { client: Client; transport: StreamableHTTPClientTransport; authProvider: ClientCredentialsProvider } {
  const authProvider = new ClientCredentialsProvider({ ...CLIENT, expectedIssuer: as.issuer, ...(options.scope && { scope: options.scope }) });
  const client = new Client({ name: "oauth-e2e", version: "1.0.0" }, options.pinned ? PINNED : {});
  clients.push(client);
  return { client, authProvider, transport: new StreamableHTTPClientTransport(new URL(gateway.url), { authProvider }) };
}

describe.each([
  ["2025-11-25 (sessions)", false],
  ["2026-07-28 (stateless)", true],
])("SDK Client with a client-credentials token from oidc-provider, %s", (_era, pinned) => {
  test("finds the authorization server through the 401, gets a JWT for the gateway's URL, lists and calls tools", async () => {
    const before = as.issued.length;
    const { client, transport, authProvider } = connect({ pinned, scope: "mcp:read mcp:write" });
    await client.connect(transport);
    expect(as.issued.length).toBeGreaterThan(before);
    if (pinned) expect(client.getNegotiatedProtocolVersion()).toBe(MODERN);
    else expect(client.getNegotiatedProtocolVersion()).not.toBe(MODERN);
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(["add_note", "get_balance", "get_note"]);
    const mark = upstream.requests.length;
    const result = await client.callTool({ name: "get_note", arguments: { id: "n1" } });
    expect(result.isError, textOf(result)).toBeFalsy();
    const sent = upstream.requests.slice(mark);
    expect(sent.map((r) => r.url)).toEqual(["/notes/n1"]);
    // The client's token is for the gateway and stays there.
    expect(sent[0]!.headers.authorization).toBeUndefined();
    const tokens = await authProvider.tokens();
    const payload = JSON.parse(Buffer.from(tokens!.access_token.split(".")[1]!, "base64url").toString());
    expect(payload).toMatchObject({ iss: as.issuer, aud: gateway.url, sub: CLIENT.clientId });
    expect(String(payload.scope).split(" ").sort()).toEqual(["mcp:read", "mcp:write"]);
    // Nothing the gateway printed holds the token.
    expect(gateway.stderr()).not.toContain(tokens!.access_token);
  });
});

test("a client without credentials is turned away with 401 and the metadata URL", async () => {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "0" } } }),
  });
  await res.text();
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${new URL(gateway.url).origin}/.well-known/oauth-protected-resource/mcp"`);
  const metadata = await (await fetch(new URL("/.well-known/oauth-protected-resource/mcp", gateway.url))).json();
  expect(metadata).toMatchObject({ resource: gateway.url, authorization_servers: [as.issuer], bearer_methods_supported: ["header"] });
});

/** A client-credentials token of oidc-provider for `resource`, asked for directly (client_secret_basic). */
async function tokenFor(client: { clientId: string; clientSecret: string }, resource: string, scope = "mcp:read mcp:write"): Promise<{ access_token: string }> {
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64");
  const res = await fetch(`${as.issuer}/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", resource, scope }).toString(),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { access_token: string };
}

test("a token granted mcp:read only: the write tool is not listed, and calling it is a 403 step-up naming mcp:write", async () => {
  const { access_token } = await tokenFor(CLIENT, gateway.url, "mcp:read");
  const payload = JSON.parse(Buffer.from(access_token.split(".")[1]!, "base64url").toString());
  expect(payload.scope).toBe("mcp:read");
  const client = new Client({ name: "oauth-e2e-reader", version: "1.0.0" });
  clients.push(client);
  const transport = new StreamableHTTPClientTransport(new URL(gateway.url), { requestInit: { headers: { authorization: `Bearer ${access_token}` } } });
  await client.connect(transport);
  expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(["get_balance", "get_note"]);
  const mark = upstream.requests.length;
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${access_token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-session-id": transport.sessionId!,
      "mcp-protocol-version": "2025-11-25",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "add_note", arguments: { text: "x" } } }),
  });
  await res.text();
  expect(res.status).toBe(403);
  expect(res.headers.get("www-authenticate")).toBe(`Bearer error="insufficient_scope", scope="mcp:write", resource_metadata="${new URL(gateway.url).origin}/.well-known/oauth-protected-resource/mcp"`);
  expect(upstream.requests.length).toBe(mark);
});

test("a token whose apps claim names notes only: ledger tools unseen, ?apps=notes served, ?apps=ledger a 403 naming it", async () => {
  const { access_token } = await tokenFor(NOTES_ONLY_CLIENT, gateway.url);
  const payload = JSON.parse(Buffer.from(access_token.split(".")[1]!, "base64url").toString());
  expect(payload.mcp_apps).toEqual(["notes"]);
  const headers = { authorization: `Bearer ${access_token}` };
  const client = new Client({ name: "oauth-e2e-notes-only", version: "1.0.0" });
  clients.push(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url), { requestInit: { headers } }));
  expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(["add_note", "get_note"]);
  const narrowed = new Client({ name: "oauth-e2e-notes-only", version: "1.0.0" });
  clients.push(narrowed);
  await narrowed.connect(new StreamableHTTPClientTransport(new URL(`${gateway.url}?apps=notes`), { requestInit: { headers } }));
  expect((await narrowed.listTools()).tools.map((t) => t.name).sort()).toEqual(["add_note", "get_note"]);
  const forbidden = await fetch(`${gateway.url}?apps=ledger`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "0" } } }),
  });
  expect(forbidden.status).toBe(403);
  expect(await forbidden.text()).toContain("ledger");
});

describe("the gateway as oidc-provider's client, its secret full of reserved characters", () => {
  test("an opaque access token is introspected (RFC 7662) and serves the caller", async () => {
    const { access_token: opaque } = await tokenFor(OPAQUE_CLIENT, gateway.url);
    expect(opaque.split(".")).toHaveLength(1);
    const introspections = () => as.issued.filter((url) => url === "/token/introspection").length;
    const before = introspections();
    const client = new Client({ name: "oauth-e2e-opaque", version: "1.0.0" });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url), { requestInit: { headers: { authorization: `Bearer ${opaque}` } } }));
    const result = await client.callTool({ name: "get_note", arguments: { id: "n2" } });
    expect(result.isError, textOf(result)).toBeFalsy();
    // oidc-provider answered active: true to the gateway's client_secret_basic, once (the answer is cached).
    expect(introspections() - before).toBe(1);
    const unknown = await fetch(gateway.url, { method: "POST", headers: { authorization: "Bearer not-a-token-oidc-provider-issued", "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{}" });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toMatch(/error="invalid_token", error_description="the token is not active"/);
  });

  test("an upstream client-credentials token, fetched with the same secret, reaches the app's upstream", async () => {
    const mark = upstream.requests.length;
    const { access_token } = await tokenFor(CLIENT, gateway.url);
    const client = new Client({ name: "oauth-e2e-ledger", version: "1.0.0" });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url), { requestInit: { headers: { authorization: `Bearer ${access_token}` } } }));
    const result = await client.callTool({ name: "get_balance", arguments: {} });
    expect(result.isError, textOf(result)).toBeFalsy();
    const sent = upstream.requests.slice(mark).find((r) => r.url === "/balance")!;
    const upstreamToken = /^Bearer (.+)$/.exec(String(sent.headers.authorization))![1]!;
    const payload = JSON.parse(Buffer.from(upstreamToken.split(".")[1]!, "base64url").toString());
    expect(payload).toMatchObject({ iss: as.issuer, aud: LEDGER, client_id: GATEWAY_CLIENT.clientId });
    expect(gateway.stderr()).not.toContain(upstreamToken);
    expect(gateway.stderr()).not.toContain(GATEWAY_CLIENT.clientSecret);
  });
});
