// Upstream credentials and egress on loopback servers: client-credentials tokens from a real token endpoint
// (fetched once under concurrency, reused, refreshed once on a 401, expiry honoured), explicit forwarding only,
// redirects kept to the app's origins, CR/LF refused before anything leaves, and no secret in any result text.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { type CallContext, callTool } from "../../../runtime/call.js";
import { bearerCaller } from "../../../runtime/auth/caller.js";
import { captureHeaders } from "../../../runtime/auth/inbound.js";
import { resolveRuntime, StartupError, type ResolvedApp } from "../../../runtime/config/secrets.js";
import type { AppRuntime, GatewayRuntime, HttpTool, UpstreamAuth } from "../../../runtime/contract.js";
import { createRedactor } from "../../../runtime/redact.js";
import { ClientCredentials, TOKEN_FAILURE_BACKOFF_MS } from "../../../runtime/upstream/credentials.js";
import { callUpstream } from "../../../runtime/upstream/index.js";
import { type Recorded, type RecordingUpstream, type Reply, startUpstream } from "./recording-upstream.js";

const CLIENT_ID = "gateway-client";
const CLIENT_SECRET = "cl1ent-s3cret-value";
const INBOUND_TOKEN = "inbound-gateway-token-xyz";

let upstream: RecordingUpstream;
let other: RecordingUpstream;
let idp: RecordingUpstream;
/** Every result text of this file, grepped for secrets at the end. */
const texts: string[] = [];
/** Every credential value this file created: configured, issued or forwarded. */
const secrets = new Set([CLIENT_SECRET, INBOUND_TOKEN]);

let issued = 0;
/** Token endpoint: a new token per request, `expires_in` as set. */
let expiresIn = 3600;
function issue(req: Recorded) {
  const token = `tok-${++issued}-${"x".repeat(12)}`;
  secrets.add(token);
  void req;
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: expiresIn }), delayMs: 20 };
}

beforeAll(async () => {
  [upstream, other, idp] = await Promise.all([startUpstream(), startUpstream(), startUpstream()]);
  idp.reply = issue;
});
afterAll(async () => {
  await Promise.all([upstream.close(), other.close(), idp.close()]);
});
afterEach(() => {
  upstream.requests.length = 0;
  other.requests.length = 0;
  idp.requests.length = 0;
  upstream.reply = () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' });
  idp.reply = issue;
  expiresIn = 3600;
});

function tool(over: Partial<HttpTool> = {}): HttpTool {
  return {
    name: "get_item",
    app: "demo",
    description: "",
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    inputSchema: { type: "object", properties: { id: { type: "string" }, note: { type: "string" } }, required: ["id"], additionalProperties: false },
    scopes: [],
    request: { kind: "http", method: "GET", path: "/items/{id}", params: { id: "path", note: "header" } },
    ...over,
  };
}

function context(auth: UpstreamAuth, over: Partial<ResolvedApp> = {}, extra: Partial<CallContext> = {}): CallContext {
  const app: ResolvedApp = { name: "demo", baseUrl: `${upstream.baseUrl}/api`, auth, headers: {}, ...over };
  const redactor = createRedactor([CLIENT_SECRET, CLIENT_ID]);
  return { apps: new Map([["demo", app]]), limits: { timeoutMs: 3000, maxResponseBytes: 900_000 }, redactor, onToken: (t) => redactor.add(t), ...extra };
}

const clientCredentials = (): UpstreamAuth => ({
  type: "oauth2_client_credentials",
  tokenUrl: `${idp.baseUrl}/oauth/token`,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  scope: "items:read items:write",
  audience: "https://api.example.com",
});

async function call(ctx: CallContext, args: Record<string, unknown> = { id: "1" }, t: HttpTool = tool()) {
  const result = await callTool(t, args, ctx);
  for (const item of result.content) if (item.type === "text") texts.push(item.text);
  texts.push(JSON.stringify(result));
  return result;
}

