// In-memory SessionStore: one Map of serialised sessions, shaped like a networked store's records, so a
// caller that changes a session and forgets `set` loses the change here too, not only on Redis.
// Pub/sub is in-process: one replica, so every subscriber is here.

import { StoreUnavailableError, type Session, type SessionMessage, type SessionMessageHandler, type SessionStore } from "./store.js";

export interface MemoryStoreOptions {
  /**
   * Forget a session this long after its last `set` or `touch`, as Redis does with a TTL. Absent: sessions
   * stay until `expire` or `delete` (the caller sweeps). @default undefined
   */
  idleTimeoutMs?: number;
  /** Epoch ms; tests pass a fake one. @default Date.now */
  clock?: () => number;
}

/** One stored session: its JSON, plus the fields the store reads without parsing it. */
interface Entry {
  json: string;
  owner: string;
  /** Authoritative `lastSeen`: `touch` moves it forward, `set` never moves it back. */
  lastSeen: number;
  /** Authoritative enabled set, sorted: `enable`/`disable` change it without rewriting `json`. */
  enabled: string[];
  /** Epoch ms (store clock) after which the entry is gone; Infinity without an idle timeout. */
  expiresAt: number;
  /** Writes of `enabled` so far (Session.version). */
  version: number;
  /** Set by `markEnded`, kept by a later `set`. */
  endedAt?: number;
}

export class MemorySessionStore implements SessionStore {
  readonly expiresItself: boolean;
  readonly #entries = new Map<string, Entry>();
  readonly #subscribers = new Map<string, Set<SessionMessageHandler>>();
  readonly #idleTimeoutMs: number | undefined;
  readonly #clock: () => number;
  #lastPrune = 0;
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.#idleTimeoutMs = options.idleTimeoutMs;
    this.#clock = options.clock ?? Date.now;
    this.expiresItself = options.idleTimeoutMs !== undefined;
  }

  /** One process: no message is ever missed. */
  get subscriptionEpoch(): number | undefined {
    return this.#closed ? undefined : 0;
  }

  async get(id: string): Promise<Session | undefined> {
    const entry = this.#live(id);
    return entry && parse(entry);
  }

  async set(session: Session): Promise<void> {
    this.#open();
    this.#pruneIfDue();
    const held = this.#live(session.id);
    const lastSeen = Math.max(session.lastSeen, held?.lastSeen ?? -Infinity);
    const enabled = [...new Set(session.enabled)].sort();
    const version = (held?.version ?? 0) + 1;
    this.#entries.set(session.id, { json: JSON.stringify(session), owner: session.owner, lastSeen, enabled, expiresAt: this.#expiry(), version, ...(held?.endedAt !== undefined && { endedAt: held.endedAt }) });
  }

  async delete(id: string): Promise<void> {
    this.#open();
    this.#entries.delete(id);
  }

  async markEnded(id: string, at: number): Promise<boolean> {
    const entry = this.#live(id);
    if (!entry) return false;
    entry.endedAt = at;
    return true;
  }

  async touch(id: string, now: number): Promise<boolean> {
    const entry = this.#live(id);
    if (!entry) return false;
    if (now > entry.lastSeen) entry.lastSeen = now;
    entry.expiresAt = this.#expiry();
    return true;
  }

  async enable(id: string, names: readonly string[]): Promise<Session | undefined> {
    const entry = this.#live(id);
    if (!entry) return undefined;
    entry.enabled = [...new Set([...entry.enabled, ...names])].sort();
    entry.version++;
    return parse(entry);
  }

  async disable(id: string, names: readonly string[]): Promise<Session | undefined> {
    const entry = this.#live(id);
    if (!entry) return undefined;
    const removed = new Set(names);
    entry.enabled = entry.enabled.filter((name) => !removed.has(name));
    entry.version++;
    return parse(entry);
  }

  async listByOwner(owner: string): Promise<Session[]> {
    this.#open();
    const out: Session[] = [];
    for (const [id, entry] of this.#entries) if (entry.owner === owner && this.#live(id)) out.push(parse(entry));
    return out;
  }

  async expire(before: number): Promise<string[]> {
    this.#open();
    if (this.expiresItself) {
      this.#prune();
      return [];
    }
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

  async publish(sessionId: string, message: SessionMessage): Promise<number> {
    this.#open();
    const handlers = this.#subscribers.get(sessionId);
    if (!handlers || handlers.size === 0) return 0;
    // Serialised once, parsed per handler: each gets its own copy, as it would from Redis.
    const json = JSON.stringify(message);
    for (const handler of handlers) {
      queueMicrotask(() => {
        try {
          handler(JSON.parse(json));
        } catch {
          // A failing handler must not take the process down, nor keep the others from their copy.
        }
      });
    }
    return handlers.size;
  }

  async subscribe(sessionId: string, handler: SessionMessageHandler): Promise<() => Promise<void>> {
    this.#open();
    // A wrapper per call, so subscribing one function twice gives two independent subscriptions.
    const own: SessionMessageHandler = (message) => handler(message);
    let handlers = this.#subscribers.get(sessionId);
    if (!handlers) this.#subscribers.set(sessionId, (handlers = new Set()));
    handlers.add(own);
    return async () => {
      handlers.delete(own);
      if (handlers.size === 0 && this.#subscribers.get(sessionId) === handlers) this.#subscribers.delete(sessionId);
    };
  }

  async ping(): Promise<void> {
    this.#open();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#subscribers.clear();
  }

  /** The entry if held and not expired; an expired one is removed on the way. */
  #live(id: string): Entry | undefined {
    this.#open();
    const entry = this.#entries.get(id);
    if (entry && entry.expiresAt <= this.#clock()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry;
  }

  #expiry(): number {
    return this.#idleTimeoutMs === undefined ? Infinity : this.#clock() + this.#idleTimeoutMs;
  }

  /** With an idle timeout nobody sweeps: drop expired entries at most every half timeout, on a write. */
  #pruneIfDue(): void {
    if (this.#idleTimeoutMs === undefined || this.#clock() - this.#lastPrune < this.#idleTimeoutMs / 2) return;
    this.#prune();
  }

  #prune(): void {
    const now = (this.#lastPrune = this.#clock());
    for (const [id, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(id);
  }

  #open(): void {
    if (this.#closed) throw new StoreUnavailableError("the session store is closed");
  }
}

function parse(entry: Entry): Session {
  const session = JSON.parse(entry.json) as Session;
  session.lastSeen = entry.lastSeen;
  session.enabled = [...entry.enabled];
  session.version = entry.version;
  if (entry.endedAt !== undefined) session.endedAt = entry.endedAt;
  return session;
}
