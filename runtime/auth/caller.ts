// Who is asking: the caller an inbound request carries from the transport, through the SDK's `authInfo`, to
// every handler: static bearer tokens, OAuth access tokens (auth/oauth.ts), or nobody (ANONYMOUS).

import type { AuthInfo } from "@modelcontextprotocol/server";

/**
 * The authenticated (or anonymous) identity behind one request. Immutable and shared: never holds the raw
 * credential, so it may be logged, stored on a session, or put in the SDK's `authInfo`.
 */
export interface Caller {
  /**
   * Stable identity of the caller; sessions and chats belong to it. `bearer:<fingerprint>` for a static
   * bearer token, `anonymous` when no inbound auth is configured (and on stdio). An OAuth caller will be its
   * issuer-qualified `sub`, so refreshed tokens of one user keep their sessions.
   */
  readonly subject: string;
  /**
   * Non-reversible hash of the presented credential (16 hex characters of a labelled sha256); absent without
   * a credential. Safe to log; never the token itself.
   */
  readonly fingerprint?: string;
  /**
   * Scopes granted to this caller, sorted; `null`: unrestricted (no inbound auth, or a static token configured
   * without `scopes:`). A tool is callable when every scope it needs is here.
   */
  readonly scopes: readonly string[] | null;
  /** Apps this caller may see, sorted; `null`: every app. A connection's `?apps=` is narrowed to these. */
  readonly apps: readonly string[] | null;
  /** The credential's raw claims (an OAuth access token's, once validated); empty for static tokens. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The caller of a connection without inbound auth: HTTP on a loopback bind with no tokens, and stdio. */
export const ANONYMOUS: Caller = freeze({ subject: "anonymous", scopes: null, apps: null, claims: {} });

/** The caller behind a valid static bearer token: the scopes and apps configured for it (null: unrestricted). */
export function bearerCaller(fingerprint: string, scopes: readonly string[] | null = null, apps: readonly string[] | null = null): Caller {
  const sorted = (list: readonly string[] | null) => (list ? [...list].sort() : null);
  return freeze({ subject: `bearer:${fingerprint}`, fingerprint, scopes: sorted(scopes), apps: sorted(apps), claims: {} });
}

/** The caller behind a verified OAuth access token (JWT or introspected): `<issuer>#<sub>`, its claims kept. */
export function tokenCaller(fields: { subject: string; fingerprint: string; scopes: readonly string[]; apps: readonly string[] | null; claims: Record<string, unknown> }): Caller {
  return freeze({
    subject: fields.subject,
    fingerprint: fields.fingerprint,
    scopes: [...new Set(fields.scopes)].sort(),
    apps: fields.apps ? [...new Set(fields.apps)].sort() : null,
    claims: { ...fields.claims },
  });
}

const authInfos = new WeakMap<Caller, AuthInfo>();

/**
 * The SDK's `authInfo` for a caller, as transports hand it to `onmessage(message, { authInfo })`. The caller
 * rides in `extra.caller`; `token` is the fingerprint (the SDK field is required, and the raw token must not
 * travel anywhere it could be logged or stored). One object per caller, built once.
 */
export function authInfoOf(caller: Caller): AuthInfo {
  let info = authInfos.get(caller);
  if (!info) {
    info = { token: caller.fingerprint ?? "", clientId: caller.subject, scopes: [...(caller.scopes ?? [])], extra: { caller } };
    authInfos.set(caller, info);
  }
  return info;
}

/**
 * The caller of the request a handler is serving: pass the handler's `ctx.http` (where the SDK puts the
 * `authInfo` a transport handed to `onmessage`), or a transport's `extra` itself. Throws when a transport
 * passed none: a request without a caller is a bug, and must not silently become anonymous.
 */
export function callerOf(carrier: { authInfo?: AuthInfo | undefined } | undefined): Caller {
  const caller = carrier?.authInfo?.extra?.caller as Caller | undefined;
  if (typeof caller?.subject !== "string" || (caller.scopes !== null && !Array.isArray(caller.scopes))) {
    throw new Error("request without a caller: the transport must pass one as authInfo");
  }
  return caller;
}

function freeze(caller: Caller): Caller {
  if (caller.scopes) Object.freeze(caller.scopes);
  if (caller.apps) Object.freeze(caller.apps);
  Object.freeze(caller.claims);
  return Object.freeze(caller);
}
