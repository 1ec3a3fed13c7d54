// Real MCP clients for test/e2e/real-clients.test.ts: the pinned packages installed from the npm registry into
// .cache/real-clients/ (never into this package's package.json), a child-process runner with a time limit that
// stops what it started by PID, and a recording HTTP proxy that sits between a client and the gateway and notes
// which protocol era each exchange used (MCP-Protocol-Version, Mcp-Session-Id, server/discover vs initialize).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CACHE = join(ROOT, ".cache", "real-clients");

/** The Node the Inspector runs on when this one is older than its engines field (>= 22.19): the binary package
 * node-<platform>-<arch> from the npm registry, the same version scripts/conformance.mjs uses. */
const INSPECTOR_NODE = { version: "22.23.3", min: [22, 19] as const };

/** Exact versions, so a CI run is reproducible. `alias` is the folder under node_modules/. */
export const PINS = {
  inspector: { alias: "@modelcontextprotocol/inspector", spec: "2.12.0", version: "2.12.0" },
  mcpRemote: { alias: "mcp-remote", spec: "0.15.1", version: "0.15.1" },
  mcpRemote0129: { alias: "mcp-remote-0129", spec: "npm:mcp-remote@0.1.29", version: "0.1.29" },
  claudeCode: { alias: "@anthropic-ai/claude-code", spec: "2.1.332", version: "2.1.332" },
} as const;

export interface RealClients {
  /** How the packages got here, e.g. "cached" or "npm install (14.2 s)". */
  how: string;
  /** `node <inspector> --cli …` */
  inspector: { node: string; bin: string; nodeVersion: string };
  mcpRemote: string;
  mcpRemote0129: string;
  claude: string;
}

function nodeNeeded(): boolean {
  const [major, minor] = process.versions.node.split(".").map(Number);
  return major < INSPECTOR_NODE.min[0] || (major === INSPECTOR_NODE.min[0] && minor < INSPECTOR_NODE.min[1]);
}

function nodePackage(): string {
  const platform = process.platform === "win32" ? "win" : process.platform;
  return `node-${platform}-${process.arch}`;
}

function installedVersion(alias: string): string | undefined {
  const file = join(CACHE, "node_modules", alias, "package.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : undefined;
}

/** What is missing or at another version; empty when the cache holds exactly the pins. */
function stale(): string[] {
  const wrong: string[] = [];
  for (const pin of Object.values(PINS)) {
    const have = installedVersion(pin.alias);
    if (have !== pin.version) wrong.push(`${pin.alias}@${pin.version} (found ${have ?? "nothing"})`);
  }
  if (nodeNeeded() && installedVersion(nodePackage()) !== INSPECTOR_NODE.version) wrong.push(`${nodePackage()}@${INSPECTOR_NODE.version}`);
  return wrong;
}

/**
 * Installs the pinned clients into .cache/real-clients/ unless they are there already, then checks every one
 * (a missing client fails the run; nothing is skipped). The Claude Code package brings its native binary through
 * a platform package; the Inspector gets a Node >= 22.19 when this one is older.
 */
export async function installRealClients(timeoutMs: number): Promise<RealClients> {
  let how = "cached";
  if (stale().length > 0) {
    mkdirSync(CACHE, { recursive: true });
    const dependencies: Record<string, string> = Object.fromEntries(Object.values(PINS).map((pin) => [pin.alias, pin.spec]));
    if (nodeNeeded()) dependencies[nodePackage()] = INSPECTOR_NODE.version;
    writeFileSync(join(CACHE, "package.json"), JSON.stringify({ private: true, description: "test/e2e/real-clients.test.ts", dependencies }, null, 2) + "\n");
    const started = Date.now();
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = await run(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: CACHE, timeoutMs, env: process.env as Record<string, string> });
    if (result.code !== 0) throw new Error(`npm install in ${CACHE} exited ${result.code}:\n${result.stderr.slice(-3000)}`);
    how = `npm install (${((Date.now() - started) / 1000).toFixed(1)} s)`;
    const wrong = stale();
    if (wrong.length > 0) throw new Error(`after npm install, ${CACHE} still lacks: ${wrong.join(", ")}`);
  }
  const modules = join(CACHE, "node_modules");
  const node = nodeNeeded() ? join(modules, nodePackage(), "bin", process.platform === "win32" ? "node.exe" : "node") : process.execPath;
  const clients: RealClients = {
    how,
    inspector: { node, bin: join(modules, "@modelcontextprotocol", "inspector", "clients", "launcher", "build", "index.js"), nodeVersion: "" },
    mcpRemote: join(modules, "mcp-remote", "dist", "proxy.js"),
    mcpRemote0129: join(modules, "mcp-remote-0129", "dist", "proxy.js"),
    claude: join(modules, "@anthropic-ai", "claude-code", "bin", "claude.exe"),
  };
  for (const path of [clients.inspector.node, clients.inspector.bin, clients.mcpRemote, clients.mcpRemote0129, clients.claude]) {
    if (!existsSync(path)) throw new Error(`missing after install: ${path}`);
  }
  const version = await run(node, ["--version"], { timeoutMs: 20_000 });
  clients.inspector.nodeVersion = version.stdout.trim();
  return clients;
}

