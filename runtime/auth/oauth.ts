// The gateway as an OAuth 2.1 resource server: JWT access tokens verified with jose against the issuer's JWKS
// (RFC 8414 / OpenID discovery, or a configured jwks_uri), and opaque tokens by RFC 7662 introspection.
// Never logs or returns a token: reasons are fixed sentences, the caller carries the token's fingerprint.

import { createHash } from "node:crypto";
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import type { OAuthResourceServer } from "../contract.js";
import { clientSecretBasic } from "../upstream/client-secret-basic.js";
import { fingerprintOf } from "./bearer.js";
import { tokenCaller, type Caller } from "./caller.js";

export type TokenResult =
  | { ok: true; caller: Caller }
  /** `unavailable`: the issuer could not be reached (503, the token may be fine); otherwise the token is refused (401). */
  | { ok: false; reason: string; unavailable?: true };

export interface OAuthOptions {
  config: OAuthResourceServer;
  /** `config.introspection`'s client credentials, resolved from `${ENV}`. */
  introspectionClient?: { clientId: string; clientSecret: string };
  /** Injected in tests; default global fetch. */
  fetch?: typeof fetch;
}

/**
 * A verifier of presented access tokens (the bare token, no `Bearer `); `publicUrl`, the gateway's public URL,
 * is the audience when `config.audience` is absent.
 */
export type OAuthVerifier = (token: string, publicUrl: string) => Promise<TokenResult>;

/** jose's JWKS cache: refetch on an unknown `kid` at most every 30 s, keys kept 10 min, 5 s per fetch. */
const JWKS_OPTIONS = { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 };
/** A failed discovery is retried after this long, so a down IdP is not asked on every request. */
const DISCOVERY_RETRY_MS = 10_000;
/** Most introspection answers kept; the oldest goes first. */
const INTROSPECTION_CACHE_MAX = 10_000;
const FETCH_TIMEOUT_MS = 5_000;

export function createOAuthVerifier(options: OAuthOptions): OAuthVerifier {
  const { config } = options;
  const doFetch = options.fetch ?? fetch;
  const jwks = lazyJwks(config, doFetch);
  const introspect = config.introspection && options.introspectionClient ? createIntrospection(config, options.introspectionClient, doFetch) : undefined;

  return async (token, publicUrl) => {
    const audiences = config.audience ?? [publicUrl];
    const fingerprint = fingerprintOf(token);
    if (!looksLikeJwt(token)) {
      if (!introspect) return { ok: false, reason: "the token is not a JWT access token" };
      const answer = await introspect(token, audiences);
      return answer.ok ? { ok: true, caller: callerOf(config, answer.claims, fingerprint) } : answer;
    }
    const keys = await jwks();
    if (!keys.ok) return keys;
    try {
      const { payload } = await jwtVerify(token, keys.value, {
        issuer: config.issuer,
        algorithms: config.algorithms,
        clockTolerance: config.clockToleranceSec,
        requiredClaims: ["exp"],
      });
      if (!audienceMatches(payload.aud, audiences)) return { ok: false, reason: "the token's audience (aud) is not this server" };
      if (typeof payload.sub !== "string" || payload.sub === "") return { ok: false, reason: "the token has no subject (sub)" };
      return { ok: true, caller: callerOf(config, payload, fingerprint) };
    } catch (error) {
      return refusal(error);
    }
  };
}

/**
 * `aud` (a string or a list) names one of `audiences`: exactly, or as that URL plus a query string
 * (`https://gw.example.com/mcp?apps=github`, as clients that put `?apps=` in the resource indicator ask for it).
 */
export function audienceMatches(aud: unknown, audiences: readonly string[]): boolean {
  const values = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === "string") : [];
  return values.some((value) => audiences.includes(value) || (value.includes("?") && audiences.includes(value.slice(0, value.indexOf("?")))));
}

function looksLikeJwt(token: string): boolean {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token)) return false;
  try {
    decodeProtectedHeader(token);
    return true;
  } catch {
    return false;
  }
}

