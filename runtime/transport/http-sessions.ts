// Live HTTP sessions: one SDK transport + Server each, registered at initialize, dropped on DELETE, close or idle.

import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createSessionServer, type ServerContext } from "../server.js";
import type { Mode, Session, SessionStore } from "../session/store.js";

/** The objects that cannot live in a shared store. */
export interface LiveSession {
  session: Session;
  server: Server;
  transport: StreamableHTTPServerTransport;
}

export interface SessionLimits {
  /** Idle sessions are closed after this long without a request. */
  idleTimeoutMs: number;
  /** New initializes beyond this many open sessions get a 503. */
  maxSessions: number;
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

  /** A transport + Server for a new session; registered only once the SDK accepts the initialize. */
  open(scope: { mode: Mode; apps: string[] | null; callerId?: string; chatId?: string }): LiveSession & { settle(): void } {
    const now = Date.now();
    const session: Session = { id: "", mode: scope.mode, apps: scope.apps, enabled: new Set(), createdAt: now, lastSeen: now };
    if (scope.callerId !== undefined) session.callerId = scope.callerId;
    if (scope.chatId !== undefined) session.chatId = scope.chatId;
    this.#pending++;
    let settled = false;
    const settle = () => {
      if (!settled) this.#pending--;
      settled = true;
    };
    const server = createSessionServer(this.ctx, session);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: async (id) => {
        session.id = id;
        this.#live.set(id, live);
        settle();
        await this.store.set(session);
        this.ctx.log.debug("session opened", { session: id, mode: session.mode, apps: session.apps?.join(",") });
      },
      onsessionclosed: (id) => this.drop(id, "deleted by client"),
    });
    const live: LiveSession = { session, server, transport };
    transport.onclose = () => void this.drop(session.id, "transport closed");
    return { ...live, settle };
  }

  async listByCaller(callerId: string | undefined): Promise<Session[]> {
    return this.store.listByCaller(callerId);
  }

  async touch(id: string): Promise<void> {
    await this.store.touch(id, Date.now());
  }

  /** Forget a session and close its Server; idempotent. */
  async drop(id: string, reason: string): Promise<void> {
    const live = this.#live.get(id);
    if (!live) return;
    this.#live.delete(id);
    await this.store.delete(id);
    this.ctx.log.debug("session closed", { session: id, reason });
    await live.server.close().catch(() => {});
  }

  /** Starts the idle sweep: an unref'd timer, so it never keeps the process alive. */
  startSweep(): void {
    const every = Math.min(60_000, Math.max(25, Math.floor(this.limits.idleTimeoutMs / 2)));
    this.#sweep = setInterval(() => void this.sweep(), every);
    this.#sweep.unref();
  }

  async sweep(now = Date.now()): Promise<void> {
    for (const id of await this.store.idleSince(now - this.limits.idleTimeoutMs)) await this.drop(id, "idle timeout");
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep);
    await Promise.all([...this.#live.keys()].map((id) => this.drop(id, "server shutting down")));
  }
}
