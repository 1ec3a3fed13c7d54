// The per-request context every tool handler gets: who asks, what they may see, how, and the session if any.

import type { Caller } from "./auth/caller.js";
import type { InboundHeaders } from "./auth/inbound.js";
import type { Catalog, View } from "./catalog.js";
import type { AppSet, Mode, Session } from "./session/store.js";
import type { TraceCarrier } from "./tracing.js";

/**
 * What a connection fixed when it started: how it sees the tools, which apps it asked for, and its session
 * when it keeps one. A stateless request (no session) would carry the same mode and apps itself.
 */
export interface Connection {
  mode: Mode;
  /** Apps asked for (`?apps=` / `--apps`), sorted; `null`: every app. */
  apps: AppSet;
  /** State kept across requests (dynamic mode's enabled tools); absent for a stateless connection. */
  session?: Session;
  /** The schema dialect its tools are listed and called in (runtime/dialects.ts); absent: the portable schemas. */
  dialect?: string | null;
  /**
   * Reads the session's stored state into `session` again. A copy kept current by its channel can lag a change
   * another replica made a moment ago, so a refusal that rests on the copy asks the store first.
   */
  rereadSession?: () => Promise<void>;
}

/** One request, as the tool modes see it. Built per request from the connection and the request's caller. */
export interface RequestContext {
  /** Who sent this request (from the SDK's `authInfo`), never taken from the session. */
  caller: Caller;
  /** What the request may see: the connection's apps ∩ the caller's; tool lists are cached per view. */
  view: View;
  mode: Mode;
  /** The session's state, when the request belongs to one. Static mode never needs it; dynamic mode keeps its enabled tools there. */
  session?: Session;
  /** See `Connection.rereadSession`. */
  rereadSession?: () => Promise<void>;
  /**
   * The inbound headers some app's `forward` auth names, captured from this request (HTTP); absent on stdio or
   * when no app forwards a header. Nothing else of the inbound request reaches an upstream.
   */
  inbound?: InboundHeaders;
  /** The request's `_meta` when tracing is on: its W3C `traceparent` and `tracestate` (SEP-414), if any, parent the call's span. */
  trace?: TraceCarrier;
}

/** A request that belongs to a session. */
export type SessionContext = RequestContext & { session: Session };

export function hasSession(request: RequestContext): request is SessionContext {
  return request.session !== undefined;
}

/** The context of one request of `connection` sent by `caller`. */
export function requestContext(catalog: Catalog, connection: Connection, caller: Caller, inbound?: InboundHeaders): RequestContext {
  const out: RequestContext = { caller, view: catalog.view(connection.apps, caller, connection.dialect ?? null), mode: connection.mode };
  if (connection.session) out.session = connection.session;
  if (connection.rereadSession) out.rereadSession = connection.rereadSession;
  if (inbound) out.inbound = inbound;
  return out;
}
