// Three bundled servers on one real redis-server behind haproxy round-robin (no stickiness; scripts/replicas.ts),
// each response marked with x-served-by: a 2025 session is served by whichever replica a request lands on.
// What issue 15 asks to show: enabled tools kept across replicas and after the creator dies, x-chat-id resume and
// /mcp/sessions agreeing everywhere, idle expiry by the store, concurrent enable-tools losing nothing, and a Redis
// outage answered with 503s (no crash) that ends by itself.

import { rmSync } from "node:fs";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startReplicas, type Replicas } from "../../scripts/replicas.js";
import { buildProject, type Project } from "../support/project.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const IDLE_MS = 2_000;
const META = ["call-tool", "disable-tools", "enable-tools", "search-tools"];

let upstream: Upstream;
let project: Project;
let topology: Replicas;

beforeAll(async () => {
  upstream = await startUpstream();
  const op = (id: string) => ({ get: { operationId: id, summary: id.replace("_", " "), responses: { "200": { description: "ok" } } } });
  const spec = { openapi: "3.0.3", info: { title: "Shop", version: "1" }, servers: [{ url: upstream.url }], paths: { "/items": op("list_items"), "/orders": op("list_orders"), "/users": op("list_users") } };
  const yaml = ["name: replicas", "version: 1.0.0", "mode: dynamic", "server:", "  sessions:", `    idle_timeout_ms: ${IDLE_MS}`, '    store: { redis: { url: "${REDIS_URL}" } }', "apps:", "  shop:", "    openapi: specs/shop.json", ""].join("\n");
  project = await buildProject({ "gateway.yaml": yaml, "specs/shop.json": JSON.stringify(spec) });
  topology = await startReplicas({ server: project.server });
}, 60_000);

afterAll(async () => {
  await topology?.stop();
  await upstream?.close();
  if (project) rmSync(project.root, { recursive: true, force: true });
});

/** An SDK Client through haproxy that notes which replica answered each request. */
async function connect(headers: Record<string, string> = {}) {
  const servedBy: string[] = [];
  const fetchNoting = async (url: string | URL, init?: RequestInit) => {
    const response = await fetch(url, init);
    const by = response.headers.get("x-served-by");
    if (by) servedBy.push(by);
    return response;
  };
  const client = new Client({ name: "replica-test", version: "0" });
  const transport = new StreamableHTTPClientTransport(new URL(topology.url), { requestInit: { headers }, fetch: fetchNoting });
  await client.connect(transport);
  return { client, transport, servedBy, id: transport.sessionId! };
}

