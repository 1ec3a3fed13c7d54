// A bare MCP-over-stdio caller (no SDK): spawns the server, writes JSON-RPC lines, matches answers by id. It
// speaks either era: `initialize` first (2025-11-25), or the 2026-07-28 `_meta` envelope on every request
// with server/discover first. It separates the server's cost from the SDK client's on stdio.

import { spawn, type ChildProcess } from "node:child_process";
import { MODERN_META, type Era } from "./raw-http.js";

/** An answered request: the answer's line as received (parse it yourself if you need more than the id). */
export interface RawLine {
  line: string;
}

/** A server child spoken to over its stdin/stdout. */
export interface RawStdio {
  pid: number;
  era: Era;
  /** Sends one request (the modern envelope added to `params`) and resolves with its answer line. */
  request(method: string, params?: Record<string, unknown>): Promise<RawLine>;
  /** A tools/call; throws unless the answer is a non-error result. */
  callTool(name: string, args: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

const ANSWER_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 3_000;
/** Above this a line's id is read from its ends instead of parsing the whole line (a 2 MB tools/list). */
const PARSE_LIMIT = 64 * 1024;

/** Spawns `node <server> --stdio …` and runs the era's opening exchange (initialize, or server/discover). */
export async function openRawStdio(server: string, env: Record<string, string>, era: Era, args: string[] = []): Promise<RawStdio> {
  const child = spawn(process.execPath, [server, "--stdio", ...args], { env, stdio: ["pipe", "pipe", "ignore"] });
  const pending = new Map<number, { resolve: (line: RawLine) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let exited = false;
  const fail = (error: Error) => {
    for (const p of pending.values()) (clearTimeout(p.timer), p.reject(error));
    pending.clear();
  };
  child.once("exit", (code) => {
    exited = true;
    fail(new Error(`stdio server exited with ${code}`));
  });
  child.stdin!.on("error", () => {});
  readLines(child, (line) => {
    const id = idOf(line);
    const waiter = id === undefined ? undefined : pending.get(id);
    if (!waiter) return;
    pending.delete(id!);
    clearTimeout(waiter.timer);
    waiter.resolve({ line });
  });
  const write = (message: object) => child.stdin!.write(JSON.stringify(message) + "\n");
  const request = (method: string, params: Record<string, unknown> = {}): Promise<RawLine> => {
    const id = nextId++;
    const body = era === "modern" ? { ...params, _meta: { ...MODERN_META, ...(params._meta as object | undefined) } } : params;
    return new Promise<RawLine>((resolve, reject) => {
      const timer = setTimeout(() => (pending.delete(id), reject(new Error(`${method}: no answer in ${ANSWER_TIMEOUT_MS / 1000} s`))), ANSWER_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      write({ jsonrpc: "2.0", id, method, params: body });
    });
  };
  const close = async () => {
    if (exited) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(timer);
  };
  try {
    if (era === "modern") {
      const discover = await request("server/discover");
      if (!discover.line.includes('"supportedVersions"')) throw new Error(`server/discover answered ${discover.line.slice(0, 200)}`);
    } else {
      const init = await request("initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "gateway-bench-raw", version: "1.0.0" } });
      if (!init.line.includes('"result"')) throw new Error(`initialize answered ${init.line.slice(0, 200)}`);
      write({ jsonrpc: "2.0", method: "notifications/initialized" });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    pid: child.pid!,
    era,
    request,
    async callTool(name, args) {
      const { line } = await request("tools/call", { name, arguments: args });
      if (!line.includes('"result"') || line.includes('"isError":true')) throw new Error(`tools/call ${name} answered ${line.slice(0, 200)}`);
    },
    close,
  };
}

/** Calls `onLine` for each newline-terminated line of the child's stdout; chunks are joined once per line. */
export function readLines(child: ChildProcess, onLine: (line: string) => void): void {
  let parts: Buffer[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      parts.push(chunk.subarray(start, nl));
      const line = (parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString("utf8");
      parts = [];
      start = nl + 1;
      if (line.length > 0) onLine(line);
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  });
}

/** The numeric id of a JSON-RPC answer line (undefined for notifications and non-numeric ids). */
export function idOf(line: string): number | undefined {
  if (line.length > PARSE_LIMIT) {
    // Both eras' writers put `"jsonrpc":"2.0","id":N` at one end of the object.
    const match = /"id":(\d+)\}$/.exec(line.slice(-40)) ?? /^\{"jsonrpc":"2\.0","id":(\d+)/.exec(line.slice(0, 40));
    if (match) return Number(match[1]);
  }
  try {
    const id = (JSON.parse(line) as { id?: unknown }).id;
    return typeof id === "number" ? id : undefined;
  } catch {
    return undefined;
  }
}
