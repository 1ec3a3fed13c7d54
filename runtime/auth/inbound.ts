// The inbound request headers an app's `forward` auth needs, captured per request by the HTTP transports and
// carried to the call beside the caller, in the SDK's per-message `authInfo`. Only the configured names are
// kept; nothing else of the inbound request (its Authorization above all) ever reaches an upstream.

import type { AuthInfo } from "@modelcontextprotocol/server";

/** Lower-case header name → value, only the names some app forwards. */
export type InboundHeaders = Readonly<Record<string, string>>;

const NONE: InboundHeaders = Object.freeze({});

/** The values of `names` (lower case) among `headers` (node:http's lower-cased map); the first of a repeated one. */
export function captureHeaders(headers: Readonly<Record<string, string | string[] | undefined>>, names: readonly string[]): InboundHeaders {
  if (names.length === 0) return NONE;
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first;
  }
  return Object.freeze(out);
}

/**
 * `info` with the request's captured headers beside the caller: a per-request copy (never the caller's
 * shared `authInfo`, which outlives the request). `info` itself when no app forwards a header.
 */
export function withInbound(info: AuthInfo, headers: Readonly<Record<string, string | string[] | undefined>>, names: readonly string[]): AuthInfo {
  if (names.length === 0) return info;
  return { ...info, extra: { ...info.extra, inbound: captureHeaders(headers, names) } };
}

/** The inbound headers a transport attached (HTTP: possibly empty); undefined where there are none (stdio). */
export function inboundOf(carrier: { authInfo?: AuthInfo | undefined } | undefined): InboundHeaders | undefined {
  return carrier?.authInfo?.extra?.inbound as InboundHeaders | undefined;
}