// ── Processes ────────────────────────────────────────────────────────────────────────────────────────────────

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Every child started by run() and not yet exited, so the test can stop leftovers by PID. */
export const running = new Set<ChildProcess>();

/** Runs a command without blocking this event loop (the proxy and the upstream live in it); SIGKILL after timeoutMs. */
export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs: number }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      reject(new Error(`no answer within ${options.timeoutMs} ms: ${command} ${args.join(" ")}\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`));
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** SIGKILL by PID for whatever run() started that is still alive. */
export function stopRunning(): void {
  for (const child of running) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

// ── The recording proxy ──────────────────────────────────────────────────────────────────────────────────────

/** One HTTP exchange between a client and the gateway, as the proxy saw it. */
export interface Exchange {
  httpMethod: string;
  /** Path and query, e.g. "/mcp?mode=dynamic". */
  path: string;
  /** The request's MCP-Protocol-Version header. */
  protocolVersion?: string;
  /** The Mcp-Session-Id the client sent. */
  sessionSent?: string;
  /** The Mcp-Session-Id the gateway answered with on an initialize (a new session). */
  sessionIssued?: string;
  chatId?: string;
  status: number;
  /** JSON-RPC methods in the request body ("" for a response or nothing). */
  rpc: string[];
  /** The protocol version the request asked for: initialize's params.protocolVersion, or the 2026 `_meta` one. */
  asked?: string;
  /** JSON-RPC messages of the response (JSON body or SSE `data:` lines); empty for GET streams. */
  replies: { id?: unknown; method?: string; result?: Record<string, unknown>; error?: unknown }[];
}

export interface RecordingProxy {
  /** The MCP endpoint to give clients, e.g. http://127.0.0.1:41234/mcp */
  url: string;
  exchanges: Exchange[];
  /** Exchanges recorded from now on: `const seen = proxy.from(); …; seen()`. */
  from(): () => Exchange[];
  close(): Promise<void>;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface Message {
  method?: string;
  params?: { protocolVersion?: string; _meta?: Record<string, unknown> };
}

function messages(body: string): Message[] {
  try {
    const parsed = JSON.parse(body) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]) as Message[];
  } catch {
    return [];
  }
}

function askedVersion(sent: Message[]): string | undefined {
  for (const message of sent) {
    const version = message.params?.protocolVersion ?? message.params?._meta?.["io.modelcontextprotocol/protocolVersion"];
    if (typeof version === "string") return version;
  }
  return undefined;
}

function parseReplies(contentType: string | undefined, body: string): Exchange["replies"] {
  const texts = contentType?.includes("text/event-stream")
    ? body.split(/\r?\n/).filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim())
    : [body];
  const replies: Exchange["replies"] = [];
  for (const text of texts) {
    try {
      const parsed = JSON.parse(text) as unknown;
      replies.push(...((Array.isArray(parsed) ? parsed : [parsed]) as Exchange["replies"]));
    } catch {
      // not JSON (an empty 202, a comment): nothing to record
    }
  }
  return replies;
}

