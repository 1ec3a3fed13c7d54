// Spawning the built server: an SDK Client over stdio, or an HTTP server child plus SDK Clients over HTTP; RSS by pid.
// The 2025 era is spoken by the v1 SDK Client (as before); the 2026-07-28 era by the v2 Client pinned to it.

import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttpTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport as ModernStdioTransport } from "@modelcontextprotocol/client/stdio";
import { MODERN_PROTOCOL } from "./raw-http.js";

const CLIENT_INFO = { name: "gateway-bench", version: "1.0.0" };
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 3_000;

/** An SDK Client connected to a server child over stdio. */
export interface StdioConnection {
  client: Client;
  pid: number;
  /** The last lines the server wrote to stderr (for error messages). */
  stderrTail(): string;
  close(): Promise<void>;
}

/** Spawns `node <server> --stdio …` and runs initialize. */
export async function connectStdio(server: string, env: Record<string, string>, args: string[] = []): Promise<StdioConnection> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [server, "--stdio", ...args], env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk).slice(-4_000)));
  const client = new Client(CLIENT_INFO);
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(`stdio server did not initialize: ${(error as Error).message}\n${stderr}`);
  }
  return { client, pid: transport.pid!, stderrTail: () => stderr, close: () => client.close() };
}

/** A v2 SDK Client that only speaks 2026-07-28: connect probes with server/discover and fails on anything else. */
export function modernClient(): ModernClient {
  return new ModernClient(CLIENT_INFO, { versionNegotiation: { mode: { pin: MODERN_PROTOCOL } } });
}

/** A v2 Client pinned to 2026-07-28 over stdio. */
export interface ModernStdioConnection {
  client: ModernClient;
  pid: number;
  close(): Promise<void>;
}

/**
 * Spawns `node <server> --stdio …` for the pinned v2 Client. Its stdio transport probes on a short-lived
 * sibling process first, so connecting spawns the server twice; `pid` is the one that stays.
 */
export async function connectStdioModern(server: string, env: Record<string, string>, args: string[] = []): Promise<ModernStdioConnection> {
  const transport = new ModernStdioTransport({ command: process.execPath, args: [server, "--stdio", ...args], env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk).slice(-4_000)));
  const client = modernClient();
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(`stdio server did not answer the 2026-07-28 probe: ${(error as Error).message}\n${stderr}`);
  }
  await assertModern(client);
  return { client, pid: transport.pid!, close: () => client.close() };
}

/** A v2 Client pinned to 2026-07-28 over HTTP (no session: each request stands alone). */
export async function connectHttpModern(url: string, query = ""): Promise<ModernClient> {
  const client = modernClient();
  await client.connect(new ModernHttpTransport(new URL(query ? `${url}?${query}` : url)));
  await assertModern(client);
  return client;
}

/** A pinned client cannot end up elsewhere, but a figure labelled 2026-07-28 must not come from 2025 traffic. */
async function assertModern(client: ModernClient): Promise<void> {
  if (client.getProtocolEra() === "modern") return;
  await client.close().catch(() => {});
  throw new Error(`the pinned client negotiated the ${client.getProtocolEra()} era`);
}

/** A server child listening on HTTP. */
export interface HttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:40000/mcp */
  url: string;
  pid: number;
  /** The last 8,000 characters the server wrote to stderr. */
  stderrTail(): string;
  close(): Promise<void>;
}

/** Spawns `node [nodeArgs] <server> --host 127.0.0.1 --port 0 …` and waits for its "listening on" line. */
export async function startHttpServer(server: string, env: Record<string, string>, args: string[] = [], nodeArgs: string[] = []): Promise<HttpServer> {
  const child = spawn(process.execPath, [...nodeArgs, server, "--host", "127.0.0.1", "--port", "0", ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HTTP server not ready after ${START_TIMEOUT_MS} ms:\n${stderr}`)), START_TIMEOUT_MS);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk).slice(-8_000);
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`HTTP server exited with ${code} before listening:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await stop(child);
    throw error;
  });
  child.stderr!.resume();
  return { url, pid: child.pid!, stderrTail: () => stderr, close: () => stop(child) };
}

/** An SDK Client over Streamable HTTP; `query` such as `mode=dynamic` is appended to the endpoint. */
export async function connectHttp(url: string, query = ""): Promise<Client> {
  const client = new Client(CLIENT_INFO);
  await client.connect(new StreamableHTTPClientTransport(new URL(query ? `${url}?${query}` : url)));
  return client;
}

/** Ends an HTTP session (DELETE) and the client. Errors are ignored: teardown must not fail the run. */
export async function closeHttpClient(client: Client): Promise<void> {
  const transport = client.transport as StreamableHTTPClientTransport | undefined;
  await transport?.terminateSession().catch(() => {});
  await client.close().catch(() => {});
}

/** Resident set of a process in MB, from /proc/<pid>/status (null where /proc is absent). */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s*(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** SIGTERM, then SIGKILL if the child is still alive after a grace period. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
