// The session record and the store interface behind it: memory for one process, Redis for replicas behind a
// load balancer (any replica serves any session, so everything a replica needs to rebuild one lives here).

/** How a connection sees the tools: every tool, or a few meta tools plus the ones it enabled. */
export type Mode = "static" | "dynamic";

/** A set of app names, sorted and deduplicated; `null` means every app. */
export type AppSet = readonly string[] | null;

/**
 * Plain, JSON-serialisable session state: what a shared store holds so another replica can serve the
 * session or resume its chat. Live objects (MCP Server, transport) are kept by the transport, not here.
 * A session is optional state beside a request (see RequestContext), not what carries the caller.
 */
export interface Session {
  /** The MCP session id (a random UUID); `"stdio"` for the single stdio session. */
  id: string;
  mode: Mode;
  /**
   * Apps the connection asked for (`?apps=` / `--apps`), sorted; `null`: every app. Fixed at initialize.
   * What a request sees is this ∩ what its caller may see, worked out per request.
   */
  apps: string[] | null;
  /** The schema dialect its tools are listed and called in, fixed at initialize; absent: the portable schemas. */
  dialect?: string;
  /** Dynamic mode: tool names the client enabled, sorted. Empty in static mode. */
  enabled: string[];
  /** `Caller.subject` of whoever opened it; requests of any other caller are told it does not exist (404). */
  owner: string;
  /** The `x-chat-id` header sent at initialize, when any: a later initialize with the same id resumes this state. */
  chatId?: string;
  /** Epoch ms of creation. */
  createdAt: number;
  /**
   * Epoch ms the client ended it (DELETE) while it carried a chat id: it serves no more requests, on any
   * replica, but its state stays (until the idle timeout) so an initialize with that chat id resumes it.
   * Written by the store's `markEnded`.
   */
  endedAt?: number;
  /**
   * Epoch ms of the last touch; idle expiry counts from here. Owned by the store's `touch`, which a replica calls
   * at most every eighth of the idle timeout per session (see HttpSessions), so it may lag the last request by that much.
   */
  lastSeen: number;
  /**
   * Counts the writes of `enabled` (`set`, `enable`, `disable`): of two copies of one session, the one with the
   * higher version is the newer. Owned by the store; absent on a session not stored yet.
   */
  version?: number;
}

/** A message for a session's standalone GET stream (a JSON-RPC notification), JSON-serialisable. */
export type SessionMessage = unknown;

/** Receives what `publish` sent to one session; called once per message, never with the sender's object. */
export type SessionMessageHandler = (message: SessionMessage) => void;

/**
 * Storage for sessions, shared by every replica that serves them. Every method is async so a networked
 * store fits behind it. The store holds copies: a session object changed without `set` changes nothing.
 *
 * Expiry: a store built with an idle timeout forgets a session that long after its last `set` or `touch`
 * (Redis: a key TTL; memory: checked on read), whatever any replica does. A store built without one keeps
 * sessions until `expire` or `delete` removes them (the memory store's default, swept by its caller).
 *
 * Failures: a shared store that cannot be reached rejects with `StoreUnavailableError`, promptly (well under
 * a second), so the request path can answer 503 with `Retry-After`; it reconnects by itself.
 */