/**
 * A loopback reverse proxy to `target` (the gateway's /mcp URL) that records each exchange. Bodies pass through
 * untouched; only Host is rewritten to the gateway's. POST responses are teed to read the replies; GET streams
 * are piped and closed with the client.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target);
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const sent = messages(body.toString("utf8"));
      const forward = httpRequest(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host: to.host } },
        (upstream) => {
          const exchange: Exchange = {
            httpMethod: req.method ?? "",
            path: req.url ?? "",
            protocolVersion: header(req.headers, "mcp-protocol-version"),
            sessionSent: header(req.headers, "mcp-session-id"),
            sessionIssued: header(req.headers, "mcp-session-id") ? undefined : header(upstream.headers, "mcp-session-id"),
            chatId: header(req.headers, "x-chat-id"),
            status: upstream.statusCode ?? 0,
            rpc: sent.map((m) => m.method ?? ""),
            asked: askedVersion(sent),
            replies: [],
          };
          exchanges.push(exchange);
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          if (req.method === "POST") {
            const out: Buffer[] = [];
            upstream.on("data", (chunk: Buffer) => out.push(chunk));
            upstream.on("end", () => (exchange.replies = parseReplies(header(upstream.headers, "content-type"), Buffer.concat(out).toString("utf8"))));
          }
          upstream.pipe(res);
        },
      );
      forward.on("error", () => res.destroy());
      res.on("close", () => forward.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${to.pathname}`,
    exchanges,
    from() {
      const start = exchanges.length;
      return () => exchanges.slice(start);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ── Which era a client used ──────────────────────────────────────────────────────────────────────────────────

export interface Era {
  /** "2025-11-25" (initialize, Mcp-Session-Id) or "2026-07-28" (server/discover, no session). */
  era: "2025-11-25" | "2026-07-28" | "unknown";
  /** Versions the client's initialize asked for, in order (a bridge may initialize twice per connection). */
  initializeAsked: string[];
  /** Versions the gateway's initialize results gave, in order. */
  negotiated: string[];
  /** Sessions the gateway issued, and how many the client ended with DELETE. */
  sessions: number;
  deleted: number;
  /** Distinct MCP-Protocol-Version headers on the POSTs after initialize ("none" when absent). */
  headers: string[];
  discover: boolean;
  /** One line for the report. */
  summary: string;
}

const distinct = (values: string[]) => [...new Set(values)];

/** Reads the era off the exchanges of one client run. */
export function eraOf(exchanges: Exchange[]): Era {
  const initializes = exchanges.filter((e) => e.rpc.includes("initialize"));
  const asked = initializes.map((e) => e.asked ?? "?");
  const negotiated = initializes.flatMap((e) => e.replies.map((r) => r.result?.protocolVersion).filter((v): v is string => typeof v === "string"));
  const sessions = new Set(exchanges.map((e) => e.sessionIssued).filter(Boolean)).size;
  const deleted = exchanges.filter((e) => e.httpMethod === "DELETE").length;
  const later = exchanges.filter((e) => e.httpMethod === "POST" && !e.rpc.includes("initialize"));
  const headers = distinct(later.map((e) => e.protocolVersion ?? "none")).sort();
  const discover = exchanges.some((e) => e.rpc.includes("server/discover"));
  const modern = discover && initializes.length === 0 && sessions === 0 && headers.length > 0 && headers.every((h) => h === "2026-07-28");
  const legacy = initializes.length > 0 && sessions > 0 && !headers.includes("2026-07-28");
  const era = modern ? "2026-07-28" : legacy ? "2025-11-25" : "unknown";
  const summary =
    era === "2026-07-28"
      ? `2026-07-28, stateless: server/discover, no Mcp-Session-Id, every request MCP-Protocol-Version: 2026-07-28`
      : `2025 era, sessions: ${initializes.length} initialize (asked ${distinct(asked).join(", ")}; got ${distinct(negotiated).join(", ") || "?"}) → ` +
        `${sessions} Mcp-Session-Id, ${deleted} ended by DELETE; MCP-Protocol-Version on later requests: ${headers.join(", ")}` +
        (discover ? "; after a server/discover probe" : "");
  return { era, initializeAsked: asked, negotiated, sessions, deleted, headers, discover, summary };
}