const rpc = (id: number, method: string, params: object = {}) => JSON.stringify({ jsonrpc: "2.0", id, method, params });
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };
async function post(sessionId: string, body: string): Promise<{ status: number; servedBy: string | null; text: string; retryAfter: string | null }> {
  const response = await fetch(topology.url, { method: "POST", headers: { ...HEADERS, "mcp-session-id": sessionId }, body, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, servedBy: response.headers.get("x-served-by"), text: await response.text(), retryAfter: response.headers.get("retry-after") };
}
const names = async (client: Client) => (await client.listTools()).tools.map((t) => t.name).sort();
const textOf = (result: unknown) => ((result as { content: { text: string }[] }).content[0]?.text ?? "");

/** Resolves once haproxy routes a request to `name` again (its health check runs every 500 ms); 10 s at most. */
async function backInRotation(name: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${topology.origin}/healthz`);
    await response.arrayBuffer();
    if (response.headers.get("x-served-by") === name) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`haproxy did not route to the restarted ${name} within 10 s`);
}

describe("three replicas, haproxy round-robin, one Redis", () => {
  test("a dynamic session whose requests land on every replica keeps its enabled tools, and calls succeed", async () => {
    const { client, servedBy } = await connect();
    await client.callTool({ name: "enable-tools", arguments: { tools: ["list_items"] } });
    for (let i = 0; i < 6; i++) {
      const result = await client.callTool({ name: "list_items", arguments: {} });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toContain("/items");
    }
    expect(await names(client)).toEqual([...META, "list_items"].sort());
    expect(new Set(servedBy)).toEqual(new Set(["gateway1", "gateway2", "gateway3"]));
    await client.close();
  });

  test("it survives the death of the replica that created it", async () => {
    const { client, servedBy } = await connect();
    const creator = topology.replicas.find((r) => r.name === servedBy[0])!;
    await client.callTool({ name: "enable-tools", arguments: { tools: ["list_orders"] } });
    await creator.kill();
    const afterKill = servedBy.length;
    try {
      for (let i = 0; i < 4; i++) {
        const result = await client.callTool({ name: "list_orders", arguments: {} });
        expect(result.isError, textOf(result)).toBeFalsy();
      }
      expect(await names(client)).toContain("list_orders");
      expect(servedBy.slice(afterKill)).not.toContain(creator.name);
      expect(servedBy.slice(afterKill).length).toBeGreaterThanOrEqual(5);
    } finally {
      await creator.start();
      // haproxy's next health check takes it back; the tests after this one count on all three in rotation.
      await backInRotation(creator.name);
    }
    await client.close();
  });

  test("x-chat-id resume and /mcp/sessions agree wherever they land", async () => {
    const sessionsOf = async () => {
      const seen = new Map<string, unknown>();
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${topology.url}/sessions`);
        seen.set(response.headers.get("x-served-by")!, await response.json());
      }
      expect(seen.size).toBe(3);
      return [...new Set([...seen.values()].map((v) => JSON.stringify(v)))];
    };
    const first = await connect({ "x-chat-id": "chat-r" });
    await first.client.callTool({ name: "enable-tools", arguments: { tools: ["list_users"] } });
    expect(await sessionsOf()).toEqual([JSON.stringify({ "chat-r": first.id })]);
    const second = await connect({ "x-chat-id": "chat-r" });
    expect(second.id).not.toBe(first.id);
    expect(await names(second.client)).toContain("list_users");
    expect(await sessionsOf()).toEqual([JSON.stringify({ "chat-r": second.id })]);
    // The resumed session is ended on every replica.
    for (let i = 0; i < 3; i++) expect((await post(first.id, rpc(9, "tools/list"))).status).toBe(404);
    await second.client.close();
  });

  test("two replicas enabling tools in one session at the same moment lose nothing", async () => {
    const { client, id } = await connect();
    const enable = (tool: string, n: number) => post(id, rpc(n, "tools/call", { name: "enable-tools", arguments: { tools: [tool] } }));
    const answers = await Promise.all([enable("list_items", 11), enable("list_orders", 12), enable("list_users", 13)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.servedBy)).size).toBeGreaterThan(1);
    expect(await names(client)).toEqual([...META, "list_items", "list_orders", "list_users"].sort());
    await client.close();
  });

  test("an active session outlives the idle timeout; an idle one expires, on every replica", async () => {
    const active = await connect();
    const idle = await connect();
    const until = Date.now() + IDLE_MS * 2;
    for (let step = 0; step < 40 && Date.now() < until; step++) {
      await new Promise((r) => setTimeout(r, IDLE_MS / 5));
      expect((await post(active.id, rpc(step + 20, "tools/list"))).status).toBe(200);
    }
    for (let i = 0; i < 3; i++) {
      expect((await post(active.id, rpc(90 + i, "tools/list"))).status).toBe(200);
      expect((await post(idle.id, rpc(95 + i, "tools/list"))).status).toBe(404);
    }
    await active.client.close();
  });

  test("Redis stopped: clear 503s with Retry-After and no crash; Redis back: service resumes", async () => {
    const { id } = await connect();
    await topology.redis.stop();
    try {
      // A replica serves a session it holds from its copy until it notices the dropped connection (milliseconds;
      // nothing can change the session meanwhile): wait until all three refuse a session request, then insist.
      const deadline = Date.now() + 5_000;
      let refusedInARow = 0;
      while (refusedInARow < 3 && Date.now() < deadline) refusedInARow = (await post(id, rpc(29, "tools/list"))).status === 503 ? refusedInARow + 1 : 0;
      expect(refusedInARow).toBe(3);
      for (let i = 0; i < 3; i++) {
        const refused = await post(id, rpc(30 + i, "tools/list"));
        expect(refused.status).toBe(503);
        expect(refused.retryAfter).toMatch(/^\d+$/);
        expect(refused.text).toMatch(/session store cannot be reached/);
      }
      const ready = await fetch(topology.url.replace(/\/mcp$/, "/readyz"));
      expect(ready.status).toBe(503);
      await ready.text();
      expect((await fetch(topology.url.replace(/\/mcp$/, "/healthz"))).status).toBe(200);
      expect(topology.replicas.every((r) => r.pid !== undefined)).toBe(true);
    } finally {
      await topology.redis.restart();
    }
    // Persistence is off, so the old session is gone; new ones work on every replica once each has reconnected.
    const deadline = Date.now() + 15_000;
    let readyEverywhere = false;
    while (!readyEverywhere && Date.now() < deadline) {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(topology.url.replace(/\/mcp$/, "/readyz"))).status);
      readyEverywhere = statuses.every((s) => s === 200);
      if (!readyEverywhere) await new Promise((r) => setTimeout(r, 200));
    }
    expect(readyEverywhere).toBe(true);
    const fresh = await connect();
    await fresh.client.callTool({ name: "enable-tools", arguments: { tools: ["list_items"] } });
    for (let i = 0; i < 3; i++) expect((await fresh.client.callTool({ name: "list_items", arguments: {} })).isError).toBeFalsy();
    expect(topology.replicas.every((r) => r.pid !== undefined)).toBe(true);
    expect(topology.replicas.map((r) => r.stderr()).join("")).not.toMatch(/unhandled|uncaught/i);
    await fresh.client.close();
  });
});
