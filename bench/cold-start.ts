// Cold start over stdio (spawn → initialize → tools/list answered), RSS after listing, tools/list size.

import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { ListToolsResultSchema, ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { connectStdio, rssMb } from "./server.js";

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
  /** Time the SDK client's own tools/list schema (zod) takes to check the result, in ms (not in `samplesMs`). */
  sdkParseMs: number;
  /** Tools the SDK's ListToolsResultSchema rejected (0 expected); -1 if the whole result was rejected. */
  sdkRejected: number;
}

/**
 * `rounds` fresh server processes. tools/list is requested with the SDK's loose result schema so the figure is the
 * server's (plus transport and JSON parse); the SDK's strict schema check is timed separately once.
 */
export async function benchColdStart(server: string, env: Record<string, string>, rounds: number, args: string[] = []): Promise<ColdStart> {
  const samplesMs: number[] = [];
  const initMs: number[] = [];
  const rss: number[] = [];
  let last: { tools: unknown[] } | undefined;
  for (let i = 0; i < rounds; i++) {
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
  for (let i = 0; i < rounds; i++) {
    nodeMs.push(await bareNode());
    minimalMs.push(await minimalClient(server, env, args));
  }
  const t0 = performance.now();
  const parsed = ListToolsResultSchema.safeParse(last);
  const sdkParseMs = performance.now() - t0;
  return {
    minimalMs,
    samplesMs,
    initMs,
    nodeMs,
    rssMb: rss,
    tools: last.tools.length,
    listBytes: Buffer.byteLength(JSON.stringify(last)),
    sdkParseMs,
    sdkRejected: parsed.success ? 0 : rejectedTools(last.tools),
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

/**
 * The server's own cold start: spawn, initialize, tools/list, with a client that does nothing but write three
 * lines and collect the answer's chunks. The SDK Client re-copies its read buffer for every 64 KB chunk of a
 * 2 MB answer, which the figure above includes.
 */
function minimalClient(server: string, env: Record<string, string>, args: string[]): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, "--stdio", ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["pipe", "pipe", "ignore"] });
  const send = (message: object) => child.stdin.write(JSON.stringify(message) + "\n");
  send({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill(), reject(new Error("minimal client: no tools/list answer in 10 s"))), 10_000);
    const chunks: Buffer[] = [];
    let initialized = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (!initialized) {
        initialized = true;
        send({ jsonrpc: "2.0", method: "notifications/initialized" });
        send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
        return;
      }
      chunks.push(chunk);
      if (chunk[chunk.length - 1] !== 10) return;
      const ms = performance.now() - t0;
      clearTimeout(timer);
      child.kill();
      const answer = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: number; result?: { tools?: unknown[] } };
      if (answer.id !== 2 || !Array.isArray(answer.result?.tools)) reject(new Error("minimal client: tools/list answer has no tools"));
      else resolve(ms);
    });
  });
}