export interface SessionStore {
  /**
   * True when the store forgets idle sessions by itself (a TTL): `expire` then has nothing to sweep, and a
   * caller only needs to notice, with `get` or `touch`, that a session it holds live is gone.
   */
  readonly expiresItself: boolean;
  /**
   * Names the current unbroken stretch of this store's pub/sub: a handler `subscribe`d (its promise resolved)
   * hears every message published for its session until this value changes. Undefined while subscriptions may be
   * missing messages (the connection is down, or subscribing again after a reconnect). The memory store misses
   * nothing: 0 until closed.
   */
  readonly subscriptionEpoch: number | undefined;
  /** A copy of the stored session, or undefined (never stored, deleted, or expired). */
  get(id: string): Promise<Session | undefined>;
  /**
   * Stores a copy, inserting or overwriting by `id`, and restarts its idle timeout. Used at initialize; later
   * changes of the enabled set should go through `enable`/`disable`, which cannot lose a concurrent change
   * nor bring back a session deleted meanwhile (a `set` does both).
   * Never moves `lastSeen` back: a `set` of a copy read before a `touch` keeps the touched time.
   */
  set(session: Session): Promise<void>;
  /** Forgets the session, and removes it from its owner's list. Idempotent. */
  delete(id: string): Promise<void>;
  /**
   * Marks the session ended at `at` (`endedAt`), keeping its state for a chat resume. Writes nothing else, so an
   * enable on another replica at the same moment is kept. False when the store no longer holds it.
   */
  markEnded(id: string, at: number): Promise<boolean>;
  /**
   * Marks the session used at `now` (never earlier than it was) and restarts its idle timeout.
   * False when the store no longer holds it (deleted, or expired): the caller should end it.
   */
  touch(id: string, now: number): Promise<boolean>;
  /**
   * Adds `names` to the session's enabled set in one atomic step: two replicas enabling tools in one session
   * at the same moment both keep their names. Returns a copy of the session afterwards (enabled sorted), or
   * undefined when the store no longer holds it (nothing is written then). Does not restart the idle timeout.
   */
  enable(id: string, names: readonly string[]): Promise<Session | undefined>;
  /** Removes `names` from the enabled set, atomically, as `enable` adds them; same answer. */
  disable(id: string, names: readonly string[]): Promise<Session | undefined>;
  /** Copies of the live (unexpired) sessions of one owner (`Caller.subject`), in no particular order. */
  listByOwner(owner: string): Promise<Session[]>;
  /**
   * Removes every session whose `lastSeen` is older than `before` at the moment it is removed (checked and
   * deleted atomically, so a session touched meanwhile by another replica survives); returns their ids.
   * A store that `expiresItself` removes nothing here and returns [].
   */
  expire(before: number): Promise<string[]>;
  /**
   * Sends `message` to whoever `subscribe`d to this session, on any replica (the session's GET stream may be
   * held by another one). Best effort, like a notification: nobody listening, or a subscriber reconnecting,
   * means it is dropped. Resolves to the number of subscribers reached (Redis: replica connections; memory:
   * handlers), so 0 says nobody holds a stream for the session.
   */
  publish(sessionId: string, message: SessionMessage): Promise<number>;
  /**
   * Calls `handler` with every message later published for this session, until the returned function is
   * called. Handlers get their own copy of each message, asynchronously, in publish order per publisher.
   */
  subscribe(sessionId: string, handler: SessionMessageHandler): Promise<() => Promise<void>>;
  /** Resolves when the store answers (for `/readyz`); rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** Releases connections and subscriptions. Later calls reject with `StoreUnavailableError`. Idempotent. */
  close(): Promise<void>;
}

/**
 * The store cannot be reached right now (connection refused or lost, timeout, server loading or read-only).
 * Transient: answer 503 with `Retry-After: retryAfterS` (or a JSON-RPC error where no status can be sent).
 */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  /** Seconds a client should wait before retrying. */
  readonly retryAfterS: number;

  constructor(message: string, options: { cause?: unknown; retryAfterS?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterS = options.retryAfterS ?? 1;
  }
}

/**
 * How long after a touch the store confirmed a replica may serve a session without asking the store: a quarter of
 * the idle timeout, the padding of `storeIdleTimeoutMs`, so even when refreshes fail no request is served that
 * far from its session's expiry.
 */
export function trustForMs(idleTimeoutMs: number): number {
  return Math.floor(idleTimeoutMs / 4);
}

/**
 * How often a replica refreshes the TTL of a session it serves, at most, in the background: half the trust, so a
 * refresh normally lands long before the trust runs out and requests do not wait on the store (HttpSessions).
 */
export function refreshEveryMs(idleTimeoutMs: number): number {
  return Math.floor(trustForMs(idleTimeoutMs) / 2);
}

/**
 * How long a store must keep a session after its last touch: the idle timeout, plus how long a replica serves it
 * after a touch. A store built with this forgets no session sooner than an idle timeout after its last request.
 */
export function storeIdleTimeoutMs(idleTimeoutMs: number): number {
  return idleTimeoutMs + trustForMs(idleTimeoutMs);
}

/** The newest session of `owner` that carried `chatId`, if the store still holds one. */
export async function findChat(store: SessionStore, owner: string, chatId: string): Promise<Session | undefined> {
  let found: Session | undefined;
  for (const session of await store.listByOwner(owner)) {
    if (session.chatId === chatId && (!found || session.lastSeen >= found.lastSeen)) found = session;
  }
  return found;
}
