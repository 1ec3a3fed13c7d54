// `auth: { type: forward }` end to end, over the bundled server with the SDK Client: over HTTP in both protocol eras
// the configured inbound header reaches the upstream exactly as configured (under its upstream name, prefix
// included) and a claim of a verified OAuth token (local JWKS on loopback) the same way, while the inbound
// Authorization (a static token or the JWT) never does; a request without the header is an isError with nothing
// sent; over stdio, which has no headers, the call is an isError saying so.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildProject, type Project } from "../support/project.js";
import { startLocalIssuer, type LocalIssuer } from "../support/local-issuer.js";
import { connectStdio, startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type RecordedRequest, type Upstream } from "../support/upstream.js";

const spec = (title: string, prefix: string) =>
  JSON.stringify({
    openapi: "3.0.3",
    info: { title, version: "1.0.0" },
    paths: { "/whoami": { get: { operationId: `${prefix}Whoami`, responses: { "200": { description: "ok" } } } } },
  });

const GATEWAY_TOKEN = "forward-gateway-token-0123456789";
const TICKET = "ticket-user-token-Zq81kP0w";
const MODERN = "2026-07-28";

let issuer: LocalIssuer;
let upstream: Upstream;
let project: Project;
let server: HttpServer;
const clients: Client[] = [];

beforeAll(async () => {
  [issuer, upstream] = await Promise.all([startLocalIssuer(), startUpstream()]);
  // Echoes the headers it got: the forwarded value comes back in the body, where the result must not show it.
  upstream.route("GET", /^\/whoami$/, (request, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ headers: request.headers }));
  });
  project = await buildProject({
    "gateway.yaml": `name: e2e-forward
server:
  auth:
    bearer: { tokens: ["\${GATEWAY_TOKEN}"] }
    oauth: { issuer: "${issuer.url}" }
apps:
  tickets:
    openapi: specs/tickets.json
    auth: { type: forward, from: header, name: X-Tickets-Token, header: Authorization, prefix: "Bearer " }
  crm:
    openapi: specs/crm.json
    auth: { type: forward, from: claim, name: crm_user, header: X-Acting-User }
`,
    "specs/tickets.json": spec("Tickets", "tickets"),
    "specs/crm.json": spec("CRM", "crm"),
  });
  server = await startHttpServer(project.server, { GATEWAY_TOKEN, GATEWAY_TICKETS_BASE_URL: upstream.url, GATEWAY_CRM_BASE_URL: upstream.url });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await server?.close();
  await Promise.allSettled([upstream?.close(), issuer?.close()]);
});

async function connect(era: "2025" | "2026", headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "forward-e2e", version: "1.0.0" }, era === "2026" ? { versionNegotiation: { mode: { pin: MODERN } } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } }));
  clients.push(client);
  return client;
}

/** Calls `tool` and returns its result with the upstream requests it caused. */
async function callRecorded(client: Client, tool: string): Promise<{ result: Awaited<ReturnType<Client["callTool"]>>; sent: RecordedRequest[] }> {
  const mark = upstream.requests.length;
  const result = await client.callTool({ name: tool, arguments: {} });
  return { result, sent: upstream.requests.slice(mark) };
}

describe.each(["2025", "2026"] as const)("forward over HTTP, %s era", (era) => {
  test("from: header — the upstream gets exactly the configured header with its prefix, never the inbound Authorization", async () => {
    const client = await connect(era, { authorization: `Bearer ${GATEWAY_TOKEN}`, "x-tickets-token": TICKET });
    const { result, sent } = await callRecorded(client, "tickets_whoami");
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${TICKET}`);
    // Under its upstream name only: the inbound header itself is not copied along.
    expect(sent[0]!.headers["x-tickets-token"]).toBeUndefined();
    expect(JSON.stringify(sent[0]!.headers)).not.toContain(GATEWAY_TOKEN);
    // The upstream echoed it back; the result does not hand it to the model.
    expect(textOf(result)).not.toContain(TICKET);
    expect(textOf(result)).toContain("[redacted]");
  });

  test("from: header without the header on the request: isError naming it, nothing sent", async () => {
    const client = await connect(era, { authorization: `Bearer ${GATEWAY_TOKEN}` });
    const { result, sent } = await callRecorded(client, "tickets_whoami");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/needs the inbound header "x-tickets-token"/);
    expect(sent).toEqual([]);
  });

  test("from: claim — the claim of the verified OAuth token, as configured; the token itself stays at the gateway", async () => {
    const jwt = await issuer.sign(server.url, { crm_user: `user-${era}` });
    const client = await connect(era, { authorization: `Bearer ${jwt}` });
    const { result, sent } = await callRecorded(client, "crm_whoami");
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers["x-acting-user"]).toBe(`user-${era}`);
    expect(sent[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(sent[0]!.headers)).not.toContain(jwt);
    // A static token carries no claims: isError, nothing sent.
    const staticClient = await connect(era, { authorization: `Bearer ${GATEWAY_TOKEN}` });
    const refused = await callRecorded(staticClient, "crm_whoami");
    expect(textOf(refused.result)).toMatch(/forwards the "crm_user" claim/);
    expect(refused.sent).toEqual([]);
  });
});

test("stdio has no headers: the forward-header tool answers an isError saying so, and nothing is sent", async () => {
  const client = await connectStdio(project.server, { GATEWAY_TOKEN, GATEWAY_TICKETS_BASE_URL: upstream.url, GATEWAY_CRM_BASE_URL: upstream.url });
  clients.push(client);
  const { result, sent } = await callRecorded(client, "tickets_whoami");
  expect(result.isError).toBe(true);
  expect(textOf(result)).toMatch(/forwards the inbound header "x-tickets-token", and this transport carries no headers \(stdio\)/);
  expect(sent).toEqual([]);
});
