// The session record and the small store interface behind it (memory now; a shared store such as Redis later).

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
  /** Dynamic mode: tool names the client enabled, sorted. Empty in static mode. */
  enabled: string[];
  /** `Caller.subject` of whoever opened it; requests of any other caller are told it does not exist (404). */
  owner: string;
  /** The `x-chat-id` header sent at initialize, when any: a later initialize with the same id resumes this state. */
  chatId?: string;
  /** Epoch ms of creation. */
  createdAt: number;
  /** Epoch ms of the last request; idle expiry counts from here. Owned by the store's `touch`. */
  lastSeen: number;
}

/**
 * Storage for sessions, shared by every replica that serves them. Every method is async so a networked
 * store fits behind it. The store holds copies: a session object changed without `set` changes nothing.
 */
export interface SessionStore {
  /** A copy of the stored session, or undefined. */
  get(id: string): Promise<Session | undefined>;
  /**
   * Stores a copy, inserting or overwriting by `id`; called after every change of the session's state.
   * Never moves `lastSeen` back: a `set` of a copy read before a `touch` keeps the touched time.
   */
  set(session: Session): Promise<void>;
  delete(id: string): Promise<void>;
  /** Marks the session used at `now` (never earlier than it was). False when the store no longer holds it. */
  touch(id: string, now: number): Promise<boolean>;
  /** Copies of the sessions of one owner (`Caller.subject`). */
  listByOwner(owner: string): Promise<Session[]>;
  /**
   * Removes every session whose `lastSeen` is older than `before` at the moment it is removed (checked and
   * deleted atomically, so a session touched meanwhile by another replica survives); returns their ids.
   */
  expire(before: number): Promise<string[]>;
}

/** The newest session of `owner` that carried `chatId`, if the store still holds one. */
export async function findChat(store: SessionStore, owner: string, chatId: string): Promise<Session | undefined> {
  let found: Session | undefined;
  for (const session of await store.listByOwner(owner)) {
    if (session.chatId === chatId && (!found || session.lastSeen >= found.lastSeen)) found = session;
  }
  return found;
}
