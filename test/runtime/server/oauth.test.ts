// Inbound OAuth against a local issuer (metadata + JWKS on 127.0.0.1, tokens signed here with jose): the bad-token
// table (each a 401 with the right WWW-Authenticate, in both protocol eras), audiences, the caller a token makes,
// the JWKS refetch cooldown, discovery, RFC 7662 introspection, and the RFC 9728 metadata endpoints.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import type { OAuthResourceServer } from "../../../runtime/contract.js";
import { fingerprintOf } from "../../../runtime/auth/bearer.js";
import { audienceMatches, createOAuthVerifier, discoverJwksUri } from "../../../runtime/auth/oauth.js";
import { envFor, makeBundle, MCP_HEADERS, rawInitialize, startGateway, startUpstream, type Upstream } from "./fixtures.js";

const ALGORITHMS = ["RS256", "ES256", "EdDSA"];
/**
 * The client_secret_basic headers the introspection endpoint accepts, written out by hand: each part form-encoded
 * (RFC 6749 §2.3.1 and Appendix B: a space is `+`, and `:`, `+`, `%` are escaped) before base64.
 */
const INTROSPECTION_CLIENTS = new Set([`Basic ${Buffer.from("gw:introspect-secret").toString("base64")}`, `Basic ${Buffer.from("gw%3Aid:a+b%2Bc%3Ad%25e").toString("base64")}`]);
const STATIC_TOKEN = "static-token-0123456789";

/** A loopback issuer: RFC 8414 metadata (or only OpenID metadata), a JWKS, an introspection endpoint; counts hits. */
interface Issuer {
  url: string;
  hits: Record<string, number>;
  /** Introspection answers by token. */
  introspection: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

async function startIssuer(jwks: { keys: JWK[] }, options: { oidcOnly?: boolean; metadataIssuer?: string } = {}): Promise<Issuer> {
  const hits: Record<string, number> = {};
  const introspection = new Map<string, Record<string, unknown>>();
  let url = "";
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    const metadata = { issuer: options.metadataIssuer ?? url, jwks_uri: `${url}/jwks`, introspection_endpoint: `${url}/introspect` };
    if (path === "/.well-known/oauth-authorization-server" && !options.oidcOnly) return json(200, metadata);
    if (path === "/.well-known/openid-configuration") return json(200, metadata);
    if (path === "/jwks") return json(200, jwks);
    if (path === "/introspect" && req.method === "POST") {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        if (!INTROSPECTION_CLIENTS.has(req.headers.authorization ?? "")) return json(401, { error: "invalid_client" });
        const token = new URLSearchParams(body).get("token") ?? "";
        json(200, introspection.get(token) ?? { active: false });
      });
      return;
    }
    json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    introspection,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

let rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
let other: { privateKey: CryptoKey; publicKey: CryptoKey };
let publicPem: string;
let issuer: Issuer;
let upstream: Upstream;
let gateway: Awaited<ReturnType<typeof startGateway>>;

function oauthConfig(extra: Partial<OAuthResourceServer> = {}): OAuthResourceServer {
  return { issuer: issuer.url, algorithms: ALGORITHMS, clockToleranceSec: 30, ...extra };
}

async function sign(claims: JWTPayload, options: { key?: CryptoKey; kid?: string; alg?: string } = {}): Promise<string> {
  return new SignJWT({ scope: "mcp:read", ...claims })
    .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? "k1", typ: "at+jwt" })
    .sign(options.key ?? rsa.privateKey);
}

/** A valid token's claims for `aud`. */
function claimsFor(aud: string | string[]): JWTPayload {
  return { iss: issuer.url, aud, sub: "user-1", iat: now(), exp: now() + 300 };
}

beforeAll(async () => {
  rsa = await generateKeyPair("RS256", { extractable: true });
  other = await generateKeyPair("RS256");
  publicPem = await exportSPKI(rsa.publicKey);
  issuer = await startIssuer({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] });
  upstream = await startUpstream();
  const bundle = makeBundle();
  bundle.gateway.server.auth = { bearer: { tokens: [{ token: "${GATEWAY_TOKEN}" }] }, oauth: oauthConfig({ scopesSupported: ["mcp:read", "mcp:write"] }) };
  gateway = await startGateway(bundle, envFor(upstream, { GATEWAY_TOKEN: STATIC_TOKEN, GATEWAY_LOG_LEVEL: "debug" }));
});

afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
  await issuer?.close();
});

