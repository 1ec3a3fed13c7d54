// Live HTTP sessions: one transport + Server each, registered at initialize, dropped on DELETE, close or idle;
// an `x-chat-id` initialize resumes the state of that caller's earlier session of the same chat.
//
// The store is shared by every replica and holds copies; this class holds the sessions live on this replica,
// each with its working copy of the session state. Any replica serves any session: one it has not seen is
// rebuilt from the store on its first request here. Tool changes go to the store as atomic enable/disable.
//
// A request of a session held here does not wait on the store. Its copy is kept current by the session's
// channel, subscribed for as long as the copy lives: a replica that changes the enabled set publishes the new one
// (with its version, so an older read never overwrites it), and one that ends the session publishes "ended". The
// store's TTL is refreshed in the background, at most every eighth of the idle timeout per session. The copy is
// trusted only while both hold: the channel has missed nothing since the copy was read (the store's
// subscriptionEpoch is unchanged) and a touch the store confirmed was sent less than a quarter idle timeout ago (so
// the TTL cannot have run out). Otherwise the request waits for a touch and a read, as a session not held here
// does. So while Redis is down, its pub/sub connection is down too and every 2025 session request is a 503, on
// every replica alike; a copy is never served with changes it may have missed.

import { randomUUID } from "node:crypto";
import type { JSONRPCMessage, Server } from "@modelcontextprotocol/server";
import type { Caller } from "../auth/caller.js";
import type { ToolChange } from "../modes/mode.js";
import { StreamableNodeTransport } from "./streamable.js";
import type { Connection } from "../context.js";
import { createMcpServer, sessionToolCall, type SaveSession, type ServerContext } from "../server.js";
import { fastPathOn } from "./fast-call.js";
import { metrics } from "../metrics.js";
import { findChat, refreshEveryMs, storeIdleTimeoutMs, trustForMs, StoreUnavailableError, type Mode, type Session, type SessionMessage, type SessionStore } from "../session/store.js";

/** The objects that cannot live in a shared store. */
export interface LiveSession {
  /** This replica's working copy of the session's state. */
  session: Session;
  server: Server;
  transport: StreamableNodeTransport;
  /** Epoch ms of the last request served here (a copy unused here for an idle timeout is let go). */
  usedAt: number;
  /** Epoch ms a touch the store confirmed was sent: the store keeps the session at least an idle timeout past it. */
  touchedAt: number;
  /** The store's `subscriptionEpoch` when the copy was last read; any other value: a change may have been missed. */
  epoch: number | undefined;
  /**
   * Tool changes the copy took that the store could not save (`#save`): a touch and read sent before the last of
   * them (whose older set the version keeps from replacing the unsaved one) neither trusts the copy again nor
   * answers for it; another is sent.
   */
  unsaved: number;
  /** The touch and read in flight for this copy, shared by whoever needs one. */
  checking?: Promise<boolean> | undefined;
  /** Ends the subscription to the session's channel. */
  unsubscribe: () => Promise<void>;
}

export interface SessionLimits {
  /** Idle sessions are closed after this long without a request; an ended chat's state is kept as long. */
  idleTimeoutMs: number;
  /** New initializes beyond this many sessions live on this replica get a 503 (each replica counts its own). */
  maxSessions: number;
}

/** What an initialize asks for. `mode`/`apps` absent: the server default, or the resumed chat's. */
export interface OpenRequest {
  mode?: Mode;
  apps?: string[] | null;
  defaultMode: Mode;
  defaultApps: string[] | null;
  /** Who initializes: the session belongs to `caller.subject`. */
  caller: Caller;
  chatId?: string;
  /** The schema dialect asked for or matched by the client's name (`null`: portable); absent: a resumed chat's. */
  dialect?: string | null;
}

/** What replicas tell each other about one session, on its channel. */
type Relayed = { type: "message"; message: JSONRPCMessage } | { type: "enabled"; enabled: string[]; version: number } | { type: "ended" };

