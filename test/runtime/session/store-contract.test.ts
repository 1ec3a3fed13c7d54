// The SessionStore contract, one suite run against both stores: memory, and Redis on a real redis-server on
// 127.0.0.1 (test/support/redis.ts; missing redis-server fails the Redis half). Two "replicas" are two store
// instances over the same data: the one memory store twice, or two Redis connections with one key prefix.

import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { MemorySessionStore } from "../../../runtime/session/memory.js";
import { RedisSessionStore } from "../../../runtime/session/redis.js";
import { findChat, type Session, type SessionStore } from "../../../runtime/session/store.js";
import { freePort, startRedis, type RedisServer } from "../../support/redis.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A session as HttpSessions makes one at initialize. */
function session(id: string, owner = "alice", extra: Partial<Session> = {}): Session {
  const now = Date.now();
  return { id, mode: "dynamic", apps: null, enabled: [], owner, createdAt: now, lastSeen: now, ...extra };
}

interface Kind {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Two stores over the same data, as two replicas would have. */
  pair(options?: { idleTimeoutMs?: number }): [SessionStore, SessionStore];
}

const made: SessionStore[] = [];
let server: RedisServer | undefined;
/** Why redis-server did not start: every Redis test fails with it (a missing redis-server is never a skip). */
let startError: unknown;
let prefixes = 0;

const memory: Kind = {
  name: "memory",
  setup: async () => {},
  teardown: async () => {},
  pair: (options = {}) => {
    const store = new MemorySessionStore({ idleTimeoutMs: options.idleTimeoutMs ?? 60_000 });
    made.push(store);
    return [store, store];
  },
};

const redis: Kind = {
  name: "redis",
  setup: async () => {
    server = await startRedis().catch((error: unknown) => void (startError = error));
  },
  teardown: async () => {
    await server?.stop();
  },
  pair: (options = {}) => {
    if (!server) throw startError;
    // A prefix per test: tests share one redis-server and must not see each other's keys.
    const keyPrefix = `t${++prefixes}:`;
    const make = () => new RedisSessionStore({ url: server!.url, idleTimeoutMs: options.idleTimeoutMs ?? 60_000, keyPrefix });
    const pair: [SessionStore, SessionStore] = [make(), make()];
    made.push(...pair);
    return pair;
  },
};

afterEach(async () => {
  await Promise.all(made.splice(0).map((store) => store.close()));
});

