// Inbound auth for HTTP: the request's credential → a Caller, or a 401 (RFC 6750 §3) whose WWW-Authenticate
// points at the RFC 9728 protected-resource metadata. Static tokens are tried first, then OAuth.

import type { Caller } from "./caller.js";
import { bearerTokenOf } from "./bearer.js";
import type { OAuthVerifier } from "./oauth.js";

export type AuthOutcome =
  | { ok: true; caller: Caller }
  | {
      ok: false;
      /** 401, or 503 when the issuer could not be reached to check the token. */
      status: 401 | 503;
      /** RFC 6750 error code; absent when no credential was sent. */
      error?: "invalid_request" | "invalid_token";
      /** A fixed sentence; never quotes the token. */
      description: string;
    };

/** `url`: the request's (for `?access_token=`); `publicUrl`: the gateway's, the default OAuth audience. */
export type Authenticator = (authorization: string | undefined, url: URL, publicUrl: string) => Promise<AuthOutcome>;

export function createAuthenticator(parts: { staticTokens?: (token: string) => Caller | undefined; oauth?: OAuthVerifier }): Authenticator {
  return async (authorization, url, publicUrl) => {
    // A token in a URL ends up in proxy logs and browser history: refused even when it would be valid.
    if (url.searchParams.has("access_token")) {
      return { ok: false, status: 401, error: "invalid_request", description: "tokens in the query string are refused; send Authorization: Bearer <token>" };
    }
    if (authorization === undefined || authorization === "") return { ok: false, status: 401, description: "missing Authorization: Bearer <token>" };
    const token = bearerTokenOf(authorization);
    if (token === undefined) return { ok: false, status: 401, error: "invalid_request", description: "the Authorization header is not a Bearer token" };
    const known = parts.staticTokens?.(token);
    if (known) return { ok: true, caller: known };
    if (!parts.oauth) return { ok: false, status: 401, error: "invalid_token", description: "the bearer token is not valid" };
    const verified = await parts.oauth(token, publicUrl);
    if (verified.ok) return verified;
    return verified.unavailable
      ? { ok: false, status: 503, description: verified.reason }
      : { ok: false, status: 401, error: "invalid_token", description: verified.reason };
  };
}

/** The WWW-Authenticate value of a 401: the metadata URL, and the error when a credential was refused. */
export function wwwAuthenticate(resourceMetadataUrl: string, outcome: { error?: string; description: string }): string {
  const parts = [`resource_metadata="${quoted(resourceMetadataUrl)}"`];
  if (outcome.error) parts.push(`error="${outcome.error}"`, `error_description="${quoted(outcome.description)}"`);
  return `Bearer ${parts.join(", ")}`;
}

/** RFC 9728 §3: `/.well-known/oauth-protected-resource` inserted between the public URL's origin and its path. */
export function resourceMetadataUrlOf(publicUrl: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/** The RFC 9728 metadata document of this resource. */
export function resourceMetadata(publicUrl: string, issuer: string | undefined, scopesSupported: readonly string[]): Record<string, unknown> {
  return {
    resource: publicUrl,
    ...(issuer !== undefined ? { authorization_servers: [issuer] } : {}),
    ...(scopesSupported.length > 0 ? { scopes_supported: [...scopesSupported] } : {}),
    bearer_methods_supported: ["header"],
  };
}

/** A quoted-string body (RFC 9110 §5.6.4): backslash and double quote escaped, control characters dropped. */
function quoted(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, "").replace(/["\\]/g, "\\$&");
}
