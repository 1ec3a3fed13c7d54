// OAuth client authentication by HTTP Basic (client_secret_basic), written once for every request the gateway makes
// to an authorization server: the upstream client-credentials token request and inbound token introspection.

/**
 * The Authorization header value for `clientId` and `clientSecret`. RFC 6749 §2.3.1: each part is encoded with
 * application/x-www-form-urlencoded (Appendix B: a space is `+`) before they are joined by `:` and base64-encoded,
 * so a secret holding `:`, `+`, `%` or a space reaches the server as written.
 */
export function clientSecretBasic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString("base64")}`;
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}
