// Inbound bearer auth: 401 with WWW-Authenticate, constant-time token check, the caller carries a hash of the token.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuthenticator } from "../../../runtime/auth/authenticate.js";
import { createStaticTokens, fingerprintOf } from "../../../runtime/auth/bearer.js";
import { connectHttp, envFor, makeBundle, rawInitialize, startGateway, startUpstream, type Upstream } from "./fixtures.js";

const TOKENS = { GATEWAY_TOKEN: "tok-one-0123456789", GATEWAY_TOKEN_2: "tok-two-9876543210" };

describe("static bearer tokens", () => {
  const authenticate = createAuthenticator({ staticTokens: createStaticTokens(Object.values(TOKENS)) });
  const check = (header: string | undefined) => authenticate(header, new URL("http://127.0.0.1/mcp"), "http://127.0.0.1/mcp");
  test.each([
    ["missing header", undefined, false],
    ["not Bearer", `Basic ${TOKENS.GATEWAY_TOKEN}`, false],
    ["wrong token", "Bearer nope", false],
    ["prefix of a token", `Bearer ${TOKENS.GATEWAY_TOKEN.slice(0, 5)}`, false],
    ["first token", `Bearer ${TOKENS.GATEWAY_TOKEN}`, true],
    ["second token, lower-case scheme", `bearer ${TOKENS.GATEWAY_TOKEN_2}`, true],
  ])("%s → ok=%s", async (_name, header, ok) => {
    const result = await check(header);
    expect(result.ok).toBe(ok);
    if (result.ok) {
      expect(result.caller.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(header).not.toContain(result.caller.fingerprint);
    } else expect(result.description).not.toContain(header?.split(" ")[1] ?? "\0");
  });

  test("fingerprints differ per token and are stable", () => {
    expect(fingerprintOf(TOKENS.GATEWAY_TOKEN)).toBe(fingerprintOf(TOKENS.GATEWAY_TOKEN));
    expect(fingerprintOf(TOKENS.GATEWAY_TOKEN)).not.toBe(fingerprintOf(TOKENS.GATEWAY_TOKEN_2));
  });
});

describe("HTTP with server.auth.bearer", () => {
  let upstream: Upstream;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    upstream = await startUpstream();
    gateway = await startGateway(makeBundle({ tokens: ["${GATEWAY_TOKEN}", "${GATEWAY_TOKEN_2}"] }), envFor(upstream, TOKENS));
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  test.each([
    ["no token", {}],
    ["wrong token", { authorization: "Bearer wrong" }],
  ])("%s → 401 with WWW-Authenticate and a JSON error", async (_name, headers) => {
    const res = await rawInitialize(gateway.url, headers);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
    expect(JSON.parse(res.text).error.message).toMatch(/^Unauthorized/);
  });

  test("a valid token lists tools; the session records a caller hash, never the token", async () => {
    const auth = { authorization: `Bearer ${TOKENS.GATEWAY_TOKEN}` };
    const { client } = await connectHttp(`${gateway.url}?apps=beta`, { ...auth, "x-chat-id": "chat-42" });
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    const res = await fetch(`${gateway.url}/sessions`, { headers: auth });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(TOKENS.GATEWAY_TOKEN);
    expect(JSON.parse(text)).toEqual({ "chat-42": (client.transport as { sessionId?: string }).sessionId });
    // Another caller sees none of them.
    const other = await (await fetch(`${gateway.url}/sessions`, { headers: { authorization: `Bearer ${TOKENS.GATEWAY_TOKEN_2}` } })).json();
    expect(other).toEqual({});
    await client.close();
  });

  test("a session id used with another caller's token → 404", async () => {
    const init = await rawInitialize(gateway.url, { authorization: `Bearer ${TOKENS.GATEWAY_TOKEN}` });
    expect(init.status).toBe(200);
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": init.sessionId!, authorization: `Bearer ${TOKENS.GATEWAY_TOKEN_2}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
    });
    expect(res.status).toBe(404);
    await res.text();
  });

  test("/healthz needs no token", async () => {
    expect((await fetch(new URL("/healthz", gateway.url))).status).toBe(200);
  });
});
