// Inbound static bearer tokens: constant-time compare over sha256 digests; the caller carries a hash, never the token.

import { createHash, timingSafeEqual } from "node:crypto";
import { bearerCaller, type Caller } from "./caller.js";

/** A static token resolved from `${ENV}`, with what it may do (absent: everything). */
export interface ResolvedStaticToken {
  token: string;
  scopes?: readonly string[];
  apps?: readonly string[];
}

/** `Authorization: Bearer <token>` → the token; undefined for another scheme or a malformed value. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
}

/** A matcher of presented tokens against the configured ones: the token's caller, or undefined. */
export function createStaticTokens(tokens: readonly (string | ResolvedStaticToken)[]): (token: string) => Caller | undefined {
  const entries = tokens.map((t) => (typeof t === "string" ? { token: t } : t)).filter((t) => t.token.length > 0);
  const digests = entries.map((t) => sha256(t.token));
  // One Caller per valid token (at most as many as configured), so requests share it and its authInfo.
  const callers = new Map<number, Caller>();
  return (token) => {
    const presented = sha256(token);
    let found = -1;
    // Compare against every token, without an early exit, so timing does not reveal which one matched.
    digests.forEach((digest, i) => {
      if (timingSafeEqual(digest, presented) && found < 0) found = i;
    });
    if (found < 0) return undefined;
    let caller = callers.get(found);
    if (!caller) {
      const { scopes, apps } = entries[found]!;
      callers.set(found, (caller = bearerCaller(fingerprintOf(token), scopes ?? null, apps ?? null)));
    }
    return caller;
  };
}

/** A token's fingerprint: a labelled hash (16 hex chars), so it differs from the digest used to compare. */
export function fingerprintOf(token: string): string {
  return createHash("sha256").update("gateway-caller\0").update(token).digest("hex").slice(0, 16);
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