export class HttpSessions {
  readonly #live = new Map<string, LiveSession>();
  /** Sessions being rebuilt from the store, so concurrent first requests share one rebuild. */
  readonly #rebuilding = new Map<string, Promise<LiveSession | undefined>>();
  #pending = 0;
  #sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: ServerContext,
    readonly store: SessionStore,
    private readonly limits: SessionLimits,
  ) {}

  /** The session if it is live on this replica. */
  get(id: string): LiveSession | undefined {
    return this.#live.get(id);
  }

  /** Open sessions plus initializes in flight, for the cap. */
  get count(): number {
    return this.#live.size + this.#pending;
  }

  get full(): boolean {
    return this.count >= this.limits.maxSessions;
  }

  /**
   * The session `id` of `caller`, ready to serve a request: live here, or rebuilt from the store (it was opened
   * on another replica, or on a replica that has since died). Marks it used. A trusted copy answers at once (its
   * TTL refresh, when due, runs in the background); any other first touches and reads the session. Undefined when
   * the store does not hold it (never opened, ended, expired) or it belongs to another caller. Rejects with
   * StoreUnavailableError.
   */
  async resolve(id: string, caller: Caller): Promise<LiveSession | undefined> {
    let live = this.#live.get(id);
    if (!live) {
      // Shared per caller: a rebuild started by another caller's request ends in undefined, never in this one's.
      const key = `${caller.subject}\n${id}`;
      let rebuilt = this.#rebuilding.get(key);
      if (!rebuilt) {
        rebuilt = this.#rebuild(id, caller).finally(() => this.#rebuilding.delete(key));
        this.#rebuilding.set(key, rebuilt);
      }
      live = await rebuilt;
      if (!live) return undefined;
    }
    // A session of another caller is reported as missing, so ids cannot be probed across tokens.
    if (live.session.owner !== caller.subject) return undefined;
    const now = (live.usedAt = Date.now());
    if (!this.#trusted(live, now)) return (await this.#check(live)) ? live : undefined;
    if (now - live.touchedAt >= refreshEveryMs(this.limits.idleTimeoutMs)) {
      this.#check(live).catch((error: unknown) => {
        metrics.storeError();
        this.ctx.log.warn("session TTL refresh failed; a request past a quarter idle timeout waits for the store", { session: id, error });
      });
    }
    return live;
  }

  /**
   * A transport + Server for a new session; registered only once the SDK accepts the initialize.
   * With a chat id the caller used before, the new session takes over that session's mode, apps and
   * enabled tools (explicit `?mode=`/`?apps=` still win), and the earlier session is ended.
   */
  async open(request: OpenRequest): Promise<LiveSession & { settle(): void; resumed?: string }> {
    this.#pending++;
    let settled = false;
    const settle = () => {
      if (!settled) this.#pending--;
      settled = true;
    };
    const owner = request.caller.subject;
    let prior: Session | undefined;
    try {
      prior = request.chatId === undefined ? undefined : await findChat(this.store, owner, request.chatId);
    } catch (error) {
      settle();
      throw error;
    }
    const now = Date.now();
    const apps = request.apps !== undefined ? request.apps : prior ? prior.apps : request.defaultApps;
    const view = this.ctx.catalog.view(apps, request.caller);
    const session: Session = {
      id: "",
      mode: request.mode ?? prior?.mode ?? request.defaultMode,
      apps,
      // Only what the (possibly different) view still shows.
      enabled: prior ? prior.enabled.filter((name) => this.ctx.catalog.lookup(name, view) !== undefined) : [],
      owner,
      createdAt: now,
      lastSeen: now,
    };
    if (request.chatId !== undefined) session.chatId = request.chatId;
    const dialect = request.dialect !== undefined ? request.dialect : (prior?.dialect ?? null);
    if (dialect !== null) session.dialect = dialect;
    const live = this.#liveSession(session, request.caller, async (id) => {
      session.id = id;
      const epoch = this.store.subscriptionEpoch;
      const sentAt = Date.now();
      // Nobody knows the id before this initialize is answered, so nothing is published for it before the
      // subscription is made. Stored before it is live here, so a sweep never finds it live but missing from the store.
      const subscribed = this.store.subscribe(id, (relayed) => this.#relayed(id, relayed));
      try {
        await Promise.all([subscribed, this.store.set(session)]);
      } catch (error) {
        subscribed.then((unsubscribe) => unsubscribe(), () => {}).catch(() => {});
        throw error;
      }
      live.unsubscribe = await subscribed;
      live.touchedAt = sentAt;
      live.epoch = epoch;
      this.#live.set(id, live);
      settle();
      if (prior) await this.end(prior.id, `resumed by session ${id}`);
      this.ctx.log.debug("session opened", { session: id, mode: session.mode, apps: session.apps?.join(","), resumed: prior?.id });
    });
    return { ...live, settle, ...(prior && { resumed: prior.id }) };
  }

  /** Sessions of one owner that carry a chat id, on any replica: `{ chatId: sessionId }`, the newest per chat. */
  async chatsOf(owner: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const chats = (await this.store.listByOwner(owner)).filter((s) => s.chatId !== undefined && s.endedAt === undefined);
    for (const s of chats.sort((a, b) => a.lastSeen - b.lastSeen)) out[s.chatId!] = s.id;
    return out;
  }

  /**
   * Close a session live on this replica, keeping its stored state: another replica may be serving it, and a
   * reconnect with its chat id resumes it. The store forgets it on DELETE (`end`) or when it has been idle for
   * the idle timeout. Idempotent.
   */
  async drop(id: string, reason: string): Promise<void> {
    const live = this.#live.get(id);
    if (!live) return;
    this.#live.delete(id);
    this.ctx.log.debug("session closed", { session: id, reason });
    await Promise.all([live.unsubscribe().catch(() => {}), live.server.close().catch(() => {})]);
  }

  /** Ends a session everywhere: forgets its stored state, closes it here, and tells the replica holding its GET stream. */
  async end(id: string, reason: string): Promise<void> {
    await this.store.delete(id);
    await this.#ended(id, reason);
  }

  /**
   * The client ended the session (DELETE), on whichever replica: it serves no more requests anywhere. A chat's
   * state is kept, marked ended, so an initialize with its chat id still resumes it; any other is forgotten.
   */
  async retire(id: string): Promise<void> {
    const stored = await this.store.get(id);
    if (stored?.chatId !== undefined) await this.store.markEnded(id, Date.now());
    else await this.store.delete(id);
    await this.#ended(id, "deleted by client");
  }

  /** Starts the idle sweep: an unref'd timer, so it never keeps the process alive. */
  startSweep(): void {
    const every = Math.min(60_000, Math.max(25, Math.floor(this.limits.idleTimeoutMs / 2)));
    this.#sweep = setInterval(() => {
      this.sweep().catch((error: unknown) => this.ctx.log.warn("session sweep failed", { error }));
    }, every);
    this.#sweep.unref();
  }

  /**
   * Ends idle sessions. The store removes only sessions idle at the moment it removes them (another replica
   * may have just touched one), and this replica closes those it holds; a store that expires sessions itself
   * has nothing to sweep. Then it closes the sessions live here whose state the store no longer holds (another
   * replica's sweep, a TTL, a DELETE or a chat resumed elsewhere ended them), and lets go of copies unused here
   * for an idle timeout that hold no GET stream (other replicas serve them; the store keeps their state).
   * Never does it end a session because this replica merely lacks it in memory.
   */
  async sweep(now = Date.now()): Promise<void> {
    if (!this.store.expiresItself) {
      for (const id of await this.store.expire(now - storeIdleTimeoutMs(this.limits.idleTimeoutMs))) await this.drop(id, "idle timeout");
    }
    const ids = [...this.#live.keys()];
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      const stored = await Promise.all(batch.map((id) => this.store.get(id)));
      for (const [j, id] of batch.entries()) {
        const live = this.#live.get(id);
        if (!live) continue;
        if (stored[j] === undefined) await this.drop(id, "ended elsewhere");
        else if (now - live.usedAt > this.limits.idleTimeoutMs && !live.transport.hasStream) await this.drop(id, "unused on this replica");
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep);
    await Promise.all([...this.#live.keys()].map((id) => this.drop(id, "server shutting down")));
  }

  /** Closes it here, and tells the replica that holds its GET stream (if another) to close it too. */
  async #ended(id: string, reason: string): Promise<void> {
    await this.drop(id, reason);
    await this.store.publish(id, { type: "ended" } satisfies Relayed).catch((error: unknown) => this.ctx.log.warn("could not tell other replicas a session ended", { session: id, error }));
  }

  /**
   * A session opened elsewhere (or before this replica restarted), made live here from its stored state. Its
   * request then touches it (`#check`): the copy is not trusted before.
   */
  async #rebuild(id: string, caller: Caller): Promise<LiveSession | undefined> {
    // Subscribed before the read: a change published after the read is heard, one published before it is in it.
    const unsubscribe = await this.store.subscribe(id, (relayed) => this.#relayed(id, relayed));
    let live: LiveSession | undefined;
    try {
      const session = await this.store.get(id);
      if (!session || session.endedAt !== undefined || session.owner !== caller.subject) return undefined;
      live = this.#liveSession(session, caller, () => {});
      live.unsubscribe = unsubscribe;
      await live.server.connect(live.transport);
      this.#live.set(id, live);
    } finally {
      if (!this.#live.has(id)) await unsubscribe().catch(() => {});
    }
    this.ctx.log.debug("session rebuilt from the store", { session: id, mode: live.session.mode });
    return live;
  }

  /**
   * The copy can serve a request without the store: its channel has missed nothing since it was read, and the TTL
   * cannot have run out (a confirmed touch was sent less than a quarter idle timeout ago, the store's padding).
   */
  #trusted(live: LiveSession, now: number): boolean {
    return live.epoch !== undefined && live.epoch === this.store.subscriptionEpoch && now - live.touchedAt < trustForMs(this.limits.idleTimeoutMs);
  }

  /**
   * `Connection.rereadSession`: a touch and read of the copy held here, if it still is. Its own, not a `#check`
   * in flight: that one's read may have been sent before the change the refused call rests on (a TTL refresh an
   * earlier request started). Safe beside it: the version keeps the older read from overwriting the newer.
   */
  async #reread(id: string): Promise<void> {
    const live = this.#live.get(id);
    if (live) await this.#touchAndRead(live);
  }

  /**
   * Touches the session and reads it, in one round trip, and takes what it read into the copy: true when the
   * session goes on; false when the store no longer holds it or it was ended (it is closed here). One at a time per
   * session (but for `#reread`'s own); rejects with StoreUnavailableError.
   */
  #check(live: LiveSession): Promise<boolean> {
    live.checking ??= this.#touchAndRead(live).finally(() => {
      live.checking = undefined;
    });
    return live.checking;
  }

  async #touchAndRead(live: LiveSession): Promise<boolean> {
    const id = live.session.id;
    const epoch = this.store.subscriptionEpoch;
    const sentAt = Date.now();
    const unsaved = live.unsaved;
    const [held, stored] = await Promise.all([this.store.touch(id, sentAt), this.store.get(id)]);
    if (!held || !stored || stored.endedAt !== undefined) {
      await this.drop(id, "ended elsewhere");
      return false;
    }
    takeEnabled(live.session, stored);
    // A save failed meanwhile: this read may predate it and leave its change in the copy; read again.
    if (live.unsaved !== unsaved) return this.#touchAndRead(live);
    live.touchedAt = Math.max(live.touchedAt, sentAt);
    live.epoch = epoch;
    return true;
  }

  /**
   * The Server and transport of `session`: new (`session.id` empty: the initialize names it and calls
   * `initialized`) or rebuilt (an id: it serves requests at once). Tool changes are written to the store as
   * atomic enable/disable. The caller subscribes the copy to the session's channel (`unsubscribe`), which also
   * brings the notifications other replicas relay to a GET stream held here.
   */
  #liveSession(session: Session, caller: Caller, initialized: (id: string) => void | Promise<void>): LiveSession {
    const view = this.ctx.catalog.view(session.apps, caller);
    // The connection's apps are the view's (asked ∩ the caller's), so instructions name no app the caller may
    // not use; each request intersects them with its own caller's again.
    const connection: Connection = { mode: session.mode, apps: view.apps, session, dialect: session.dialect ?? null, rereadSession: () => this.#reread(session.id) };
    const save: SaveSession = (s, change) => this.#save(s, change);
    const server = createMcpServer(this.ctx, connection, save);
    const transport = new StreamableNodeTransport({
      ...(session.id !== "" && { sessionId: session.id }),
      sessionIdGenerator: randomUUID,
      onsessioninitialized: initialized,
      onsessionclosed: (id) => this.retire(id),
      relay: (message) => {
        this.store.publish(session.id, { type: "message", message } satisfies Relayed).catch((error: unknown) => this.ctx.log.debug("notification not relayed", { session: session.id, error }));
      },
      ...(this.ctx.forwardHeaders && { forwardHeaders: this.ctx.forwardHeaders }),
      // Static sessions only: a dynamic call may change the session's tools and announce it, which the Server does.
      ...(fastPathOn && session.mode === "static" && { fastCall: sessionToolCall(this.ctx, connection, save) }),
    });
    // Subscribed and touched by the caller (`open`, `#rebuild`); untrusted until then.
    const live: LiveSession = { session, server, transport, usedAt: Date.now(), touchedAt: -Infinity, epoch: undefined, unsaved: 0, unsubscribe: async () => {} };
    transport.onclose = () => void this.drop(session.id, "transport closed");
    return live;
  }

  /**
   * Applies one enable-tools / disable-tools change atomically, takes the store's answer as the working copy, and
   * publishes it to the other replicas' copies, awaited: they have it before this call is answered.
   */
  async #save(session: Session, change: ToolChange): Promise<void> {
    let stored: Session | undefined;
    try {
      if (change.added.length > 0) stored = await this.store.enable(session.id, change.added);
      if (change.removed.length > 0) stored = await this.store.disable(session.id, change.removed);
    } catch (error) {
      // The copy already holds the change the store may lack: its next request reads the stored set first.
      const live = this.#live.get(session.id);
      if (live) {
        live.touchedAt = -Infinity;
        live.unsaved++;
      }
      if (error instanceof StoreUnavailableError) metrics.storeError();
      throw error;
    }
    // Undefined: the session was ended meanwhile; its next request is told so.
    if (!stored) return;
    takeEnabled(session, stored);
    const relayed: Relayed = { type: "enabled", enabled: stored.enabled, version: stored.version ?? 0 };
    // A lost message is caught up by the other copies' next touch and read, within an eighth of the idle timeout.
    await this.store.publish(session.id, relayed).catch((error: unknown) => this.ctx.log.warn("could not tell other replicas of a tool change", { session: session.id, error }));
  }

  /** What a replica (maybe this one) sent for a session held here. */
  #relayed(id: string, relayed: SessionMessage): void {
    const message = relayed as Relayed;
    if (message.type === "ended") void this.drop(id, "deleted on another replica");
    else if (message.type === "enabled") {
      const live = this.#live.get(id);
      if (live) takeEnabled(live.session, message);
    } else if (message.type === "message") this.#live.get(id)?.transport.deliver(message.message);
  }
}

/** Takes a stored enabled set into a working copy, unless the copy already holds a newer one. */
function takeEnabled(session: Session, stored: { enabled: string[]; version?: number }): void {
  if ((stored.version ?? 0) < (session.version ?? 0)) return;
  session.enabled = stored.enabled;
  session.version = stored.version ?? 0;
}
