// Redis SessionStore (ioredis): what replicas behind a load balancer share. Each session is a hash whose TTL is the
// idle timeout (Redis expires it, no replica sweeps), each owner a sorted set of session ids (chat resume,
// /mcp/sessions), each session a pub/sub channel (notifications for its GET stream, wherever that is held).
// Writes two replicas can race are Lua scripts. An outage rejects fast with StoreUnavailableError; ioredis
// reconnects by itself.
//
// Keys, under the prefix (default "gateway:"):
//   session:<id>     hash { session: JSON, enabled: JSON array, lastSeen: epoch ms, owner, version, endedAt? },
//                    PEXPIRE idle timeout
//   owner:<subject>  zset of session ids scored by createdAt, PEXPIRE idle timeout from its newest use;
//                    ids whose session expired are removed when the owner's list is read
//   messages:<id>    pub/sub channel (not a key)

import { Redis } from "ioredis";
import type { Logger } from "../log.js";
import { DELETE, ENABLED, LIST, MARK_ENDED, SET, TOUCH, evalScript, type Script } from "./redis-scripts.js";
import { StoreUnavailableError, type Session, type SessionMessage, type SessionMessageHandler, type SessionStore } from "./store.js";

export interface RedisStoreOptions {
  /** @example "redis://:password@redis:6379/0" (`rediss://` for TLS) */
  url: string;
  /** A session is forgotten this long after its last `set` or `touch`: the TTL of its key. */
  idleTimeoutMs: number;
  /** Put before every key and channel, so several gateways can share one Redis. @default "gateway:" */
  keyPrefix?: string;
  /**
   * Longest wait for one Redis command, and for the first connection, before StoreUnavailableError.
   * While Redis is known to be down, commands fail at once instead. @default 500
   */
  commandTimeoutMs?: number;
  /** Connection outages and recoveries are logged here (once each, not per command). */
  log?: Pick<Logger, "info" | "warn">;
}

/** Server replies that mean "not now" rather than "wrong command": treated as an outage. */
const TRANSIENT_REPLY = /^(LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS|OOM|MISCONF)\b/;

/** Stored fields of one session: its JSON, the authoritative enabled set (JSON), lastSeen, version and endedAt. */
type Fields = [session: string | null, enabled: string | null, lastSeen: string | null, version: string | null, endedAt: string | null];

export class RedisSessionStore implements SessionStore {
  readonly expiresItself = true;
  readonly #client: Redis;
  #subscriber: Redis | undefined;
  /** Channel → its handlers, and the SUBSCRIBE that made it live. */
  readonly #channels = new Map<string, { handlers: Set<SessionMessageHandler>; subscribed: Promise<void> }>();
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  readonly #log: Pick<Logger, "info" | "warn"> | undefined;
  /** Connections being made, and the wait for each (see #ready). */
  readonly #waits = new Map<Redis, Promise<void>>();
  /** Counts the pub/sub connection's ups and downs; `subscriptionEpoch` is the count once its channels are all subscribed. */
  #stretch = 0;
  #listening: number | undefined;
  #closed = false;

