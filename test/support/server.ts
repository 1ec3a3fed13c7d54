// Starts a bundled gateway server as a child process and connects an SDK Client over stdio or HTTP: the v2 Client
// (@modelcontextprotocol/client) by default, or the v1 one (@modelcontextprotocol/sdk), which clients in the field
// still run, through `SDK_CLIENTS`.
import { spawn, type ChildProcess } from "node:child_process";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as StdioClientTransportV1 } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema as ToolListChangedV1 } from "@modelcontextprotocol/sdk/types.js";

export interface HttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:41234/mcp */
  url: string;
  origin: string;
  process: ChildProcess;
  stderr: () => string;
  close: () => Promise<void>;
}

/** Spawns `node <server> --port 0 …` and waits for its "listening on <url>" line on stderr. */
export async function startHttpServer(server: string, env: Record<string, string>, args: string[] = []): Promise<HttpServer> {
  const child = spawn(process.execPath, [server, "--host", "127.0.0.1", "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 10 s:\n${stderr}`)), 10_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    process: child,
    stderr: () => stderr,
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

export async function connectHttp(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "gateway-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

function stdioParams(server: string, env: Record<string, string>, args: string[]) {
  return { command: process.execPath, args: [server, "--stdio", ...args], env: { PATH: process.env.PATH ?? "", ...env }, stderr: "pipe" as const };
}

export async function connectStdio(server: string, env: Record<string, string>, args: string[] = []): Promise<Client> {
  const client = new Client({ name: "gateway-test", version: "1.0.0" });
  await client.connect(new StdioClientTransport(stdioParams(server, env, args)));
  return client;
}

/** A tools/call result as both SDKs' Clients return it. */
export interface CallResult {
  isError?: boolean;
  content?: unknown;
  structuredContent?: unknown;
}

/** What the end-to-end tests drive, the same whichever SDK's Client is behind it. */
export interface SdkClient {
  listTools(): Promise<{ tools: { name: string; inputSchema: Record<string, unknown> }[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<CallResult>;
  /** Calls `handler` on every notifications/tools/list_changed. */
  onToolsChanged(handler: () => void): void;
  /** The Mcp-Session-Id of an HTTP connection (undefined on stdio). */
  sessionId(): string | undefined;
  /** DELETE the HTTP session. */
  terminateSession(): Promise<void>;
  close(): Promise<void>;
}

export interface SdkClients {
  http(url: string, headers?: Record<string, string>): Promise<SdkClient>;
  stdio(server: string, env: Record<string, string>, args?: string[]): Promise<SdkClient>;
}

/** Connections through the v2 Client and through the v1 Client (`@modelcontextprotocol/sdk`, a devDependency). */
export const SDK_CLIENTS: Record<"v2" | "v1", SdkClients> = {
  v2: {
    async http(url, headers = {}) {
      const client = await connectHttp(url, headers);
      const transport = client.transport as StreamableHTTPClientTransport;
      return wrapV2(client, () => transport.sessionId, () => transport.terminateSession());
    },
    async stdio(server, env, args = []) {
      return wrapV2(await connectStdio(server, env, args), () => undefined, unsupported);
    },
  },
  v1: {
    async http(url, headers = {}) {
      const client = new ClientV1({ name: "gateway-test-v1", version: "1.0.0" });
      const transport = new StreamableHTTPClientTransportV1(new URL(url), { requestInit: { headers } });
      await client.connect(transport);
      return wrapV1(client, () => transport.sessionId, () => transport.terminateSession());
    },
    async stdio(server, env, args = []) {
      const client = new ClientV1({ name: "gateway-test-v1", version: "1.0.0" });
      await client.connect(new StdioClientTransportV1(stdioParams(server, env, args)));
      return wrapV1(client, () => undefined, unsupported);
    },
  },
};

async function unsupported(): Promise<void> {
  throw new Error("stdio has no session to terminate");
}

function wrapV2(client: Client, sessionId: () => string | undefined, terminateSession: () => Promise<void>): SdkClient {
  return {
    listTools: () => client.listTools(),
    callTool: (params) => client.callTool(params),
    onToolsChanged: (handler) => client.setNotificationHandler("notifications/tools/list_changed", () => handler()),
    sessionId,
    terminateSession,
    close: () => client.close(),
  };
}

function wrapV1(client: ClientV1, sessionId: () => string | undefined, terminateSession: () => Promise<void>): SdkClient {
  return {
    listTools: () => client.listTools(),
    callTool: (params) => client.callTool(params) as Promise<CallResult>,
    onToolsChanged: (handler) => client.setNotificationHandler(ToolListChangedV1, () => handler()),
    sessionId,
    terminateSession,
    close: () => client.close(),
  };
}

/** The text of the first content item of a tools/call result. */
export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((item) => item.text ?? `[${item.type}]`).join("\n");
}
