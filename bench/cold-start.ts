// Cold start over stdio (spawn → initialize → tools/list answered), RSS after listing, tools/list size; the same
// for the 2026-07-28 era (spawn → server/discover → tools/list), and over HTTP for both eras. The eras' rounds
// are interleaved, so a noisy neighbour hits both alike.

import { spawn } from "node:child_process";
import { Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { ListToolsResultSchema, ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { MODERN_META, modernListTools, modernPost, listTools, openSession, type Era } from "./raw-http.js";
import { readLines } from "./raw-stdio.js";
import { connectStdio, connectStdioModern, rssMb, startHttpServer } from "./server.js";

/** What the cold-start rounds measured. */
export interface ColdStart {
  /** Spawn → initialize → tools/list response fully read, by a minimal JSON-RPC client, per round, in ms. */
  minimalMs: number[];
  /** Spawn → initialize → tools/list response received and JSON-parsed by the SDK Client, per round, in ms. */
  samplesMs: number[];
  /** Spawn → initialize answered, per round, in ms (part of `samplesMs`). */
  initMs: number[];
  /** Spawn → exit of a bare `node -e 0`, per round, in ms: the floor any Node server starts from. */
  nodeMs: number[];
  /** Server RSS in MB right after tools/list, per round. */
  rssMb: number[];
  /** Tools listed. */
  tools: number;
  /** Bytes of the tools/list result as JSON (UTF-8). */
  listBytes: number;
  /** o200k tokens of the tools/list result as JSON: what a model reads. */
  listTokens: number;
  /** Time the SDK client's own tools/list schema (zod) takes to check the result, in ms (not in `samplesMs`). */
  sdkParseMs: number;
  /** Tools the SDK's ListToolsResultSchema rejected (0 expected); -1 if the whole result was rejected. */
  sdkRejected: number;
  /** The 2026-07-28 era, rounds interleaved with the ones above. */
  modern: ModernColdStart;
  /** Over HTTP, both eras, with a bare node:http caller. */
  http: HttpColdStart;
}

/** Cold start in the 2026-07-28 era over stdio. */
export interface ModernColdStart {
  /** Spawn → server/discover → tools/list response fully read, minimal client, per round, ms. */
  minimalMs: number[];
  /** Spawn → server/discover answered (part of `minimalMs`), ms. */
  discoverMs: number[];
  /**
   * Spawn → connect → tools/list returned by the v2 SDK Client pinned to 2026-07-28 (`listTools()`, the
   * client's own result check and cache store included), ms. Its stdio transport probes on a sibling process
   * first, so this spawns the server twice.
   */
  sdkMs: number[];
  /** Spawn → connect of the pinned v2 Client (part of `sdkMs`), ms. */
  sdkConnectMs: number[];
  /** Server RSS in MB right after tools/list (minimal client), per round. */
  rssMb: number[];
  /** Tools listed. */
  tools: number;
  /** Bytes of the tools/list result as JSON (UTF-8), measured as for the 2025 era. */
  listBytes: number;
}

/** Cold start over HTTP: spawn → "listening" → the era's opening exchange → tools/list read, per round, ms. */
export interface HttpColdStart {
  legacyMs: number[];
  modernMs: number[];
  /** Spawn → the "listening on" line, both eras' rounds together, ms. */
  listenMs: number[];
}

/**
 * `rounds` fresh server processes. tools/list is requested with the SDK's loose result schema so the figure is the
 * server's (plus transport and JSON parse); the SDK's strict schema check is timed separately once.
 */
export async function benchColdStart(server: string, env: Record<string, string>, rounds: number, args: string[] = []): Promise<ColdStart> {
  const samplesMs: number[] = [];
  const initMs: number[] = [];
  const rss: number[] = [];
  const modernSdk: number[] = [];
  const modernConnect: number[] = [];
  let last: { tools: unknown[] } | undefined;
  for (let i = 0; i < rounds; i++) {
    const m0 = performance.now();
    const modern = await connectStdioModern(server, env, args);
    modernConnect.push(performance.now() - m0);
    try {
      const listed = await modern.client.listTools();
      modernSdk.push(performance.now() - m0);
      if (listed.tools.length === 0) throw new Error("tools/list (2026-07-28, SDK Client) returned no tools");
    } finally {
      await modern.close();
    }
    const t0 = performance.now();
    const connection = await connectStdio(server, env, args);
    initMs.push(performance.now() - t0);
    try {
      const result = (await connection.client.request({ method: "tools/list" }, ResultSchema)) as { tools: unknown[] };
      samplesMs.push(performance.now() - t0);
      const mb = rssMb(connection.pid);
      if (mb !== null) rss.push(mb);
      last = result;
    } finally {
      await connection.close();
    }
  }
  if (!last || !Array.isArray(last.tools)) throw new Error("tools/list returned no tools array");
  const nodeMs: number[] = [];
  const minimalMs: number[] = [];
  const modern: ModernColdStart = { minimalMs: [], discoverMs: [], sdkMs: modernSdk, sdkConnectMs: modernConnect, rssMb: [], tools: 0, listBytes: 0 };
  const http: HttpColdStart = { legacyMs: [], modernMs: [], listenMs: [] };
  for (let i = 0; i < rounds; i++) {
    nodeMs.push(await bareNode());
    // Alternate which era goes first, so neither always follows the other.
    for (const era of i % 2 === 0 ? (["2025", "modern"] as const) : (["modern", "2025"] as const)) {
      if (era === "2025") {
        minimalMs.push((await minimalClient(server, env, args, "2025")).ms);
      } else {
        const round = await minimalClient(server, env, args, "modern");
        modern.minimalMs.push(round.ms);
        modern.discoverMs.push(round.firstMs);
        if (round.rssMb !== null) modern.rssMb.push(round.rssMb);
        modern.tools = round.tools;
        modern.listBytes = round.resultBytes;
      }
      const h = await httpColdStart(server, env, args, era);
      (era === "2025" ? http.legacyMs : http.modernMs).push(h.ms);
      http.listenMs.push(h.listenMs);
    }
  }
  const t0 = performance.now();
  const parsed = ListToolsResultSchema.safeParse(last);
  const sdkParseMs = performance.now() - t0;
  const listJson = JSON.stringify(last);
  return {
    minimalMs,
    samplesMs,
    initMs,
    nodeMs,
    rssMb: rss,
    tools: last.tools.length,
    listBytes: Buffer.byteLength(listJson),
    listTokens: encode(listJson).length,
    sdkParseMs,
    sdkRejected: parsed.success ? 0 : rejectedTools(last.tools),
    modern,
    http,
  };
}

function rejectedTools(tools: unknown[]): number {
  const one = ListToolsResultSchema.shape.tools.element;
  return tools.filter((tool) => !one.safeParse(tool).success).length || -1;
}

function bareNode(): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve(performance.now() - t0));
  });
}