describe.each([memory, redis])("SessionStore contract: $name", (kind) => {
  beforeAll(() => kind.setup());
  afterAll(() => kind.teardown());

  test("holds copies: neither what was set nor what get returned changes the stored session", async () => {
    const [store] = kind.pair();
    const s = session("a", "alice", { chatId: "chat-1", apps: ["alpha"] });
    await store.set(s);
    s.enabled.push("get_item");
    s.apps!.push("beta");
    const read = (await store.get("a"))!;
    expect(read).toEqual({ ...s, enabled: [], apps: ["alpha"], version: 1 });
    read.enabled.push("list_widgets");
    expect((await store.get("a"))!.enabled).toEqual([]);
    expect((await store.listByOwner("alice"))[0]!.enabled).toEqual([]);
    expect(await store.get("missing")).toBeUndefined();
  });

  test("enabled comes back sorted and without duplicates; set overwrites by id", async () => {
    const [store] = kind.pair();
    await store.set(session("a", "alice", { enabled: ["zeta", "alpha", "zeta"] }));
    expect((await store.get("a"))!.enabled).toEqual(["alpha", "zeta"]);
    await store.set(session("a", "alice", { enabled: ["beta"], mode: "static" }));
    expect(await store.get("a")).toMatchObject({ enabled: ["beta"], mode: "static" });
  });

  test("lastSeen only moves forward: touch never moves it back, nor does a set of a copy read before a touch", async () => {
    const [store] = kind.pair();
    const s = session("a");
    await store.set(s);
    const stale = (await store.get("a"))!;
    expect(await store.touch("a", s.lastSeen + 5_000)).toBe(true);
    await store.set({ ...stale, enabled: ["get_item"] });
    expect(await store.get("a")).toMatchObject({ enabled: ["get_item"], lastSeen: s.lastSeen + 5_000 });
    expect(await store.touch("a", s.lastSeen)).toBe(true);
    expect((await store.get("a"))!.lastSeen).toBe(s.lastSeen + 5_000);
    expect(await store.touch("missing", Date.now())).toBe(false);
  });

  test("the store keeps expiry: a touched session outlives the idle timeout, an idle one is gone once, expire sweeps nothing", async () => {
    // Margins of 300 ms or more where a slow timer could break the test: a late wake-up only makes "gone" surer.
    const [store, other] = kind.pair({ idleTimeoutMs: 1_000 });
    expect(store.expiresItself).toBe(true);
    await store.set(session("active", "alice", { chatId: "c1" }));
    await store.set(session("idle", "alice", { chatId: "c2" }));
    await sleep(400);
    expect(await other.touch("active", Date.now())).toBe(true);
    await sleep(700);
    // 1,100 ms since set, 700 since the touch.
    expect(await store.get("active")).toBeDefined();
    expect(await store.get("idle")).toBeUndefined();
    expect(await store.touch("idle", Date.now())).toBe(false);
    expect((await store.listByOwner("alice")).map((s) => s.id)).toEqual(["active"]);
    expect(await findChat(store, "alice", "c2")).toBeUndefined();
    await sleep(1_100);
    expect(await store.get("active")).toBeUndefined();
    expect(await store.listByOwner("alice")).toEqual([]);
    expect(await store.expire(Date.now())).toEqual([]);
  });

  test("enable and disable: atomic adds and removes that report the session afterwards, and never bring a gone one back", async () => {
    const [store] = kind.pair();
    await store.set(session("a", "alice", { enabled: ["m"] }));
    expect((await store.enable("a", ["z", "b", "m", "b"]))!.enabled).toEqual(["b", "m", "z"]);
    expect((await store.disable("a", ["m", "nope"]))!.enabled).toEqual(["b", "z"]);
    expect((await store.enable("a", []))!.enabled).toEqual(["b", "z"]);
    expect((await store.disable("a", ["b", "z"]))!.enabled).toEqual([]);
    expect(await store.get("a")).toMatchObject({ id: "a", owner: "alice", enabled: [] });
    expect(await store.enable("missing", ["x"])).toBeUndefined();
    expect(await store.disable("missing", ["x"])).toBeUndefined();
    expect(await store.get("missing")).toBeUndefined();
    await store.delete("a");
    expect(await store.enable("a", ["x"])).toBeUndefined();
    expect(await store.get("a")).toBeUndefined();
  });

  test("version counts the writes of enabled: set, enable and disable each raise it, concurrent ones to distinct values", async () => {
    const [one, two] = kind.pair();
    await one.set(session("a"));
    expect((await two.get("a"))!.version).toBe(1);
    expect((await one.enable("a", ["x"]))!.version).toBe(2);
    expect((await two.disable("a", ["x"]))!.version).toBe(3);
    const both = await Promise.all([one.enable("a", ["y"]), two.enable("a", ["z"])]);
    expect(both.map((s) => s!.version).sort()).toEqual([4, 5]);
    // The later write's answer holds what the earlier one wrote.
    expect(both.find((s) => s!.version === 5)!.enabled).toEqual(["y", "z"]);
    await one.set({ ...(await one.get("a"))!, endedAt: Date.now() });
    expect((await two.listByOwner("alice"))[0]).toMatchObject({ id: "a", version: 6 });
  });

  test("subscriptionEpoch: defined while subscriptions hear everything, the same value while connected", async () => {
    const [one, two] = kind.pair();
    const got: unknown[] = [];
    await two.subscribe("a", (m) => got.push(m));
    await until(() => two.subscriptionEpoch !== undefined);
    const epoch = two.subscriptionEpoch;
    await one.publish("a", { n: 1 });
    await until(() => got.length === 1);
    expect(two.subscriptionEpoch).toBe(epoch);
    await two.close();
    expect(two.subscriptionEpoch).toBeUndefined();
  });

  test("markEnded marks the session ended on every replica, keeps its state, and loses no enable made at the same moment", async () => {
    const [one, two] = kind.pair();
    await one.set(session("a", "alice", { chatId: "chat", enabled: ["x"] }));
    const at = Date.now();
    const [marked] = await Promise.all([one.markEnded("a", at), two.enable("a", ["y"])]);
    expect(marked).toBe(true);
    expect(await two.get("a")).toMatchObject({ endedAt: at, enabled: ["x", "y"], chatId: "chat" });
    expect((await two.listByOwner("alice"))[0]).toMatchObject({ id: "a", endedAt: at });
    // A later set (of a copy read before the end) does not bring it back.
    await one.set(session("a", "alice", { chatId: "chat" }));
    expect((await two.get("a"))!.endedAt).toBe(at);
    expect(await one.markEnded("missing", at)).toBe(false);
    expect(await one.get("missing")).toBeUndefined();
  });

  test("two replicas enabling tools in one session at the same moment lose nothing", async () => {
    const [one, two] = kind.pair();
    await one.set(session("a"));
    const names = Array.from({ length: 40 }, (_, i) => `tool_${String(i).padStart(2, "0")}`);
    // Interleaved: each replica enables its own names one by one, both at once, plus a name both enable.
    await Promise.all(names.map((name, i) => (i % 2 === 0 ? one : two).enable("a", [name, "shared"])));
    expect((await one.get("a"))!.enabled).toEqual([...names, "shared"].sort());
    // Concurrent removes and adds: the removed ones go, the added ones stay.
    await Promise.all([
      ...names.slice(0, 20).map((name) => one.disable("a", [name])),
      ...["x_1", "x_2", "x_3"].map((name) => two.enable("a", [name])),
    ]);
    expect((await two.get("a"))!.enabled).toEqual([...names.slice(20), "shared", "x_1", "x_2", "x_3"].sort());
  });

  test("listByOwner and findChat: one owner's sessions only; the newest session of a chat wins", async () => {
    const [store, other] = kind.pair();
    const t = Date.now();
    await store.set(session("a1", "alice", { chatId: "chat", lastSeen: t }));
    await store.set(session("a2", "alice", { chatId: "chat", lastSeen: t + 10 }));
    await store.set(session("a3", "alice"));
    await store.set(session("b1", "bob", { chatId: "chat" }));
    expect((await other.listByOwner("alice")).map((s) => s.id).sort()).toEqual(["a1", "a2", "a3"]);
    expect((await other.listByOwner("bob")).map((s) => s.id)).toEqual(["b1"]);
    expect(await other.listByOwner("carol")).toEqual([]);
    expect((await findChat(other, "alice", "chat"))!.id).toBe("a2");
    expect(await other.touch("a1", t + 20)).toBe(true);
    expect((await findChat(other, "alice", "chat"))!.id).toBe("a1");
    expect((await findChat(other, "bob", "chat"))!.id).toBe("b1");
    expect(await findChat(other, "alice", "other-chat")).toBeUndefined();
  });

  test("a delete on one replica ends the session everywhere", async () => {
    const [one, two] = kind.pair();
    await one.set(session("a", "alice", { chatId: "chat" }));
    await one.set(session("b", "alice"));
    expect(await two.get("a")).toBeDefined();
    await one.delete("a");
    await one.delete("a");
    expect(await two.get("a")).toBeUndefined();
    expect(await two.touch("a", Date.now())).toBe(false);
    expect(await two.enable("a", ["x"])).toBeUndefined();
    expect((await two.listByOwner("alice")).map((s) => s.id)).toEqual(["b"]);
    expect(await findChat(two, "alice", "chat")).toBeUndefined();
  });

  test("publish reaches the session's subscribers on any replica, each with its own copy, in order, until they unsubscribe", async () => {
    const [one, two] = kind.pair();
    const got: unknown[] = [];
    const copies: unknown[] = [];
    const stop = await two.subscribe("a", (m) => got.push(m));
    const stopCopy = await two.subscribe("a", (m) => copies.push(m));
    const unrelated: unknown[] = [];
    const stopUnrelated = await two.subscribe("b", (m) => unrelated.push(m));
    const message = { jsonrpc: "2.0", method: "notifications/tools/list_changed", params: { n: 0 } };
    expect(await one.publish("a", message)).toBeGreaterThanOrEqual(1);
    message.params.n = 99;
    for (let n = 1; n <= 20; n++) await one.publish("a", { jsonrpc: "2.0", method: "notifications/message", params: { n } });
    await until(() => got.length === 21 && copies.length === 21);
    expect(got[0]).toEqual({ jsonrpc: "2.0", method: "notifications/tools/list_changed", params: { n: 0 } });
    expect(got.slice(1).map((m) => (m as { params: { n: number } }).params.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(copies[0]).toEqual(got[0]);
    expect(copies[0]).not.toBe(got[0]);
    expect(unrelated).toEqual([]);
    await stop();
    await stopCopy();
    expect(await one.publish("a", { after: "unsubscribe" })).toBe(0);
    await sleep(50);
    expect(got).toHaveLength(21);
    await stopUnrelated();
  });

  test("a handler that throws does not keep other handlers from their message", async () => {
    const [one, two] = kind.pair();
    const got: unknown[] = [];
    await two.subscribe("a", () => {
      throw new Error("handler bug");
    });
    await two.subscribe("a", (m) => got.push(m));
    await one.publish("a", { n: 1 });
    await until(() => got.length === 1);
  });

  test("ping answers; a closed store rejects with StoreUnavailableError", async () => {
    const [store] = kind.pair();
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await store.close();
    await expect(store.get("a")).rejects.toMatchObject({ name: "StoreUnavailableError" });
    await expect(store.ping()).rejects.toMatchObject({ name: "StoreUnavailableError" });
  });
});

describe("RedisSessionStore", () => {
  let own: RedisServer | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    own = await startRedis().catch((error: unknown) => void (startError = error));
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await own?.stop();
  });

  /** The test's redis-server; throws why it did not start. */
  const redisUrl = () => {
    if (!own) throw startError;
    return own.url;
  };
  const store = (options: { keyPrefix?: string; idleTimeoutMs?: number } = {}) => {
    const made_ = new RedisSessionStore({ url: redisUrl(), idleTimeoutMs: options.idleTimeoutMs ?? 60_000, keyPrefix: options.keyPrefix ?? `o${++prefixes}:` });
    made.push(made_);
    return made_;
  };

  test("keys live under the prefix, with the idle timeout as their TTL; other prefixes see nothing", async () => {
    const a = store({ keyPrefix: "gw-a:", idleTimeoutMs: 30_000 });
    const b = store({ keyPrefix: "gw-b:" });
    await a.set(session("s1", "alice"));
    expect(await b.get("s1")).toBeUndefined();
    expect(await b.listByOwner("alice")).toEqual([]);
    const raw = new Redis(redisUrl());
    try {
      expect((await raw.keys("gw-a:*")).sort()).toEqual(["gw-a:owner:alice", "gw-a:session:s1"]);
      const ttl = await raw.pttl("gw-a:session:s1");
      expect(ttl).toBeGreaterThan(29_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
      expect(await raw.pttl("gw-a:owner:alice")).toBeGreaterThan(29_000);
    } finally {
      raw.disconnect();
    }
  });

  test("the default prefix is gateway:", async () => {
    const plain = new RedisSessionStore({ url: redisUrl(), idleTimeoutMs: 60_000 });
    made.push(plain);
    await plain.set(session("default-prefix", "dp"));
    const raw = new Redis(redisUrl());
    try {
      expect(await raw.exists("gateway:session:default-prefix")).toBe(1);
    } finally {
      raw.disconnect();
    }
    await plain.delete("default-prefix");
  });

  test("an owner's index drops ids whose session is gone when it is read", async () => {
    const s = store({ keyPrefix: "gw-c:" });
    await s.set(session("s1", "alice"));
    await s.set(session("s2", "alice"));
    const raw = new Redis(redisUrl());
    try {
      // As if Redis had expired or evicted s1 (no DELETE through the store).
      await raw.del("gw-c:session:s1");
      expect((await s.listByOwner("alice")).map((x) => x.id)).toEqual(["s2"]);
      expect(await raw.zrange("gw-c:owner:alice", "0", "-1")).toEqual(["s2"]);
    } finally {
      raw.disconnect();
    }
  });

  test("a command error that is not an outage stays what it is", async () => {
    const s = store({ keyPrefix: "gw-d:" });
    const raw = new Redis(redisUrl());
    try {
      await raw.set("gw-d:session:wrong", "not a hash");
      const error = await s.get("wrong").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).not.toBe("StoreUnavailableError");
      expect((error as Error).message).toMatch(/WRONGTYPE/);
    } finally {
      raw.disconnect();
    }
  });

  test("Redis never reached: StoreUnavailableError within a second", async () => {
    redisUrl();
    const nowhere = new RedisSessionStore({ url: `redis://127.0.0.1:${await freePort()}`, idleTimeoutMs: 60_000 });
    made.push(nowhere);
    const started = Date.now();
    await expect(nowhere.get("a")).rejects.toMatchObject({ name: "StoreUnavailableError" });
    await expect(nowhere.ping()).rejects.toMatchObject({ name: "StoreUnavailableError" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test("Redis stopped: every operation fails fast with StoreUnavailableError and nothing goes unhandled; restarted: it works again", async () => {
    const [one, two] = [store({ keyPrefix: "gw-e:" }), store({ keyPrefix: "gw-e:" })];
    await one.set(session("a", "alice"));
    const got: unknown[] = [];
    await two.subscribe("a", (m) => got.push(m));
    await one.publish("a", { n: 1 });
    await until(() => got.length === 1);
    await until(() => two.subscriptionEpoch !== undefined);
    const before = two.subscriptionEpoch;

    await own!.stop();
    // Messages published while the subscriber is away are lost: it says so at once.
    await until(() => two.subscriptionEpoch === undefined);
    const operations: [string, () => Promise<unknown>][] = [
      ["get", () => one.get("a")],
      ["set", () => one.set(session("b"))],
      ["delete", () => one.delete("a")],
      ["touch", () => one.touch("a", Date.now())],
      ["enable", () => one.enable("a", ["x"])],
      ["disable", () => one.disable("a", ["x"])],
      ["listByOwner", () => one.listByOwner("alice")],
      ["publish", () => one.publish("a", { n: 2 })],
      ["subscribe", () => one.subscribe("c", () => {})],
      ["ping", () => one.ping()],
    ];
    for (const [name, operation] of operations) {
      const started = Date.now();
      const error = await operation().then(() => undefined, (e: unknown) => e);
      expect(error, name).toMatchObject({ name: "StoreUnavailableError", retryAfterS: 1 });
      expect(Date.now() - started, name).toBeLessThan(1_000);
    }
    // Still down a while later (between reconnect attempts, and during one): still fast.
    await sleep(600);
    const started = Date.now();
    await expect(two.touch("a", Date.now())).rejects.toMatchObject({ name: "StoreUnavailableError" });
    expect(Date.now() - started).toBeLessThan(1_000);

    await own!.restart();
    // Persistence is off: the restarted Redis is empty, and has no scripts cached (EVALSHA → NOSCRIPT → EVAL).
    await until(async () => (await one.ping().then(() => true, () => false)) && (await two.ping().then(() => true, () => false)), 10_000);
    await one.set(session("a", "alice"));
    expect((await two.enable("a", ["x"]))!.enabled).toEqual(["x"]);
    expect(await two.touch("a", Date.now())).toBe(true);
    // The subscription came back with the connection.
    await until(async () => {
      await one.publish("a", { n: 3 });
      await sleep(50);
      return got.length > 1;
    }, 10_000);
    expect(got.at(-1)).toEqual({ n: 3 });
    // Subscribed again: a new stretch, so a copy read under the old one knows it may have missed something.
    expect(two.subscriptionEpoch).toBeDefined();
    expect(two.subscriptionEpoch).not.toBe(before);
    expect(unhandled).toEqual([]);
  });
});

/** Waits for `condition`, checking every 20 ms, up to `ms`. */
async function until(condition: () => boolean | Promise<boolean>, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await sleep(20);
  }
}
