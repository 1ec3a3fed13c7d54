// Live HTTP sessions: one transport + Server each, registered at initialize, dropped on DELETE, close or idle;
// an `x-chat-id` initialize resumes the state of that caller's earlier session of the same chat.
//
// The store is shared by every replica and holds copies; this class holds the sessions live on this replica,
// each with its working copy of the session state, saved to the store after every change.

import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/server";
import type { Caller } from "../auth/caller.js";
import { StreamableNodeTransport } from "./streamable.js";
import { createMcpServer, type ServerContext } from "../server.js";
import { findChat, type Mode, type Session, type SessionStore } from "../session/store.js";

/** The objects that cannot live in a shared store. */
export interface LiveSession {
  /** This replica's working copy of the session's state. */
  session: Session;
  server: Server;
  transport: StreamableNodeTransport;
}

export interface SessionLimits {
  /** Idle sessions are closed after this long without a request; an ended chat's state is kept as long. */
  idleTimeoutMs: number;
  /** New initializes beyond this many open sessions get a 503. */
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
}

export class HttpSessions {
  readonly #live = new Map<string, LiveSession>();
  #pending = 0;
  #sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly store: SessionStore,
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
    // The connection's apps are the view's (asked ∩ the caller's), so instructions name no app the caller may
    // not use; each request intersects them with its own caller's again.
    const server = createMcpServer(this.ctx, { mode: session.mode, apps: view.apps, session }, (s) => this.store.set(s));
    const transport = new StreamableNodeTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: async (id) => {
        session.id = id;
        // Stored before it is live here, so a sweep never finds it live but missing from the store.
        await this.store.set(session);
        this.#live.set(id, live);
        settle();
        if (prior) await this.end(prior.id, `resumed by session ${id}`);
        this.ctx.log.debug("session opened", { session: id, mode: session.mode, apps: session.apps?.join(","), resumed: prior?.id });
      },
      onsessionclosed: (id) => this.drop(id, "deleted by client"),
      ...(this.ctx.forwardHeaders && { forwardHeaders: this.ctx.forwardHeaders }),
    });
    const live: LiveSession = { session, server, transport };
    transport.onclose = () => void this.drop(session.id, "transport closed");
    return { ...live, settle, ...(prior && { resumed: prior.id }) };
  }

  /** Sessions of one owner that carry a chat id and are live on this replica: `{ chatId: sessionId }`. */
  async chatsOf(owner: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const mine = (await this.store.listByOwner(owner)).filter((s) => s.chatId !== undefined && this.#live.has(s.id));
    for (const s of mine.sort((a, b) => a.lastSeen - b.lastSeen)) out[s.chatId!] = s.id;
    return out;
  }

  /**
   * Marks a live session used. False when the store no longer holds it (it expired, or was ended by another
   * replica): then it is closed here too, and the request should be told the session is gone.
   */
  async touch(id: string): Promise<boolean> {
    if (await this.store.touch(id, Date.now())) return true;
    await this.drop(id, "ended elsewhere");
    return false;
  }

  /**
   * Close a session live on this replica. Its stored state stays while it has a chat id (a reconnect with
   * that chat id resumes it, until the idle sweep removes it); without one it is forgotten at once. Idempotent.
   */
  async drop(id: string, reason: string): Promise<void> {
    const live = this.#live.get(id);
    if (!live) return;
    this.#live.delete(id);
    if (live.session.chatId === undefined) await this.store.delete(id);
    this.ctx.log.debug("session closed", { session: id, reason });
    await live.server.close().catch(() => {});
  }

  /** Close a session if live here and forget its stored state (wherever it is live). */
  async end(id: string, reason: string): Promise<void> {
    await this.drop(id, reason);
    await this.store.delete(id);
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
   * may have just touched one), and this replica closes those it holds. Then it closes the sessions live
   * here whose state the store no longer holds (another replica's sweep, or a chat resumed elsewhere, ended
   * them). Never does it end a session because this replica merely lacks it in memory.
   */
  async sweep(now = Date.now()): Promise<void> {
    for (const id of await this.store.expire(now - this.limits.idleTimeoutMs)) await this.drop(id, "idle timeout");
    for (const id of [...this.#live.keys()]) {
      if ((await this.store.get(id)) === undefined) await this.drop(id, "ended elsewhere");
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep);
    await Promise.all([...this.#live.keys()].map((id) => this.drop(id, "server shutting down")));
  }
}
