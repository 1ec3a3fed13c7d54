// A real redis-server for tests: started on 127.0.0.1 on a free port with persistence off, stopped (and restarted on
// the same port, for outage tests) by pid. Missing redis-server is an error, never a skip: CI installs it (.ci/run).

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, Socket } from "node:net";

export interface RedisServer {
  /** @example "redis://127.0.0.1:41234" */
  url: string;
  port: number;
  /** The redis-server process id while it runs. */
  readonly pid: number | undefined;
  /** Stops it (SIGTERM, then SIGKILL after 5 s); resolves once it exited. Idempotent. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: persistence is off). */
  restart(): Promise<void>;
}

const READY_MS = 5_000;

/** Starts redis-server; rejects naming the fix when it is not installed or does not answer PING within 5 s. */
export async function startRedis(): Promise<RedisServer> {
  const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  if (installed.error || installed.status !== 0) {
    throw new Error("redis-server is not installed: run `apt-get install -y --no-install-recommends redis-server` (CI does, in .ci/run)");
  }
  // A port is free when we ask and taken by redis-server a moment later; another process may win it in between,
  // so a few fresh ports are tried.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await serve(port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** A port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function serve(port: number): Promise<RedisServer> {
  let child: ChildProcess | undefined = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.exitCode === null ? child.pid : undefined;
    },
    async stop() {
      const running = child;
      child = undefined;
      if (running) await kill(running);
    },
    async restart() {
      if (child) await kill(child);
      child = await launch(port);
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}:\n${output}`);
    if (await pong(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await kill(child);
  throw new Error(`redis-server on port ${port} did not answer PING within ${READY_MS} ms:\n${output}`);
}

/** True when something on the port answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = "";
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once("error", () => finish(false));
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) finish(reply.startsWith("+PONG"));
    });
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
