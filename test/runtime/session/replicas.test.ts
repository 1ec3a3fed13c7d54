// The replica topology of scripts/replicas.ts (redis-server, three bundled servers, haproxy round-robin on loopback)
// starts, balances every request on its own, routes around a dead replica, and stops every process it started.
// Sessions across replicas need the Redis store wired into the request path; this file checks the topology only.

import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startReplicas, type Replicas } from "../../../scripts/replicas.js";
import { buildProject, type Project } from "../../support/project.js";

const SPEC = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  servers: [{ url: "http://127.0.0.1:9/" }],
  paths: { "/items": { get: { operationId: "listItems", summary: "List the items", responses: { "200": { description: "ok" } } } } },
});

let project: Project | undefined;
let topology: Replicas | undefined;

beforeAll(async () => {
  project = await buildProject({ "gateway.yaml": "name: replicas\nversion: 1.0.0\napps:\n  shop:\n    openapi: specs/shop.json\n", "specs/shop.json": SPEC });
  topology = await startReplicas({ server: project.server, env: {} });
});

afterAll(async () => {
  await topology?.stop();
  if (project) rmSync(project.root, { recursive: true, force: true });
});

/** GET /healthz through haproxy: status and the replica that answered. */
async function healthz(): Promise<{ status: number; servedBy: string | null }> {
  const response = await fetch(`${topology!.origin}/healthz`, { signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  return { status: response.status, servedBy: response.headers.get("x-served-by") };
}

describe("replica topology (scripts/replicas.ts)", () => {
  test("haproxy answers /healthz from every replica in turn: round-robin per request, no stickiness", async () => {
    expect(topology!.url).toBe(`${topology!.origin}/mcp`);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await healthz());
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const names = answers.map((a) => a.servedBy);
    expect(new Set(names)).toEqual(new Set(["gateway1", "gateway2", "gateway3"]));
    // Each replica once per round, the same order every round.
    expect(names.slice(3)).toEqual(names.slice(0, 3));
  });

  test("a killed replica is routed around at once; restarted, it is back in rotation", async () => {
    const victim = topology!.replicas[1]!;
    await victim.kill();
    for (let i = 0; i < 6; i++) {
      const answer = await healthz();
      expect(answer.status).toBe(200);
      expect(answer.servedBy).not.toBe(victim.name);
    }
    await victim.start();
    const deadline = Date.now() + 10_000;
    let seen = false;
    while (!seen && Date.now() < deadline) seen = (await healthz()).servedBy === victim.name;
    expect(seen).toBe(true);
  });

  test("stop ends haproxy, every replica and redis-server, by pid", async () => {
    const pids = [topology!.haproxy.pid, ...topology!.replicas.map((r) => r.pid), topology!.redis.pid];
    expect(pids.every((pid) => typeof pid === "number")).toBe(true);
    await topology!.stop();
    for (const pid of pids) expect(alive(pid!), `pid ${pid}`).toBe(false);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
