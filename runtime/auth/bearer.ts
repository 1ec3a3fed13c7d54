// Inbound bearer-token check: constant-time compare over sha256 digests; the caller carries a hash, never the token.

import { createHash, timingSafeEqual } from "node:crypto";
import { bearerCaller, type Caller } from "./caller.js";

export type BearerResult =
  | { ok: true; /** Who presented the token: `bearer:<fingerprint>`, no scopes, every app. */ caller: Caller }
  | { ok: false; /** Why, for the 401 body. Never echoes the presented token. */ reason: string };

/** A checker for `Authorization` header values against the configured tokens (already resolved from `${ENV}`). */
export function createBearerCheck(tokens: string[]): (authorization: string | undefined) => BearerResult {
  const digests = tokens.filter((t) => t.length > 0).map(sha256);
  // One Caller per valid token (at most as many as configured), so requests share it and its authInfo.
  const callers = new Map<string, Caller>();
  return (authorization) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
    if (!match) {
      return { ok: false, reason: authorization ? "the Authorization header is not a Bearer token" : "missing Authorization: Bearer <token>" };
    }
    const presented = sha256(match[1]!);
    let found = false;
    // Compare against every token, without an early exit, so timing does not reveal which one matched.
    for (const digest of digests) found = timingSafeEqual(digest, presented) || found;
    if (!found) return { ok: false, reason: "the bearer token is not valid" };
    const fingerprint = fingerprintOf(match[1]!);
    let caller = callers.get(fingerprint);
    if (!caller) callers.set(fingerprint, (caller = bearerCaller(fingerprint)));
    return { ok: true, caller };
  };
}

/** A token's fingerprint: a labelled hash (16 hex chars), so it differs from the digest used to compare. */
export function fingerprintOf(token: string): string {
  return createHash("sha256").update("gateway-caller\0").update(token).digest("hex").slice(0, 16);
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
