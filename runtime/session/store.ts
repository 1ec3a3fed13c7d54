// The session record and the small store interface behind it (memory now; a shared store such as Redis later).

/** How a connection sees the tools: every tool, or a few meta tools plus the ones it enabled. */
export type Mode = "static" | "dynamic";

/** A set of app names, sorted and deduplicated; `null` means every app. */
export type AppSet = readonly string[] | null;

/**
 * Plain, JSON-serialisable session state: what a shared store would hold so another replica can serve the
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
  /** Epoch ms of the last request; idle expiry counts from here. */
  lastSeen: number;
}

/** Storage for sessions. Methods may be async so a networked store fits behind the same interface. */
export interface SessionStore {
  get(id: string): Session | undefined | Promise<Session | undefined>;
  /** Insert or overwrite (by `id`); called again after every change of the session's state. */
  set(session: Session): void | Promise<void>;
  delete(id: string): void | Promise<void>;
  /** Mark the session as used now. */
  touch(id: string, now: number): void | Promise<void>;
  /** Sessions of one owner (`Caller.subject`). */
  listByOwner(owner: string): Session[] | Promise<Session[]>;
  /** Ids of sessions whose `lastSeen` is older than `before`. */
  idleSince(before: number): string[] | Promise<string[]>;
  /** Number of sessions held. */
  size(): number | Promise<number>;
}

/** The newest session of `owner` that carried `chatId`, if the store still holds one. */
export async function findChat(store: SessionStore, owner: string, chatId: string): Promise<Session | undefined> {
  let found: Session | undefined;
  for (const session of await store.listByOwner(owner)) {
    if (session.chatId === chatId && (!found || session.lastSeen >= found.lastSeen)) found = session;
  }
  return found;
}