/** The challenge every 401 of this gateway carries before any error attribute. */
const metadataUrl = () => `${new URL(gateway.url).origin}/.well-known/oauth-protected-resource/mcp`;

const MODERN = "2026-07-28";
/** A stateless 2026-07-28 tools/list, raw. */
async function modernList(url: string, headers: Record<string, string>): Promise<Response> {
  const meta = { "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "raw", version: "0" } };
  return fetch(url, {
    method: "POST",
    headers: { ...MCP_HEADERS, "mcp-protocol-version": MODERN, "mcp-method": "tools/list", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: meta } }),
  });
}

describe("bad tokens → 401 with WWW-Authenticate, in both eras", () => {
  const tamper = (token: string) => {
    const [h, p, s] = token.split(".");
    return `${h}.${p}.${s![0] === "A" ? "B" : "A"}${s!.slice(1)}`;
  };
  const CASES: [name: string, make: () => Promise<{ token: string; query?: boolean }>, error: string, description: RegExp][] = [
    ["expired", async () => ({ token: await sign({ ...claimsFor(gateway.url), exp: now() - 120 }) }), "invalid_token", /expired/],
    ["not yet valid", async () => ({ token: await sign({ ...claimsFor(gateway.url), nbf: now() + 120 }) }), "invalid_token", /not valid yet/],
    ["wrong issuer", async () => ({ token: await sign({ ...claimsFor(gateway.url), iss: "https://evil.example" }) }), "invalid_token", /another issuer/],
    ["wrong audience", async () => ({ token: await sign(claimsFor("https://other.example/mcp")) }), "invalid_token", /audience/],
    ["audience with another path", async () => ({ token: await sign(claimsFor(`${gateway.url}x`)) }), "invalid_token", /audience/],
    ["alg: none", async () => ({ token: `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claimsFor(gateway.url))}.` }), "invalid_token", /algorithm/],
    [
      "HS256 signed with the public key",
      async () => ({ token: await new SignJWT(claimsFor(gateway.url)).setProtectedHeader({ alg: "HS256", kid: "k1" }).sign(new TextEncoder().encode(publicPem)) }),
      "invalid_token",
      /algorithm/,
    ],
    ["unknown kid", async () => ({ token: await sign(claimsFor(gateway.url), { key: other.privateKey, kid: "nope" }) }), "invalid_token", /no key/],
    ["known kid, another key", async () => ({ token: await sign(claimsFor(gateway.url), { key: other.privateKey }) }), "invalid_token", /signature/],
    ["tampered signature", async () => ({ token: tamper(await sign(claimsFor(gateway.url))) }), "invalid_token", /signature/],
    ["no exp", async () => ({ token: await sign({ iss: issuer.url, aud: gateway.url, sub: "u" }) }), "invalid_token", /exp claim is missing/],
    ["not a JWT, no introspection", async () => ({ token: "opaque-token-value" }), "invalid_token", /not a JWT/],
    ["valid token in the query string", async () => ({ token: await sign(claimsFor(gateway.url)), query: true }), "invalid_request", /query string/],
  ];

  /** Every token the table sent: none may appear in the server's log. */
  const sent: string[] = [];

  test.each(CASES)("%s", async (_name, make, error, description) => {
    const { token, query } = await make();
    sent.push(token);
    const url = query ? `${gateway.url}?access_token=${encodeURIComponent(token)}` : gateway.url;
    const headers: Record<string, string> = query ? {} : { authorization: `Bearer ${token}` };
    const legacy = await rawInitialize(url, headers);
    const modern = await modernList(url, headers);
    for (const res of [{ status: legacy.status, headers: legacy.headers, text: legacy.text }, { status: modern.status, headers: modern.headers, text: await modern.text() }]) {
      expect(res.status).toBe(401);
      const challenge = res.headers.get("www-authenticate")!;
      expect(challenge).toMatch(new RegExp(`^Bearer resource_metadata="${metadataUrl().replace(/[.?/]/g, "\\$&")}", error="${error}", error_description="[^"]+"$`));
      expect(/error_description="([^"]+)"/.exec(challenge)![1]).toMatch(description);
      expect(res.text).not.toContain(token);
      expect(challenge).not.toContain(token);
    }
  });

  test("the server's log (at debug level) names none of the refused tokens", () => {
    expect(sent).toHaveLength(CASES.length);
    const log = gateway.stderr.join("");
    expect(log).toMatch(/listening on/);
    // Each refusal was logged (both eras), with its reason and without its token.
    expect(log.match(/request refused: 401 invalid_(token|request)/g)?.length ?? 0).toBeGreaterThanOrEqual(2 * CASES.length);
    for (const token of sent) expect(log).not.toContain(token);
  });

  test("no token: resource_metadata only, no error attribute (RFC 6750 §3.1)", async () => {
    for (const res of [await rawInitialize(gateway.url), await modernList(gateway.url, {})]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${metadataUrl()}"`);
    }
  });

  test("a Basic credential → invalid_request", async () => {
    const res = await rawInitialize(gateway.url, { authorization: "Basic dTpw" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/error="invalid_request"/);
  });
});

