// Inbound bearer-token check: constant-time compare over sha256 digests; the caller id is a hash, never the token.

import { createHash, timingSafeEqual } from "node:crypto";

export type BearerResult =
  | { ok: true; /** Stable, non-reversible id of the token: 16 hex chars. */ callerId: string }
  | { ok: false; /** Why, for the 401 body. Never echoes the presented token. */ reason: string };

/** A checker for `Authorization` header values against the configured tokens (already resolved from `${ENV}`). */
export function createBearerCheck(tokens: string[]): (authorization: string | undefined) => BearerResult {
  const digests = tokens.filter((t) => t.length > 0).map(sha256);
  return (authorization) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
    if (!match) {
      return { ok: false, reason: authorization ? "the Authorization header is not a Bearer token" : "missing Authorization: Bearer <token>" };
    }
    const presented = sha256(match[1]!);
    let found = false;
    // Compare against every token, without an early exit, so timing does not reveal which one matched.
    for (const digest of digests) found = timingSafeEqual(digest, presented) || found;
    return found ? { ok: true, callerId: callerIdOf(match[1]!) } : { ok: false, reason: "the bearer token is not valid" };
  };
}

/** The id recorded on sessions for a token: a labelled hash, so it differs from the digest used to compare. */
export function callerIdOf(token: string): string {
  return createHash("sha256").update("gateway-caller\0").update(token).digest("hex").slice(0, 16);
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
