// In-memory SessionStore: one Map, insertion order doubling as a rough age order.

import type { Session, SessionStore } from "./store.js";

export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Session>();

  get(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  set(session: Session): void {
    this.#sessions.set(session.id, session);
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  touch(id: string, now: number): void {
    const session = this.#sessions.get(id);
    if (session) session.lastSeen = now;
  }

  listByOwner(owner: string): Session[] {
    const out: Session[] = [];
    for (const session of this.#sessions.values()) if (session.owner === owner) out.push(session);
    return out;
  }

  idleSince(before: number): string[] {
    const out: string[] = [];
    for (const session of this.#sessions.values()) if (session.lastSeen < before) out.push(session.id);
    return out;
  }

  size(): number {
    return this.#sessions.size;
  }
}