/** The caller behind verified claims: `<issuer>#<sub>`, scopes from `scope` or `scp`, apps from the apps claim. */
function callerOf(config: OAuthResourceServer, claims: JWTPayload, fingerprint: string): Caller {
  const sub = typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : String(claims.client_id ?? "");
  return tokenCaller({
    subject: `${config.issuer}#${sub}`,
    fingerprint,
    scopes: listClaim(claims.scope ?? claims.scp) ?? [],
    // A configured claim that the token lacks grants no app: a missing claim must not widen access.
    apps: config.appsClaim === undefined ? null : appsOf(config, listClaim(claims[config.appsClaim]) ?? []),
    claims,
  });
}

/** The apps the apps claim's values grant: the values themselves, or what `apps_map` maps each to (unlisted: none). */
function appsOf(config: OAuthResourceServer, values: string[]): string[] {
  const map = config.appsByClaimValue;
  if (!map) return values;
  return [...new Set(values.flatMap((value) => (Object.hasOwn(map, value) ? map[value]! : [])))];
}

/** A list claim: an array of strings, or one space-separated string. */
function listClaim(value: unknown): string[] | undefined {
  if (typeof value === "string") return value.split(" ").filter((s) => s !== "");
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === "string" && s !== "");
  return undefined;
}

/** jose's errors as fixed sentences (never its message, which could quote a claim). */
function refusal(error: unknown): TokenResult {
  if (error instanceof errors.JWTExpired) return { ok: false, reason: "the token has expired" };
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return { ok: false, reason: "the token is not valid yet (nbf)" };
    if (error.claim === "iss") return { ok: false, reason: "the token was issued by another issuer (iss)" };
    return { ok: false, reason: `the token's ${error.claim} claim is missing or not valid` };
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return { ok: false, reason: "the token's signing algorithm (alg) is not allowed" };
  if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, reason: "no key of the issuer matches the token (kid)" };
  if (error instanceof errors.JWKSMultipleMatchingKeys) return { ok: false, reason: "the token does not name its key (kid)" };
  if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: "the token's signature is not valid" };
  if (error instanceof errors.JWKSTimeout) return { ok: false, reason: "the issuer's keys could not be fetched in time", unavailable: true };
  if (error instanceof errors.JOSEError) {
    if (error.code === "ERR_JWKS_INVALID" || error.code === "ERR_JOSE_GENERIC") return { ok: false, reason: "the issuer's keys could not be fetched", unavailable: true };
    return { ok: false, reason: "the token is malformed" };
  }
  // fetch failures of the key set (connection refused, DNS): the token may be fine.
  return { ok: false, reason: "the issuer's keys could not be fetched", unavailable: true };
}

type Jwks = ReturnType<typeof createRemoteJWKSet>;

/** The remote key set, from `jwks_uri` or discovered on first use; a failed discovery is retried later. */
function lazyJwks(config: OAuthResourceServer, doFetch: typeof fetch): () => Promise<{ ok: true; value: Jwks } | { ok: false; reason: string; unavailable: true }> {
  let keys: Jwks | undefined = config.jwksUri ? createRemoteJWKSet(new URL(config.jwksUri), JWKS_OPTIONS) : undefined;
  let pending: Promise<Jwks | undefined> | undefined;
  let failedAt = -Infinity;
  return async () => {
    if (keys) return { ok: true, value: keys };
    if (!pending && Date.now() - failedAt >= DISCOVERY_RETRY_MS) {
      pending = discoverJwksUri(config.issuer, doFetch).then(
        (uri) => (keys = createRemoteJWKSet(new URL(uri), JWKS_OPTIONS)),
        () => {
          failedAt = Date.now();
          return undefined;
        },
      );
      void pending.finally(() => (pending = undefined));
    }
    const found = (await pending) ?? keys;
    return found ? { ok: true, value: found } : { ok: false, reason: "the issuer's metadata could not be fetched", unavailable: true };
  };
}

