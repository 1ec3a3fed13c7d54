// The session record and the small store interface behind it (memory now; a shared store such as Redis later).

/** How a session sees the tools: every tool, or a few meta tools plus the ones it enabled. */
export type Mode = "static" | "dynamic";

/**
 * Plain, JSON-serialisable session state: what a shared store would hold so another replica can serve the
 * session or resume its chat. Live objects (MCP Server, transport) are kept by the transport, not here.
 */
export interface Session {
  /** The MCP session id (a random UUID); `"stdio"` for the single stdio session. */
  id: string;
  mode: Mode;
  /** Apps this session may see, sorted; `null` means every app. Fixed at initialize. */
  apps: string[] | null;
  /** Dynamic mode: tool names the client enabled, sorted, each visible to `apps`. Empty in static mode. */
  enabled: string[];
  /** Hash of the caller's bearer token (never the token); absent without inbound auth. */
  callerId?: string;
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
  /** Sessions of one caller (`undefined`: the anonymous caller when no auth is configured). */
  listByCaller(callerId: string | undefined): Session[] | Promise<Session[]>;
  /** Ids of sessions whose `lastSeen` is older than `before`. */
  idleSince(before: number): string[] | Promise<string[]>;
  /** Number of sessions held. */
  size(): number | Promise<number>;
}

/** The newest session of `callerId` that carried `chatId`, if the store still holds one. */
export async function findChat(store: SessionStore, callerId: string | undefined, chatId: string): Promise<Session | undefined> {
  let found: Session | undefined;
  for (const session of await store.listByCaller(callerId)) {
    if (session.chatId === chatId && (!found || session.lastSeen >= found.lastSeen)) found = session;
  }
  return found;
}
