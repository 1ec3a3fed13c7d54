// One upstream interface: a tool's request kind picks the upstream that turns validated arguments into a response.
import type { ResolvedApp } from "../config/secrets.js";
import type { Tool, ToolRequest } from "../contract.js";
import { clientCredentialsOf } from "./credentials.js";
import { breakerOf } from "./breaker.js";
import { send, UpstreamError, type SendOptions, type UpstreamResponse } from "./http.js";
import { graphqlRequestFor } from "./graphql.js";
import { requestFor, type UpstreamRequest } from "./request.js";
import { retryPolicyOf, withRetries } from "./retry.js";
import { tracer } from "../tracing.js";

export interface Upstream<Request extends ToolRequest = ToolRequest> {
  /**
   * One call with arguments that passed the tool's inputSchema. Throws `ArgumentError` (an argument the wire
   * cannot carry) or `UpstreamError` (no answer), both with messages safe for a client; any answer is returned.
   */
  call(tool: Tool<Record<string, unknown>, Request>, args: Record<string, unknown>, app: ResolvedApp, options: UpstreamOptions): Promise<UpstreamResponse>;
}

export interface UpstreamOptions extends SendOptions {
  /** Headers known only for this call (a fetched token, a forwarded value): set last, over every other. */
  headers?: Record<string, string>;
}

/**
 * Builds the request, sets the call's own headers over the app's and the arguments', and sends it. No async
 * function around it: a request built synchronously goes out in the same turn, and the call's promise is the one
 * `send` returns; a build that throws (ArgumentError) becomes a rejection.
 */
function buildAndSend(build: () => UpstreamRequest | Promise<UpstreamRequest>, options: UpstreamOptions): Promise<UpstreamResponse> {
  const sendWithHeaders = (request: UpstreamRequest) => {
    if (options.headers) Object.assign(request.headers, options.headers);
    return send(request, options);
  };
  try {
    const request = build();
    return request instanceof Promise ? request.then(sendWithHeaders) : sendWithHeaders(request);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Every request kind and its upstream: a new kind of source adds its line here. */
const UPSTREAMS: { [Kind in ToolRequest["kind"]]: Upstream<Extract<ToolRequest, { kind: Kind }>> } = {
  http: { call: (tool, args, app, options) => buildAndSend(() => requestFor(tool, args, app), options) },
  graphql: { call: (tool, args, app, options) => buildAndSend(() => graphqlRequestFor(tool, args, app), options) },
};

function upstreamOf(tool: Tool): Upstream {
  return UPSTREAMS[tool.request.kind] as Upstream;
}

export interface CallOptions extends UpstreamOptions {
  /** The header an app's `forward` auth sends on this call (see `forwardedHeader`). */
  forwarded?: { name: string; value: string };
  /** Every token fetched at run time goes here before any request carries it: the redactor's `add`. */
  onToken?: (token: string) => void;
}

/**
 * One call with the app's run-time credentials: a forwarded header, or a client-credentials token (fetched or
 * cached), and on a 401 with that token one refresh and one retry. Other auth kinds are in the built request.
 * Rejects with what `Upstream.call` rejects with, or a CredentialError. Fails fast while the app's circuit
 * breaker is open; retries idempotent calls (see `withRetries`).
 */
export function callUpstream(tool: Tool, args: Record<string, unknown>, app: ResolvedApp, options: CallOptions): Promise<UpstreamResponse> {
  const breaker = breakerOf(app);
  const refused = breaker.admit();
  if (refused) return Promise.reject(new UpstreamError("unavailable", refused));
  const { forwarded: _forwarded, onToken: _onToken, ...sendOptions } = options;
  const once = (attempt: UpstreamOptions) => callOnce(tool, args, app, attempt, options);
  // Traced, each attempt is a span of its own and carries its traceparent upstream.
  const traced = tracer;
  const attempt = traced ? (send: UpstreamOptions) => traced.upstreamAttempt(tool, (headers) => once({ ...send, headers: { ...send.headers, ...headers } })) : once;
  return withRetries(attempt, sendOptions, retryPolicyOf(tool, app), breaker);
}

/** One attempt of `callUpstream`, without retries: `send` is the attempt's, the credentials are the call's. */
async function callOnce(tool: Tool, args: Record<string, unknown>, app: ResolvedApp, send: UpstreamOptions, { forwarded, onToken }: CallOptions): Promise<UpstreamResponse> {
  const upstream = upstreamOf(tool);
  if (forwarded) return upstream.call(tool, args, app, withHeaders(send, { [forwarded.name]: forwarded.value }));
  if (app.auth.type !== "oauth2_client_credentials") return upstream.call(tool, args, app, send);
  const source = clientCredentialsOf(app as ResolvedApp & { auth: typeof app.auth });
  const tokenOptions = { timeoutMs: send.timeoutMs, ...(send.signal && { signal: send.signal }), ...(onToken && { onToken }) };
  const token = await source.token(tokenOptions);
  const response = await upstream.call(tool, args, app, withHeaders(send, { authorization: `Bearer ${token}` }));
  if (response.status !== 401) return response;
  // Revoked or expired early: one fresh token (shared by every call that saw the same refusal), one retry.
  source.invalidate(token);
  const fresh = await source.token(tokenOptions);
  if (fresh === token) return response;
  return upstream.call(tool, args, app, withHeaders(send, { authorization: `Bearer ${fresh}` }));
}

/** The call's own headers (a traceparent) with the credential `own` set over them: added to, never replaced. */
function withHeaders(send: UpstreamOptions, own: Record<string, string>): UpstreamOptions {
  return { ...send, headers: send.headers ? { ...send.headers, ...own } : own };
}