/**
 * The issuer's `jwks_uri`: RFC 8414 metadata first (`/.well-known/oauth-authorization-server` inserted before the
 * issuer's path), then OpenID Connect discovery (`<issuer>/.well-known/openid-configuration`, and the inserted
 * form). The metadata must name the same issuer (RFC 8414 §3.3), or its keys are not the issuer's.
 */
export async function discoverJwksUri(issuer: string, doFetch: typeof fetch = fetch): Promise<string> {
  const url = new URL(issuer);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  const candidates = [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/openid-configuration${path}`,
  ];
  for (const candidate of [...new Set(candidates)]) {
    let metadata: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await doFetch(candidate, { headers: { accept: "application/json" }, redirect: "error", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) continue;
      metadata = (await res.json()) as typeof metadata;
    } catch {
      continue;
    }
    if (metadata.issuer !== issuer || typeof metadata.jwks_uri !== "string") continue;
    return metadata.jwks_uri;
  }
  throw new Error(`no authorization server metadata with a jwks_uri for issuer ${issuer}`);
}

type Introspected = { ok: true; claims: JWTPayload } | { ok: false; reason: string; unavailable?: true };

/** RFC 7662 introspection with a cache keyed by the token's sha256, each answer kept at most `cacheTtlMs` and never past `exp`. */
function createIntrospection(
  config: OAuthResourceServer,
  client: { clientId: string; clientSecret: string },
  doFetch: typeof fetch,
): (token: string, audiences: readonly string[]) => Promise<Introspected> {
  const { endpoint, cacheTtlMs } = config.introspection!;
  const cache = new Map<string, { answer: Introspected; until: number }>();
  const authorization = clientSecretBasic(client.clientId, client.clientSecret);
  const skewMs = config.clockToleranceSec * 1000;

  const ask = async (token: string, audiences: readonly string[]): Promise<{ answer: Introspected; exp?: number }> => {
    let body: Record<string, unknown>;
    try {
      const res = await doFetch(endpoint, {
        method: "POST",
        headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ token, token_type_hint: "access_token" }).toString(),
        redirect: "error",
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!res.ok) return { answer: { ok: false, reason: `the introspection endpoint answered ${res.status}`, unavailable: true } };
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      return { answer: { ok: false, reason: "the introspection endpoint could not be reached", unavailable: true } };
    }
    const exp = typeof body.exp === "number" ? body.exp : undefined;
    const now = Date.now();
    if (body.active !== true) return { answer: { ok: false, reason: "the token is not active" } };
    if (exp !== undefined && exp * 1000 + skewMs <= now) return { answer: { ok: false, reason: "the token has expired" } };
    if (typeof body.nbf === "number" && body.nbf * 1000 - skewMs > now) return { answer: { ok: false, reason: "the token is not valid yet (nbf)" } };
    if (body.iss !== undefined && body.iss !== config.issuer) return { answer: { ok: false, reason: "the token was issued by another issuer (iss)" } };
    if (body.aud !== undefined && !audienceMatches(body.aud, audiences)) return { answer: { ok: false, reason: "the token's audience (aud) is not this server" } };
    if (typeof body.sub !== "string" && typeof body.client_id !== "string") return { answer: { ok: false, reason: "the token has no subject (sub)" } };
    return { answer: { ok: true, claims: body as JWTPayload }, ...(exp !== undefined ? { exp } : {}) };
  };

  return async (token, audiences) => {
    const key = createHash("sha256").update(token).digest("hex");
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.answer;
    const { answer, exp } = await ask(token, audiences);
    // An unreachable endpoint is not remembered: the next request asks again.
    if (!("unavailable" in answer && answer.unavailable)) {
      const until = Math.min(now + cacheTtlMs, exp !== undefined ? exp * 1000 : Infinity);
      cache.delete(key);
      if (cache.size >= INTROSPECTION_CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(key, { answer, until });
    }
    return answer;
  };
}