const text = (result: Awaited<ReturnType<typeof callTool>>) => (result.content[0]?.type === "text" ? result.content[0].text : "");

describe("OAuth2 client credentials", () => {
  test("one token request for 16 concurrent calls (client_secret_basic, form body), then reused", async () => {
    const ctx = context(clientCredentials());
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => call(ctx, { id: String(i) })));
    expect(results.every((r) => !r.isError)).toBe(true);
    expect(idp.requests).toHaveLength(1);
    const [tokenRequest] = idp.requests;
    expect(tokenRequest.method).toBe("POST");
    expect(tokenRequest.url).toBe("/oauth/token");
    expect(tokenRequest.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`);
    const form = new URLSearchParams(tokenRequest.body.toString());
    expect(Object.fromEntries(form)).toEqual({ grant_type: "client_credentials", scope: "items:read items:write", audience: "https://api.example.com", resource: "https://api.example.com" });
    expect(tokenRequest.body.toString()).not.toContain(CLIENT_SECRET);
    const token = `tok-${issued}-${"x".repeat(12)}`;
    expect(upstream.requests).toHaveLength(16);
    expect(new Set(upstream.requests.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${token}`]));
    // Later calls reuse it.
    await call(ctx);
    await call(ctx);
    expect(idp.requests).toHaveLength(1);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
  });

  test("client_secret_basic form-encodes an id and a secret holding a space, +, : and % (RFC 6749 §2.3.1)", async () => {
    const ctx = context({ ...clientCredentials(), clientId: "gw:id", clientSecret: "a b+c:d%e" } as UpstreamAuth);
    expect((await call(ctx)).isError).toBeFalsy();
    expect(idp.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from("gw%3Aid:a+b%2Bc%3Ad%25e").toString("base64")}`);
  });

  test("a 401 from the upstream refreshes the token once and retries the call once", async () => {
    const ctx = context(clientCredentials());
    await call(ctx);
    const first = upstream.requests[0].headers.authorization;
    // The upstream now refuses the first token (revoked), accepts any other.
    upstream.reply = (req) => (req.headers.authorization === first ? { status: 401, body: "token revoked" } : { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":2}' });
    upstream.requests.length = 0;
    idp.requests.length = 0;
    const results = await Promise.all(Array.from({ length: 16 }, () => call(ctx)));
    expect(results.every((r) => !r.isError && text(r) === '{"ok":2}')).toBe(true);
    expect(idp.requests).toHaveLength(1);
    expect(upstream.requests).toHaveLength(32);
    expect(upstream.requests.filter((r) => r.headers.authorization !== first)).toHaveLength(16);
  });

  test("a token the upstream keeps refusing: one refresh, one retry, then the 401 is the answer", async () => {
    const ctx = context(clientCredentials());
    upstream.reply = () => ({ status: 401, headers: { "content-type": "text/plain" }, body: "nope" });
    const result = await call(ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("401");
    expect(idp.requests).toHaveLength(2);
    expect(upstream.requests).toHaveLength(2);
  });

  test("expiry honoured: refreshed a tenth of its lifetime (at most 60 s) before expires_in", async () => {
    let now = 1_000_000;
    idp.reply = (req) => ({ ...issue(req), delayMs: 0 });
    expiresIn = 100;
    const source = new ClientCredentials("demo", clientCredentials() as Extract<UpstreamAuth, { type: "oauth2_client_credentials" }>, () => now);
    const a = await source.token({ timeoutMs: 2000 });
    now += 89_000;
    expect(await source.token({ timeoutMs: 2000 })).toBe(a);
    now += 2_000;
    const b = await source.token({ timeoutMs: 2000 });
    expect(b).not.toBe(a);
    expect(idp.requests).toHaveLength(2);
  });

  test("a failing token endpoint: isError naming its status and URL, never the secret; nothing sent upstream", async () => {
    const ctx = context(clientCredentials());
    idp.reply = () => ({ status: 401, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: "invalid_client", error_description: `bad secret ${CLIENT_SECRET}` }) });
    const result = await call(ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(`token endpoint ${idp.baseUrl}/oauth/token answered 401`);
    expect(text(result)).toContain("invalid_client");
    expect(text(result)).not.toContain(CLIENT_SECRET);
    expect(upstream.requests).toHaveLength(0);
  });

  test("a failing token endpoint is asked once per 5 s: calls meanwhile get its error at once, then it is asked again", async () => {
    idp.reply = () => ({ status: 503, headers: { "content-type": "text/plain" }, body: "down" });
    const ctx = context(clientCredentials());
    const results = [await call(ctx), ...(await Promise.all(Array.from({ length: 8 }, () => call(ctx))))];
    expect(results.every((r) => r.isError && text(r).includes(`token endpoint ${idp.baseUrl}/oauth/token answered 503`))).toBe(true);
    expect(text(results[1]!)).toContain("not asked again for 5 s");
    expect(idp.requests).toHaveLength(1);
    expect(upstream.requests).toHaveLength(0);

    // With a clock: the failure is remembered for TOKEN_FAILURE_BACKOFF_MS, then the endpoint is asked again.
    let now = 5_000_000;
    const source = new ClientCredentials("demo", clientCredentials() as Extract<UpstreamAuth, { type: "oauth2_client_credentials" }>, () => now);
    await expect(source.token({ timeoutMs: 2000 })).rejects.toThrow(/answered 503/);
    now += TOKEN_FAILURE_BACKOFF_MS - 1;
    await expect(source.token({ timeoutMs: 2000 })).rejects.toThrow(/not asked again/);
    expect(idp.requests).toHaveLength(2);
    idp.reply = issue;
    now += 1;
    expect(await source.token({ timeoutMs: 2000 })).toMatch(/^tok-/);
    expect(idp.requests).toHaveLength(3);
  });

  test("a call that was cancelled while the token was fetched leaves nothing remembered", async () => {
    idp.reply = (req) => ({ ...issue(req), delayMs: 300 });
    const source = new ClientCredentials("demo", clientCredentials() as Extract<UpstreamAuth, { type: "oauth2_client_credentials" }>);
    const controller = new AbortController();
    const cancelled = source.token({ timeoutMs: 2000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(cancelled).rejects.toThrow();
    expect(await source.token({ timeoutMs: 2000 })).toMatch(/^tok-/);
  });

  test("an upstream echoing the fetched token back: redacted in the result", async () => {
    const ctx = context(clientCredentials());
    upstream.reply = (req) => ({ status: 403, headers: { "content-type": "text/plain" }, body: `forbidden for token ${String(req.headers.authorization).slice(7)}` });
    const result = await call(ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("[redacted]");
    expect(text(result)).not.toMatch(/tok-\d+/);
  });
});

describe("forward: only what an app configures", () => {
  test("nothing is forwarded by default: the inbound Authorization never reaches the upstream", async () => {
    const inbound = captureHeaders({ authorization: `Bearer ${INBOUND_TOKEN}`, "x-upstream-token": "u" }, []);
    const ctx = context({ type: "none" }, {}, { caller: bearerCaller("abcd"), inbound });
    expect((await call(ctx)).isError).toBeFalsy();
    const seen = upstream.requests[0];
    expect(seen.headers.authorization).toBeUndefined();
    expect(JSON.stringify(seen.headers)).not.toContain(INBOUND_TOKEN);
    expect(seen.headers["x-upstream-token"]).toBeUndefined();
  });

  test("from: header — the named inbound header, sent as configured with its prefix", async () => {
    const userToken = "user-upstream-token-123";
    secrets.add(userToken);
    const inbound = captureHeaders({ authorization: `Bearer ${INBOUND_TOKEN}`, "x-upstream-token": userToken }, ["x-upstream-token"]);
    const ctx = context({ type: "forward", from: "header", name: "X-Upstream-Token", header: "Authorization", prefix: "Bearer " }, {}, { inbound });
    upstream.reply = (req) => ({ status: 500, headers: { "content-type": "text/plain" }, body: `echo ${String(req.headers.authorization)}` });
    const result = await call(ctx);
    expect(upstream.requests[0].headers.authorization).toBe(`Bearer ${userToken}`);
    expect(upstream.requests[0].headers["x-upstream-token"]).toBeUndefined();
    // The forwarded value is this call's secret: an upstream echoing it back is redacted.
    expect(text(result)).not.toContain(userToken);
  });

  test("from: claim — a claim of the verified caller token", async () => {
    const caller = { ...bearerCaller("abcd"), claims: { sub: "user-7", tenant: 42 } };
    const ctx = context({ type: "forward", from: "claim", name: "tenant", header: "X-Tenant" }, {}, { caller });
    expect((await call(ctx)).isError).toBeFalsy();
    expect(upstream.requests[0].headers["x-tenant"]).toBe("42");
    expect(upstream.requests[0].headers.authorization).toBeUndefined();
  });

  test.each([
    ["a missing inbound header", { inbound: {} }, "needs the inbound header"],
    ["stdio (no headers at all)", {}, "stdio"],
    ["a missing claim", { caller: bearerCaller("abcd") }, 'forwards the "x-user" claim'],
  ])("%s: isError, nothing sent", async (_name, extra, message) => {
    const auth: UpstreamAuth =
      "caller" in extra ? { type: "forward", from: "claim", name: "x-user", header: "x-user" } : { type: "forward", from: "header", name: "x-user", header: "x-user" };
    const result = await call(context(auth, {}, extra as Partial<CallContext>));
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(message);
    expect(upstream.requests).toHaveLength(0);
  });

  test("a forwarded value with CR/LF is refused before any request leaves, without echoing it", async () => {
    const inbound = { "x-user": "abc\r\nx-admin: true" };
    const result = await call(context({ type: "forward", from: "header", name: "x-user", header: "x-user" }, {}, { inbound }));
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("line break or control character");
    expect(text(result)).not.toContain("x-admin");
    expect(upstream.requests).toHaveLength(0);
  });
});

describe("per-call headers (a traceparent) go out beside the credential of a call", () => {
  const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  const send = { timeoutMs: 3000, maxBytes: 900_000, headers: { traceparent } };

  test("forward auth: the forwarded header is added, the call's own headers kept", async () => {
    const app: ResolvedApp = { name: "demo", baseUrl: `${upstream.baseUrl}/api`, auth: { type: "forward", from: "header", name: "x-t", header: "authorization" }, headers: {} };
    await callUpstream(tool(), { id: "1" }, app, { ...send, forwarded: { name: "authorization", value: "Bearer fwd" } });
    expect(upstream.requests[0].headers).toMatchObject({ authorization: "Bearer fwd", traceparent });
  });

  test("client credentials: the token is added, on the first request and on the retry after a 401", async () => {
    const app: ResolvedApp = { name: "demo", baseUrl: `${upstream.baseUrl}/api`, auth: clientCredentials(), headers: {} };
    let refused = false;
    upstream.reply = () => (refused ? { status: 200, headers: { "content-type": "application/json" }, body: "{}" } : ((refused = true), { status: 401, body: "revoked" }));
    const response = await callUpstream(tool(), { id: "1" }, app, send);
    expect(response.status).toBe(200);
    expect(upstream.requests).toHaveLength(2);
    for (const request of upstream.requests) {
      expect(request.headers.traceparent).toBe(traceparent);
      expect(request.headers.authorization).toMatch(/^Bearer tok-/);
    }
  });
});

describe("egress", () => {
  test("a redirect to another origin reaches nothing there: isError naming the origin", async () => {
    upstream.reply = () => ({ status: 302, headers: { location: `${other.baseUrl}/steal` } });
    const result = await call(context({ type: "bearer", token: CLIENT_SECRET }));
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(other.baseUrl);
    expect(text(result)).toContain("redirect_origins");
    expect(other.requests).toHaveLength(0);
  });

  test("an origin in redirect_origins is followed, without the app's credentials", async () => {
    upstream.reply = () => ({ status: 307, headers: { location: `${other.baseUrl}/upload` } });
    const result = await call(context({ type: "bearer", token: CLIENT_SECRET }, { redirectOrigins: [other.baseUrl] }));
    expect(result.isError).toBeFalsy();
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0].headers.authorization).toBeUndefined();
  });

  test("same-origin redirects are still followed, credentials kept", async () => {
    upstream.reply = (req): Reply => (req.url.startsWith("/api/items") ? { status: 301, headers: { location: "/api/v2/thing" } } : { status: 200, headers: { "content-type": "application/json" }, body: '{"moved":true}' });
    const result = await call(context({ type: "bearer", token: CLIENT_SECRET }));
    expect(text(result)).toBe('{"moved":true}');
    expect(upstream.requests.map((r) => r.url)).toEqual(["/api/items/1", "/api/v2/thing"]);
    expect(upstream.requests[1].headers.authorization).toBe(`Bearer ${CLIENT_SECRET}`);
  });

  test("a CRLF argument bound to a header is refused before any request leaves", async () => {
    const result = await call(context({ type: "none" }), { id: "1", note: "hi\r\nx-injected: 1" });
    expect(result.isError).toBe(true);
    expect(upstream.requests).toHaveLength(0);
  });

  test("upstream response headers are never copied to the result", async () => {
    upstream.reply = () => ({
      status: 200,
      headers: { "content-type": "application/json", "set-cookie": "session=upstream-cookie-value", "x-upstream-secret": "hdr-secret-value", location: "https://evil.example" },
      body: '{"ok":true}',
    });
    const result = await call(context({ type: "none" }));
    expect(Object.keys(result).sort()).toEqual(["content"]);
    const all = JSON.stringify(result);
    for (const leak of ["upstream-cookie-value", "hdr-secret-value", "evil.example", "set-cookie"]) expect(all).not.toContain(leak);
  });
});

describe("start-up validation of upstream URLs", () => {
  const gateway = (app: Partial<AppRuntime>): GatewayRuntime =>
    ({
      server: {},
      apps: [{ name: "demo", baseUrl: "https://api.example.com", baseUrlEnv: "GATEWAY_DEMO_BASE_URL", auth: { type: "none" }, headers: {}, redirectOrigins: [], ...app }],
    }) as unknown as GatewayRuntime;

  test.each([
    ["an env override with user:pass@", { GATEWAY_DEMO_BASE_URL: "https://user:pw@api.example.com" }, "must not hold credentials"],
    ["an env override that is not http(s)", { GATEWAY_DEMO_BASE_URL: "file:///etc/passwd" }, "must be http or https"],
  ])("%s is refused", (_name, env, message) => {
    expect(() => resolveRuntime(gateway({}), env)).toThrow(StartupError);
    expect(() => resolveRuntime(gateway({}), env)).toThrow(message);
  });

  test("a token_url with credentials is refused; redirect_origins become origins", () => {
    const auth: UpstreamAuth = { type: "oauth2_client_credentials", tokenUrl: "https://a:b@idp.example.com/token", clientId: "${ID}", clientSecret: "${SECRET}" };
    expect(() => resolveRuntime(gateway({ auth }), { ID: "id", SECRET: "secret" })).toThrow("must not hold credentials");
    const resolved = resolveRuntime(gateway({ redirectOrigins: ["https://Uploads.Example.com:443"] }), {});
    expect(resolved.apps.get("demo")?.redirectOrigins).toEqual(["https://uploads.example.com"]);
  });
});

afterAll(() => {
  // Every result text of this file, against every credential it configured, issued or forwarded.
  const hits = texts.flatMap((t) => [...secrets].filter((s) => t.includes(s)).map((s) => `${s} in ${t.slice(0, 120)}`));
  expect(hits).toEqual([]);
  expect(texts.length).toBeGreaterThan(20);
});