  constructor(options: RedisStoreOptions) {
    if (!(Number.isInteger(options.idleTimeoutMs) && options.idleTimeoutMs > 0)) {
      throw new RangeError(`idleTimeoutMs must be a positive integer of milliseconds, got ${options.idleTimeoutMs}`);
    }
    this.#prefix = options.keyPrefix ?? "gateway:";
    this.#ttlMs = options.idleTimeoutMs;
    this.#timeoutMs = options.commandTimeoutMs ?? 500;
    this.#log = options.log;
    this.#client = this.#connect(new Redis(options.url, {
      // Fail fast instead of queueing while disconnected: a request should get its 503 now, not hang.
      enableOfflineQueue: false,
      // Commands in flight when the connection drops fail at the first reconnect attempt instead of being resent.
      maxRetriesPerRequest: 0,
      commandTimeout: this.#timeoutMs,
      connectTimeout: Math.max(1_000, this.#timeoutMs * 4),
      // Reconnect forever, 50 ms doubling to at most 2 s between attempts.
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times - 1, 6), 2_000),
      connectionName: "gateway",
    }), "commands");
  }

  get subscriptionEpoch(): number | undefined {
    return this.#listening;
  }

  async get(id: string): Promise<Session | undefined> {
    const fields = await this.#run(this.#client, () => this.#client.hmget(this.#sessionKey(id), "session", "enabled", "lastSeen", "version", "endedAt"));
    return parse(fields as Fields);
  }

  async set(session: Session): Promise<void> {
    const enabled = JSON.stringify([...new Set(session.enabled)].sort());
    await this.#eval(SET, [this.#sessionKey(session.id), this.#ownerKey(session.owner)], [
      JSON.stringify(session), enabled, String(Math.trunc(session.lastSeen)), session.owner, String(this.#ttlMs), session.id, String(session.createdAt),
    ]);
  }

  async delete(id: string): Promise<void> {
    await this.#eval(DELETE, [this.#sessionKey(id)], [this.#ownerKey(""), id]);
  }

  async markEnded(id: string, at: number): Promise<boolean> {
    return (await this.#eval(MARK_ENDED, [this.#sessionKey(id)], [String(Math.trunc(at))])) === 1;
  }

  async touch(id: string, now: number): Promise<boolean> {
    return (await this.#eval(TOUCH, [this.#sessionKey(id)], [String(Math.trunc(now)), String(this.#ttlMs), this.#ownerKey("")])) === 1;
  }

  async enable(id: string, names: readonly string[]): Promise<Session | undefined> {
    return parse((await this.#eval(ENABLED, [this.#sessionKey(id)], ["add", ...names])) as Fields | null);
  }

  async disable(id: string, names: readonly string[]): Promise<Session | undefined> {
    return parse((await this.#eval(ENABLED, [this.#sessionKey(id)], ["remove", ...names])) as Fields | null);
  }

  async listByOwner(owner: string): Promise<Session[]> {
    const flat = (await this.#eval(LIST, [this.#ownerKey(owner)], [this.#sessionKey("")])) as (string | null)[];
    const out: Session[] = [];
    for (let i = 0; i + 4 < flat.length; i += 5) {
      const session = parse(flat.slice(i, i + 5) as Fields);
      if (session) out.push(session);
    }
    return out;
  }

  /** Redis expires sessions itself (key TTLs): nothing to sweep. */
  async expire(): Promise<string[]> {
    return [];
  }

  async publish(sessionId: string, message: SessionMessage): Promise<number> {
    const text = JSON.stringify(message);
    return this.#run(this.#client, () => this.#client.publish(this.#channel(sessionId), text));
  }

  async subscribe(sessionId: string, handler: SessionMessageHandler): Promise<() => Promise<void>> {
    const subscriber = this.#subscriberConnection();
    const channel = this.#channel(sessionId);
    let entry = this.#channels.get(channel);
    if (!entry) {
      const created = { handlers: new Set<SessionMessageHandler>(), subscribed: this.#run(subscriber, () => subscriber.subscribe(channel)).then(() => {}) };
      this.#channels.set(channel, created);
      entry = created;
      created.subscribed.catch(() => {
        if (this.#channels.get(channel) === created) this.#channels.delete(channel);
      });
    }
    await entry.subscribed;
    const own: SessionMessageHandler = (message) => handler(message);
    const { handlers } = entry;
    handlers.add(own);
    return async () => {
      handlers.delete(own);
      if (handlers.size > 0 || this.#channels.get(channel) !== entry) return;
      this.#channels.delete(channel);
      // During an outage this fails, and ioredis subscribes the channel again on reconnect: its messages then
      // find no handler and are dropped.
      await subscriber.unsubscribe(channel).catch(() => {});
    };
  }

  async ping(): Promise<void> {
    await this.#run(this.#client, () => this.#client.ping());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listening = undefined;
    this.#channels.clear();
    await Promise.all([this.#client, this.#subscriber].map((connection) => connection && quit(connection)));
  }

  /** Runs one command on `connection`, turning a connection problem into StoreUnavailableError. */
  async #run<T>(connection: Redis, command: () => Promise<T>): Promise<T> {
    try {
      await this.#ready(connection);
      return await command();
    } catch (error) {
      throw asStoreError(error);
    }
  }

  /** Runs one of the store's scripts (see `evalScript`). */
  #eval(lua: Script, keys: string[], args: string[]): Promise<unknown> {
    return this.#run(this.#client, () => evalScript(this.#client, lua, keys, args));
  }

  /**
   * Ready now, or the connection is being made (start-up, a reconnect attempt in progress): then wait for it, up to
   * the command timeout. Known down (between reconnect attempts): fail at once.
   */
  async #ready(connection: Redis): Promise<void> {
    if (this.#closed) throw new StoreUnavailableError("the session store is closed");
    if (connection.status === "ready") return;
    if (connection.status === "wait") connection.connect().catch(() => {});
    if (connection.status !== "connecting" && connection.status !== "connect" && connection.status !== "wait") {
      throw new StoreUnavailableError(`the session store (Redis) is unavailable: connection ${connection.status}`);
    }
    // One wait per connection, however many commands arrive meanwhile.
    let waiting = this.#waits.get(connection);
    if (!waiting) {
      waiting = waitReady(connection, this.#timeoutMs).finally(() => this.#waits.delete(connection));
      this.#waits.set(connection, waiting);
    }
    await waiting;
  }

  /** Handles a connection's events: errors are logged once per outage, never left unhandled. */
  #connect(connection: Redis, role: string): Redis {
    let down = false;
    connection.on("error", (error: Error) => {
      if (down || this.#closed) return;
      down = true;
      this.#log?.warn("session store unavailable; reconnecting", { redis: role, error: error.message });
    });
    connection.on("ready", () => {
      if (!down) return;
      down = false;
      this.#log?.info("session store reconnected", { redis: role });
    });
    return connection;
  }

  /**
   * The pub/sub connection, made at the first subscribe (a subscribed connection can run nothing else). After a
   * reconnect it subscribes every channel again itself (not ioredis's autoResubscribe), so it knows when they are
   * all live: only then is there a new `subscriptionEpoch`; messages published while it was down are lost.
   */
  #subscriberConnection(): Redis {
    if (this.#subscriber) return this.#subscriber;
    const subscriber = this.#connect(this.#client.duplicate({ lazyConnect: true, autoResubscribe: false, connectionName: "gateway-subscriber" }), "subscriber");
    subscriber.on("close", () => {
      this.#stretch++;
      this.#listening = undefined;
    });
    subscriber.on("ready", () => {
      const stretch = ++this.#stretch;
      const channels = [...this.#channels.keys()];
      const subscribed = channels.length > 0 ? subscriber.subscribe(...channels) : Promise.resolve();
      // A failure means the connection dropped again: its "close" comes, and the next "ready" tries again.
      subscribed.then(() => {
        if (this.#stretch === stretch) this.#listening = stretch;
      }, () => {});
    });
    subscriber.on("message", (channel: string, text: string) => {
      const entry = this.#channels.get(channel);
      if (!entry) return;
      for (const handler of entry.handlers) {
        try {
          handler(JSON.parse(text));
        } catch {
          // A failing handler must not take the process down, nor keep the others from their copy.
        }
      }
    });
    return (this.#subscriber = subscriber);
  }

  #sessionKey(id: string): string {
    return `${this.#prefix}session:${id}`;
  }

  #ownerKey(owner: string): string {
    return `${this.#prefix}owner:${owner}`;
  }

  #channel(sessionId: string): string {
    return `${this.#prefix}messages:${sessionId}`;
  }
}

/** A session from its stored fields; undefined when it is not stored. */
function parse(fields: Fields | null): Session | undefined {
  if (!fields || fields[0] === null) return undefined;
  const session = JSON.parse(fields[0]) as Session;
  session.enabled = (JSON.parse(fields[1] ?? "[]") as string[]).sort();
  session.lastSeen = Number(fields[2]);
  session.version = Number(fields[3] ?? 0);
  if (fields[4] !== null) session.endedAt = Number(fields[4]);
  return session;
}

/** Connection trouble and "not now" replies become StoreUnavailableError; other replies (a bug here) stay as they are. */
function asStoreError(error: unknown): Error {
  if (error instanceof StoreUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === "ReplyError" && !TRANSIENT_REPLY.test(message)) return error;
  return new StoreUnavailableError(`the session store (Redis) is unavailable: ${message}`, { cause: error });
}

/** Resolves when `connection` is ready; rejects when it closes first or `ms` pass. */
function waitReady(connection: Redis, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      connection.off("ready", onReady).off("close", onClose).off("end", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => done();
    const onClose = () => done(new StoreUnavailableError("the session store (Redis) is unavailable: connection refused or lost"));
    const timer = setTimeout(() => done(new StoreUnavailableError(`the session store (Redis) did not answer within ${ms} ms`)), ms);
    connection.once("ready", onReady).once("close", onClose).once("end", onClose);
  });
}

/** QUIT politely; when Redis is down that cannot be sent, so drop the connection. */
async function quit(connection: Redis): Promise<void> {
  if (connection.status === "ready") {
    const quitted = await connection.quit().then(() => true, () => false);
    if (quitted) return;
  }
  connection.disconnect();
}
