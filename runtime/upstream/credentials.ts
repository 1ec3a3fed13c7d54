// Upstream credentials known only at run time: OAuth 2.0 client-credentials tokens (fetched, cached, refreshed)
// and values forwarded from the inbound request when an app says so. Static credentials are in auth.ts.
import type { Caller } from "../auth/caller.js";
import type { InboundHeaders } from "../auth/inbound.js";
import type { ResolvedApp } from "../config/secrets.js";
import type { ForwardAuth, OAuth2ClientCredentials } from "../contract.js";
import { clientSecretBasic } from "./client-secret-basic.js";
import { send, UpstreamError, type UpstreamResponse } from "./http.js";
import { ArgumentError, BAD_HEADER_CHAR, USER_AGENT, targetOfUrl } from "./request.js";

/**
 * A token is refreshed this long before it expires, so a call never leaves with one that lapses on the way:
 * a tenth of its lifetime, at most 60 s.
 */
const MAX_EARLY_REFRESH_MS = 60_000;
/** Cap on a token endpoint's answer. */
const TOKEN_RESPONSE_BYTES = 64 * 1024;
/** Bytes of an OAuth `error` code kept for a message. */
const ERROR_CODE_CHARS = 64;
/**
 * How long a failed token fetch is remembered: calls meanwhile get the same error at once instead of asking the
 * endpoint again (a wrong secret or a down identity provider would otherwise see one request per tool call).
 */
export const TOKEN_FAILURE_BACKOFF_MS = 5_000;

/** A token endpoint failed; the message names its status or failure, never a credential. */
export class CredentialError extends Error {
  override name = "CredentialError";
}

interface CachedToken {
  value: string;
  /** `now()` after which it is fetched again; Infinity when the endpoint gave no `expires_in`. */
  refreshAt: number;
}

export interface TokenOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with every token fetched, before any request carries it: the redactor's `add`. */
  onToken?: (token: string) => void;
}

/**
 * One app's client-credentials token: fetched on first use, shared by every call until shortly before it
 * expires, fetched once however many calls want it meanwhile (they all wait for the one request).
 */
export class ClientCredentials {
  #cached: CachedToken | undefined;
  #pending: Promise<string> | undefined;
  /** The last fetch's failure, answered until `until`. */
  #failure: { error: CredentialError; until: number } | undefined;