/** One minimal-client round. */
interface MinimalRound {
  /** Spawn → tools/list answer fully read. */
  ms: number;
  /** Spawn → the first answer (initialize, or server/discover). */
  firstMs: number;
  /** Server RSS right after the list was read (null where /proc is absent). */
  rssMb: number | null;
  tools: number;
  /** Bytes of the answer's `result` as JSON. */
  resultBytes: number;
}

/**
 * The server's own cold start: spawn, the era's opening exchange (initialize + initialized, or server/discover
 * with the 2026-07-28 envelope), tools/list, with a client that does nothing but write lines and collect the
 * answer's chunks. The SDK Client re-copies its read buffer for every 64 KB chunk of a 2 MB answer, which the
 * SDK figure includes.
 */
function minimalClient(server: string, env: Record<string, string>, args: string[], era: Era): Promise<MinimalRound> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, "--stdio", ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["pipe", "pipe", "ignore"] });
  const send = (message: object) => child.stdin.write(JSON.stringify(message) + "\n");
  if (era === "modern") send({ jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: MODERN_META } });
  else send({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill(), reject(new Error(`minimal client (${era}): no tools/list answer in 10 s`))), 10_000);
    let firstMs = NaN;
    readLines(child, (line) => {
      if (Number.isNaN(firstMs)) {
        firstMs = performance.now() - t0;
        if (!line.includes('"result"')) return (clearTimeout(timer), child.kill(), reject(new Error(`minimal client (${era}): first answer ${line.slice(0, 200)}`)));
        if (era === "modern") send({ jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: MODERN_META } });
        else {
          send({ jsonrpc: "2.0", method: "notifications/initialized" });
          send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
        }
        return;
      }
      const ms = performance.now() - t0;
      clearTimeout(timer);
      const rss = rssMb(child.pid!);
      child.kill();
      const answer = JSON.parse(line) as { id: number; result?: { tools?: unknown[] } };
      if (answer.id !== 2 || !Array.isArray(answer.result?.tools)) reject(new Error(`minimal client (${era}): tools/list answer has no tools`));
      else resolve({ ms, firstMs, rssMb: rss, tools: answer.result.tools.length, resultBytes: Buffer.byteLength(JSON.stringify(answer.result)) });
    });
  });
}

/** Spawns an HTTP server, then with a bare caller: initialize (+ initialized) or server/discover, then tools/list. */
async function httpColdStart(server: string, env: Record<string, string>, args: string[], era: Era): Promise<{ ms: number; listenMs: number }> {
  const t0 = performance.now();
  const http = await startHttpServer(server, env, args);
  const listenMs = performance.now() - t0;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    if (era === "modern") {
      const discover = await modernPost(http.url, agent, "server/discover", {}, 1);
      if (discover.status !== 200 || !discover.body.includes('"supportedVersions"')) throw new Error(`server/discover answered ${discover.status}: ${discover.body.slice(0, 200)}`);
      await modernListTools(http.url, agent, 2);
    } else {
      await listTools(http.url, agent, await openSession(http.url, agent), 2);
    }
    return { ms: performance.now() - t0, listenMs };
  } finally {
    agent.destroy();
    await http.close();
  }
}
