// In-memory SessionStore: one Map of serialised sessions, shaped like a networked store's records, so a
// caller that changes a session and forgets `set` loses the change here too, not only on Redis.

import type { Session, SessionStore } from "./store.js";

/** One stored session: its JSON, plus the fields the store reads without parsing it. */
interface Entry {
  json: string;
  owner: string;
  /** Authoritative `lastSeen`: `touch` moves it forward, `set` never moves it back. */
  lastSeen: number;
}

export class MemorySessionStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();

  async get(id: string): Promise<Session | undefined> {
    const entry = this.#entries.get(id);
    return entry && parse(entry);
  }

  async set(session: Session): Promise<void> {
    const held = this.#entries.get(session.id);
    const lastSeen = Math.max(session.lastSeen, held?.lastSeen ?? -Infinity);
    this.#entries.set(session.id, { json: JSON.stringify(session), owner: session.owner, lastSeen });
  }

  async delete(id: string): Promise<void> {
    this.#entries.delete(id);
  }

  async touch(id: string, now: number): Promise<boolean> {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    if (now > entry.lastSeen) entry.lastSeen = now;
    return true;
  }

  async listByOwner(owner: string): Promise<Session[]> {
    const out: Session[] = [];
    for (const entry of this.#entries.values()) if (entry.owner === owner) out.push(parse(entry));
    return out;
  }

  async expire(before: number): Promise<string[]> {
    // Check and delete in one synchronous pass: nothing can touch an entry between the two.
    const removed: string[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.lastSeen < before) {
        this.#entries.delete(id);
        removed.push(id);
      }
    }
    return removed;
  }
}

function parse(entry: Entry): Session {
  const session = JSON.parse(entry.json) as Session;
  session.lastSeen = entry.lastSeen;
  return session;
}
