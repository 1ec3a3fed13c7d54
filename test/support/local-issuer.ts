// Loopback identity servers for end-to-end tests: an OAuth issuer (RFC 8414 metadata and a JWKS on 127.0.0.1, JWT
// access tokens signed here with jose, as test/runtime/server/oauth.test.ts does), and a client-credentials token
// endpoint that issues a new random token per request and records what it was sent.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";

export interface LocalIssuer {
  /** @example "http://127.0.0.1:41234" */
  url: string;
  /** An RS256 access token of this issuer for `audience`, valid 5 minutes: `sub`, `scope` and `claims` as given. */
  sign(audience: string, claims?: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

/** Metadata at /.well-known/oauth-authorization-server, keys at /jwks; one RS256 key, kid "e2e". */
export async function startLocalIssuer(): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "e2e", alg: "RS256", use: "sig" }] };
  let url = "";
  const server = await listen(createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    const body = path === "/.well-known/oauth-authorization-server" ? { issuer: url, jwks_uri: `${url}/jwks` } : path === "/jwks" ? jwks : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? {}));
  }));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, sign: (audience, claims = {}) => signToken(privateKey, url, audience, claims), close: () => stop(server) };
}

function signToken(key: CryptoKey, issuer: string, audience: string, claims: JWTPayload): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: "e2e-user", scope: "mcp:read mcp:write", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "e2e", typ: "at+jwt" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(key);
}

export interface TokenEndpoint {
  /** @example "http://127.0.0.1:41235/oauth/token" */
  url: string;
  /** Every access token issued, in order. */
  issued: string[];
  /** The Authorization header of every token request. */
  authorizations: string[];
  close(): Promise<void>;
}

/** POST /oauth/token: a new random bearer token per request (expires_in 3600), whoever asks. */
export async function startTokenEndpoint(): Promise<TokenEndpoint> {
  const issued: string[] = [];
  const authorizations: string[] = [];
  const server = await listen(createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on("end", () => {
      authorizations.push(req.headers.authorization ?? "");
      const token = `cc-token-${randomBytes(18).toString("base64url")}`;
      issued.push(token);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600 }));
    });
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`, issued, authorizations, close: () => stop(server) };
}

async function listen(server: Server): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
}