  constructor(
    private readonly app: string,
    private readonly auth: OAuth2ClientCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A valid token: the cached one, or the one being fetched, or a fresh fetch. Rejects with CredentialError, and
   * for TOKEN_FAILURE_BACKOFF_MS after a failed fetch with that failure, without asking the endpoint again.
   */
  token(options: TokenOptions): Promise<string> {
    const cached = this.#cached;
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.value);
    const failure = this.#failure;
    if (failure && this.now() < failure.until) return Promise.reject(failure.error);
    if (!this.#pending) {
      this.#pending = this.#fetch(options)
        .then(
          (token) => ((this.#failure = undefined), token),
          (error: unknown) => {
            // A call that gave up (its client cancelled) says nothing about the endpoint.
            if (error instanceof CredentialError && !options.signal?.aborted) {
              const seconds = TOKEN_FAILURE_BACKOFF_MS / 1000;
              this.#failure = { error: new CredentialError(`${error.message} (not asked again for ${seconds} s)`), until: this.now() + TOKEN_FAILURE_BACKOFF_MS };
            }
            throw error;
          },
        )
        .finally(() => (this.#pending = undefined));
    }
    return this.#pending;
  }

  /**
   * The upstream refused `token` (401): drop it unless it was replaced already, so the next `token()` fetches
   * once for every call that saw the same refusal.
   */
  invalidate(token: string): void {
    if (this.#cached?.value === token) this.#cached = undefined;
  }

  async #fetch(options: TokenOptions): Promise<string> {
    const url = new URL(this.auth.tokenUrl);
    const endpoint = url.origin + url.pathname;
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    if (this.auth.scope) form.set("scope", this.auth.scope);
    if (this.auth.audience) {
      // RFC 8707 names it `resource`; Auth0 and others call it `audience`. Both are harmless to the other kind.
      form.set("audience", this.auth.audience);
      form.set("resource", this.auth.audience);
    }
    const target = targetOfUrl(url);
    const startedAt = this.now();
    let response: UpstreamResponse;
    try {
      response = await send(
        {
          method: "POST",
          target,
          path: url.pathname + url.search,
          headers: {
            accept: "application/json",
            "user-agent": USER_AGENT,
            "content-type": "application/x-www-form-urlencoded",
            // client_secret_basic: every server must support it; the secret never appears in a body an endpoint
            // might log.
            authorization: clientSecretBasic(this.auth.clientId, this.auth.clientSecret),
          },
          body: form.toString(),
        },
        { timeoutMs: options.timeoutMs, maxBytes: TOKEN_RESPONSE_BYTES, ...(options.signal && { signal: options.signal }) },
      );
    } catch (err) {
      const reason = err instanceof UpstreamError ? err.message : String(err);
      throw new CredentialError(`app "${this.app}": could not get an access token from ${endpoint}: ${reason}`);
    }
    const body = parseJson(response.body);
    if (response.status < 200 || response.status > 299) {
      const code = typeof body?.error === "string" ? ` (${body.error.slice(0, ERROR_CODE_CHARS)})` : "";
      throw new CredentialError(
        `app "${this.app}": the token endpoint ${endpoint} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${code}; check the app's client_id, client_secret and scope`,
      );
    }
    const token = body?.access_token;
    if (typeof token !== "string" || token === "") {
      throw new CredentialError(`app "${this.app}": the token endpoint ${endpoint} answered ${response.status} without an access_token`);
    }
    options.onToken?.(token);
    const tokenType = body?.token_type;
    if (typeof tokenType === "string" && tokenType.toLowerCase() !== "bearer") {
      throw new CredentialError(`app "${this.app}": the token endpoint ${endpoint} issued a "${tokenType.slice(0, ERROR_CODE_CHARS)}" token; only bearer tokens are supported`);
    }
    if (/[^\x21-\x7e]/.test(token)) {
      throw new CredentialError(`app "${this.app}": the token endpoint ${endpoint} issued a token that cannot be sent in a header`);
    }
    const expiresIn = Number(body?.expires_in);
    let refreshAt = Infinity;
    if (Number.isFinite(expiresIn) && expiresIn > 0) {
      const lifetime = expiresIn * 1000;
      refreshAt = startedAt + lifetime - Math.min(MAX_EARLY_REFRESH_MS, lifetime / 10);
    }
    this.#cached = { value: token, refreshAt };
    return token;
  }
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const sources = new WeakMap<ResolvedApp, ClientCredentials>();

/** The app's token source, one per resolved app for the life of the process. */
export function clientCredentialsOf(app: ResolvedApp & { auth: OAuth2ClientCredentials }): ClientCredentials {
  let source = sources.get(app);
  if (!source) sources.set(app, (source = new ClientCredentials(app.name, app.auth)));
  return source;
}

/**
 * The header an app's `forward` auth sends on this call: the inbound header or the caller's claim it names,
 * behind its prefix. Throws ArgumentError when the request has no such value or it cannot be a header value.
 * `inbound` is undefined on a transport without headers (stdio).
 */
export function forwardedHeader(app: string, auth: ForwardAuth, caller: Caller | undefined, inbound: InboundHeaders | undefined): { name: string; value: string; secret: string } {
  let value: string | undefined;
  if (auth.from === "header") {
    const name = auth.name.toLowerCase();
    if (!inbound) {
      throw new ArgumentError(`app "${app}" forwards the inbound header "${name}", and this transport carries no headers (stdio); call it over HTTP with that header`);
    }
    value = inbound[name];
    if (value === undefined || value === "") throw new ArgumentError(`app "${app}" needs the inbound header "${name}" on this request, and it has none`);
  } else {
    const claim = caller?.claims[auth.name];
    if (typeof claim === "string" && claim !== "") value = claim;
    else if (typeof claim === "number" || typeof claim === "boolean") value = String(claim);
    else if (claim === undefined || claim === null || claim === "") {
      throw new ArgumentError(`app "${app}" forwards the "${auth.name}" claim of the caller's token, and this caller's token has none`);
    } else throw new ArgumentError(`app "${app}" forwards the "${auth.name}" claim, which is not a string in this caller's token`);
  }
  const full = (auth.prefix ?? "") + value;
  if (BAD_HEADER_CHAR.test(full)) {
    // The value is a credential: name where it came from, never what it was.
    throw new ArgumentError(`app "${app}": the forwarded ${auth.from} "${auth.name}" holds a line break or control character; nothing was sent`);
  }
  return { name: auth.header.toLowerCase(), value: full, secret: value };
}