describe("good tokens", () => {
  test.each([
    ["aud = the public URL", () => gateway.url],
    ["aud = the public URL with ?apps=", () => `${gateway.url}?apps=beta`],
    ["aud = a list holding it", () => ["https://other.example", gateway.url]],
  ])("%s → served in both eras", async (_name, aud) => {
    const token = await sign(claimsFor(aud()));
    expect((await rawInitialize(gateway.url, { authorization: `Bearer ${token}` })).status).toBe(200);
    const modern = await modernList(gateway.url, { authorization: `Bearer ${token}` });
    expect(modern.status).toBe(200);
    expect(await modern.text()).toContain("get_item");
  });

  test("within the clock skew: expired 10 s ago still passes", async () => {
    const token = await sign({ ...claimsFor(gateway.url), exp: now() - 10 });
    expect((await rawInitialize(gateway.url, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  test("a static token still works beside OAuth", async () => {
    expect((await rawInitialize(gateway.url, { authorization: `Bearer ${STATIC_TOKEN}` })).status).toBe(200);
  });
});

describe("the caller a token makes", () => {
  const publicUrl = "https://gw.example/mcp";

  test("subject issuer#sub, scopes from scope or scp, claims kept, fingerprint of the token", async () => {
    const verify = createOAuthVerifier({ config: oauthConfig() });
    const token = await sign({ ...claimsFor(publicUrl), scope: "mcp:write mcp:read", tenant: "t1" });
    const result = await verify(token, publicUrl);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.caller.subject).toBe(`${issuer.url}#user-1`);
    expect(result.caller.scopes).toEqual(["mcp:read", "mcp:write"]);
    expect(result.caller.apps).toBeNull();
    expect(result.caller.claims.tenant).toBe("t1");
    expect(result.caller.fingerprint).toBe(fingerprintOf(token));
    const scp = await verify(await sign({ ...claimsFor(publicUrl), scope: undefined, scp: ["b", "a"] }), publicUrl);
    expect(scp.ok && scp.caller.scopes).toEqual(["a", "b"]);
  });

  test.each([
    ["a list", ["beta", "alpha"], ["alpha", "beta"]],
    ["a space-separated string", "beta alpha", ["alpha", "beta"]],
    ["absent: no app", undefined, []],
  ])("apps_claim as %s", async (_name, value, apps) => {
    const verify = createOAuthVerifier({ config: oauthConfig({ appsClaim: "mcp_apps" }) });
    const result = await verify(await sign({ ...claimsFor(publicUrl), mcp_apps: value }), publicUrl);
    expect(result.ok && result.caller.apps).toEqual(apps);
  });

  test.each([
    ["two groups: the union of their apps", ["support", "eng"], ["crm", "github", "helpdesk"]],
    ["a group the map does not list grants nothing", ["support", "sales"], ["crm", "helpdesk"]],
    ["only unlisted groups: no app", "sales toString", []],
    ["absent: no app", undefined, []],
  ])("apps_map over apps_claim: %s", async (_name, value, apps) => {
    const appsByClaimValue = { support: ["crm", "helpdesk"], eng: ["crm", "github"] };
    const verify = createOAuthVerifier({ config: oauthConfig({ appsClaim: "groups", appsByClaimValue }) });
    const result = await verify(await sign({ ...claimsFor(publicUrl), groups: value }), publicUrl);
    expect(result.ok && result.caller.apps).toEqual(apps);
  });

  test("a configured audience replaces the public URL", async () => {
    const verify = createOAuthVerifier({ config: oauthConfig({ audience: ["api://gateway"] }) });
    expect((await verify(await sign(claimsFor("api://gateway")), publicUrl)).ok).toBe(true);
    expect((await verify(await sign(claimsFor(publicUrl)), publicUrl)).ok).toBe(false);
  });

  test.each([
    [publicUrl, true],
    [`${publicUrl}?apps=github`, true],
    [`${publicUrl}/x`, false],
    [`${publicUrl}x?apps=github`, false],
    ["https://gw.example/", false],
  ])("audienceMatches(%s) = %s", (aud, ok) => {
    expect(audienceMatches(aud, [publicUrl])).toBe(ok);
  });
});

describe("keys: cached, refetched on an unknown kid at most once per cooldown", () => {
  test("a flood of unknown kids fetches the JWKS at most twice", async () => {
    const local = await startIssuer({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: "k1", alg: "RS256" }] });
    try {
      const verify = createOAuthVerifier({ config: { issuer: local.url, jwksUri: `${local.url}/jwks`, algorithms: ALGORITHMS, clockToleranceSec: 30 } });
      const good = await new SignJWT({ iss: local.url, aud: "https://gw/mcp", sub: "u", exp: now() + 60 }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(rsa.privateKey);
      expect((await verify(good, "https://gw/mcp")).ok).toBe(true);
      const results = await Promise.all(
        Array.from({ length: 25 }, async (_, i) => {
          const bad = await new SignJWT({ iss: local.url, aud: "https://gw/mcp", sub: "u", exp: now() + 60 }).setProtectedHeader({ alg: "RS256", kid: `bad-${i}` }).sign(other.privateKey);
          return verify(bad, "https://gw/mcp");
        }),
      );
      expect(results.every((r) => !r.ok)).toBe(true);
      expect((await verify(good, "https://gw/mcp")).ok).toBe(true);
      expect(local.hits["/jwks"]).toBeLessThanOrEqual(2);
      expect(local.hits["/.well-known/oauth-authorization-server"]).toBeUndefined(); // jwks_uri given: no discovery
    } finally {
      await local.close();
    }
  });
});

describe("key rotation: a new kid is picked up by a refetch, once the cooldown since the last fetch has passed", () => {
  afterEach(() => void vi.useRealTimers());

  test("a token of a key added after the first fetch: refused within 30 s of it, accepted after", async () => {
    const jwks = { keys: [{ ...(await exportJWK(rsa.publicKey)), kid: "k1", alg: "RS256" }] as JWK[] };
    const local = await startIssuer(jwks);
    try {
      vi.useFakeTimers({ toFake: ["Date"] });
      const verify = createOAuthVerifier({ config: { issuer: local.url, jwksUri: `${local.url}/jwks`, algorithms: ALGORITHMS, clockToleranceSec: 30 } });
      const tokenOf = (key: CryptoKey, kid: string) => new SignJWT({ iss: local.url, aud: "https://gw/mcp", sub: "u", exp: now() + 300 }).setProtectedHeader({ alg: "RS256", kid }).sign(key);
      expect((await verify(await tokenOf(rsa.privateKey, "k1"), "https://gw/mcp")).ok).toBe(true);
      jwks.keys.push({ ...(await exportJWK(other.publicKey)), kid: "k2", alg: "RS256" });
      const rotated = await tokenOf(other.privateKey, "k2");
      expect(await verify(rotated, "https://gw/mcp")).toEqual({ ok: false, reason: "no key of the issuer matches the token (kid)" });
      expect(local.hits["/jwks"]).toBe(1);
      vi.setSystemTime(Date.now() + 31_000);
      expect((await verify(rotated, "https://gw/mcp")).ok).toBe(true);
      expect(local.hits["/jwks"]).toBe(2);
    } finally {
      await local.close();
    }
  });
});

describe("discovery", () => {
  test("RFC 8414 metadata first", async () => {
    expect(await discoverJwksUri(issuer.url)).toBe(`${issuer.url}/jwks`);
  });

  test("OpenID configuration when there is no RFC 8414 metadata", async () => {
    const oidc = await startIssuer({ keys: [] }, { oidcOnly: true });
    try {
      expect(await discoverJwksUri(oidc.url)).toBe(`${oidc.url}/jwks`);
      expect(oidc.hits["/.well-known/oauth-authorization-server"]).toBe(1);
    } finally {
      await oidc.close();
    }
  });

  test("metadata naming another issuer is refused", async () => {
    const liar = await startIssuer({ keys: [] }, { metadataIssuer: "https://evil.example" });
    try {
      await expect(discoverJwksUri(liar.url)).rejects.toThrow(/no authorization server metadata/);
    } finally {
      await liar.close();
    }
  });

  test("an unreachable issuer → 503 (the token may be fine), not 401", async () => {
    const dead = await startIssuer({ keys: [] });
    const url = dead.url;
    await dead.close();
    const verify = createOAuthVerifier({ config: { issuer: url, algorithms: ALGORITHMS, clockToleranceSec: 30 } });
    const result = await verify(await sign({ iss: url, aud: "x", sub: "u", exp: now() + 60 }), "x");
    expect(result).toEqual({ ok: false, reason: "the issuer's metadata could not be fetched", unavailable: true });
  });
});

describe("RFC 7662 introspection of opaque tokens", () => {
  const publicUrl = "https://gw.example/mcp";
  const config = () => oauthConfig({ introspection: { endpoint: `${issuer.url}/introspect`, clientId: "${ID}", clientSecret: "${SECRET}", cacheTtlMs: 60_000 } });
  const client = { clientId: "gw", clientSecret: "introspect-secret" };

  test("active → a caller; the answer is cached by token hash", async () => {
    issuer.introspection.set("opaque-1", { active: true, sub: "svc", scope: "mcp:read", iss: issuer.url, aud: publicUrl, exp: now() + 300 });
    const verify = createOAuthVerifier({ config: config(), introspectionClient: client });
    const before = issuer.hits["/introspect"] ?? 0;
    const first = await verify("opaque-1", publicUrl);
    const second = await verify("opaque-1", publicUrl);
    expect(first.ok && first.caller.subject).toBe(`${issuer.url}#svc`);
    expect(second.ok && second.caller.scopes).toEqual(["mcp:read"]);
    expect(issuer.hits["/introspect"]! - before).toBe(1);
  });

  test("client_secret_basic form-encodes an id and a secret holding a space, +, : and %", async () => {
    issuer.introspection.set("opaque-reserved", { active: true, sub: "svc", exp: now() + 300 });
    const verify = createOAuthVerifier({ config: config(), introspectionClient: { clientId: "gw:id", clientSecret: "a b+c:d%e" } });
    expect(await verify("opaque-reserved", publicUrl)).toMatchObject({ ok: true });
  });

  test.each([
    ["inactive", { active: false }, /not active/],
    ["expired", { active: true, sub: "s", exp: now() - 120 }, /expired/],
    ["another audience", { active: true, sub: "s", aud: "https://other/mcp", exp: now() + 60 }, /audience/],
    ["another issuer", { active: true, sub: "s", iss: "https://evil.example", exp: now() + 60 }, /another issuer/],
  ])("%s → refused", async (name, answer, reason) => {
    issuer.introspection.set(`opaque-${name}`, answer);
    const verify = createOAuthVerifier({ config: config(), introspectionClient: client });
    const result = await verify(`opaque-${name}`, publicUrl);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("RFC 9728 protected-resource metadata", () => {
  test.each(["/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"])("GET %s without auth", async (path) => {
    const res = await fetch(new URL(path, gateway.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({
      resource: gateway.url,
      authorization_servers: [issuer.url],
      scopes_supported: ["mcp:read", "mcp:write"],
      bearer_methods_supported: ["header"],
    });
  });

  test("server.public_url is the resource, and the metadata URL in every 401", async () => {
    const bundle = makeBundle();
    bundle.gateway.server.publicUrl = "https://mcp.example.com/gw/mcp";
    bundle.gateway.server.auth = { oauth: oauthConfig() };
    const behindProxy = await startGateway(bundle, envFor(upstream));
    try {
      const res = await rawInitialize(behindProxy.url);
      expect(res.headers.get("www-authenticate")).toBe('Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/gw/mcp"');
      const metadata = await (await fetch(new URL("/.well-known/oauth-protected-resource/gw/mcp", behindProxy.url))).json();
      expect(metadata.resource).toBe("https://mcp.example.com/gw/mcp");
      // Tools need no scopes in this bundle, and none are configured: the key is left out.
      expect(metadata.scopes_supported).toBeUndefined();
      // A token for the public URL is accepted on the listener.
      const token = await sign(claimsFor("https://mcp.example.com/gw/mcp"));
      expect((await rawInitialize(behindProxy.url, { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });

  test("without inbound auth there is no metadata (404)", async () => {
    const open = await startGateway(makeBundle(), envFor(upstream));
    try {
      expect((await fetch(new URL("/.well-known/oauth-protected-resource", open.url))).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});
