// The deploy/compose.yaml topology without containers: one redis-server, N `node dist/server.mjs` HTTP replicas with
// REDIS_URL set, and haproxy round-robin in front (every request balanced on its own: no stickiness), all on free
// 127.0.0.1 ports. `node bin/run-ts.mjs scripts/replicas.ts [--server dist/server.mjs] [--replicas 3] [-- server flags]`
// prints the URL and stops everything on Ctrl-C; tests import `startReplicas`.
//
// Every process is started here and stopped by its pid. Responses through haproxy carry `x-served-by: <replica>`.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startRedis, type RedisServer } from "../test/support/redis.js";

/** The repository root: one level above scripts/ (and above .cache/, where bin/run-ts.mjs compiles this). */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const START_MS = 15_000;

export interface ReplicasOptions {
  /** The bundled server. @default "<repo>/dist/server.mjs" */
  server?: string;
  /** @default 3 */
  replicas?: number;
  /** Environment of every replica (credentials the bundle needs), beside PATH and REDIS_URL. */
  env?: Record<string, string>;
  /** Extra server flags, e.g. ["--mode", "dynamic"]. `--host` and `--port` are set here. */
  args?: string[];
  /** Where replica output goes besides its buffer. @default nowhere */
  onOutput?: (replica: string, text: string) => void;
}

export interface Replica {
  /** @example "gateway2" (the `x-served-by` value) */
  name: string;
  port: number;
  /** @example "http://127.0.0.1:41234/mcp" */
  url: string;
  readonly pid: number | undefined;
  /** Everything it wrote to stderr since it was (re)started. */
  stderr(): string;
  /** SIGTERM (the server drains), SIGKILL after 10 s; resolves once it exited. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no draining. */
  kill(): Promise<void>;
  /** Starts it again on the same port (haproxy's health check brings it back into rotation). */
  start(): Promise<void>;
}

export interface Replicas {
  /** The MCP endpoint through haproxy. @example "http://127.0.0.1:40000/mcp" */
  url: string;
  /** @example "http://127.0.0.1:40000" */
  origin: string;
  redis: RedisServer;
  replicas: Replica[];
  haproxy: { port: number; readonly pid: number | undefined; config: string };
  /** Stops haproxy, the replicas and redis-server, by pid; removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** Starts the topology; on any failure stops what it started and rejects with the reason. */
export async function startReplicas(options: ReplicasOptions = {}): Promise<Replicas> {
  const haproxyBin = findHaproxy();
  const server = resolve(options.server ?? join(ROOT, "dist", "server.mjs"));
  const count = options.replicas ?? 3;
  const dir = mkdtempSync(join(tmpdir(), "gateway-replicas-"));
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    // haproxy first (no new requests), then the replicas, then Redis.
    for (const part of started.splice(0).reverse()) await part.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const redis = await startRedis();
    started.push(redis);
    const replicas: Replica[] = [];
    for (let i = 1; i <= count; i++) {
      const replica = createReplica(`gateway${i}`, server, await freePort(), { ...options.env, REDIS_URL: redis.url }, options);
      started.push(replica);
      replicas.push(replica);
    }
    await Promise.all(replicas.map((r) => r.start()));
    const path = new URL(replicas[0]!.url).pathname;
    const port = await freePort();
    const config = join(dir, "haproxy.cfg");
    writeFileSync(config, haproxyConfig(port, replicas));
    const haproxy = await startHaproxy(haproxyBin, config, port);
    started.push(haproxy);
    const origin = `http://127.0.0.1:${port}`;
    return {
      url: `${origin}${path}`,
      origin,
      redis,
      replicas,
      haproxy: { port, get pid() { return haproxy.pid; }, config },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * haproxy in front of the replicas: round-robin per request (no stickiness, no prefer-last-server), health checks on
 * /healthz, a request whose replica refuses the connection retried on another, long timeouts for SSE streams.
 * The same rules as deploy/haproxy.cfg, with loopback ports instead of container names.
 */
export function haproxyConfig(port: number, replicas: readonly Pick<Replica, "name" | "port">[]): string {
  return [
    "global",
    "  maxconn 4096",
    "",
    "defaults",
    "  mode http",
    "  option httplog",
    "  retries 2",
    "  option redispatch",
    "  timeout connect 2s",
    "  timeout client 1h",
    "  timeout server 1h",
    "  timeout http-request 30s",
    "",
    "frontend mcp",
    `  bind 127.0.0.1:${port}`,
    "  default_backend gateways",
    "",
    "backend gateways",
    "  balance roundrobin",
    "  option httpchk GET /healthz",
    "  http-check expect status 200",
    "  http-response set-header x-served-by %[srv_name]",
    ...replicas.map((r) => `  server ${r.name} 127.0.0.1:${r.port} check inter 500ms fall 2 rise 1`),
    "",
  ].join("\n");
}

function createReplica(name: string, server: string, port: number, env: Record<string, string>, options: ReplicasOptions): Replica {
  let child: ChildProcess | undefined;
  let stderr = "";
  const url = `http://127.0.0.1:${port}`;
  const replica: Replica = {
    name,
    port,
    url: `${url}/mcp`,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    stderr: () => stderr,
    stop: async () => {
      if (child) await stopChild(child, "SIGTERM");
    },
    kill: async () => {
      if (child) await stopChild(child, "SIGKILL");
    },
    start: async () => {
      if (child) await stopChild(child, "SIGTERM");
      stderr = "";
      const started = spawn(process.execPath, [server, ...(options.args ?? []), "--host", "127.0.0.1", "--port", String(port)], {
        env: { PATH: process.env.PATH ?? "", GATEWAY_LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? "warn", ...env },
        stdio: ["ignore", "ignore", "pipe"],
      });
      child = started;
      started.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        options.onOutput?.(name, chunk.toString());
      });
      const listening = await waitFor(() => /listening on (http:\/\/\S+)/.exec(stderr)?.[1], () => started.exitCode !== null, START_MS);
      if (!listening) {
        await stopChild(started, "SIGKILL");
        throw new Error(`${name} (node ${server} --port ${port}) did not start within ${START_MS} ms:\n${stderr}`);
      }
      replica.url = listening;
    },
  };
  return replica;
}

async function startHaproxy(bin: string, config: string, port: number): Promise<{ pid: number | undefined; stop(): Promise<void> }> {
  const check = spawnSync(bin, ["-c", "-q", "-f", config], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`haproxy refused its config:\n${check.stdout}${check.stderr}`);
  // -db: stay in the foreground, so the pid is haproxy's own and a signal to it stops it.
  const child = spawn(bin, ["-db", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const up = await waitFor(async () => (await healthz(`http://127.0.0.1:${port}/healthz`)) || undefined, () => child.exitCode !== null, START_MS);
  if (!up) {
    await stopChild(child, "SIGKILL");
    throw new Error(`haproxy on 127.0.0.1:${port} did not pass /healthz through within ${START_MS} ms:\n${output}`);
  }
  return {
    get pid() {
      return child.exitCode === null ? child.pid : undefined;
    },
    stop: () => stopChild(child, "SIGTERM"),
  };
}

/** haproxy from PATH, or /usr/sbin (Debian's place, off a non-root PATH); missing: how to install it. */
function findHaproxy(): string {
  for (const bin of ["haproxy", "/usr/sbin/haproxy"]) {
    if (spawnSync(bin, ["-v"], { stdio: "ignore" }).status === 0) return bin;
  }
  throw new Error("haproxy is not installed: run `apt-get install -y --no-install-recommends haproxy` (CI does, in .ci/run)");
}

async function healthz(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Polls `probe` every 25 ms until it gives a value, `failed()` is true, or `ms` pass. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, failed: () => boolean, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !failed()) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

/** Signals one child by its pid and waits for it to exit; SIGKILL after 10 s. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** `--server PATH`, `--replicas N`, then `--` and flags for every replica. */
function parseArgs(argv: string[]): ReplicasOptions {
  const options: ReplicasOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      options.args = argv.slice(i + 1);
      break;
    }
    if (arg === "--server" && argv[i + 1]) options.server = argv[++i]!;
    else if (arg === "--replicas" && /^[1-9]\d?$/.test(argv[i + 1] ?? "")) options.replicas = Number(argv[++i]);
    else {
      process.stderr.write("usage: node bin/run-ts.mjs scripts/replicas.ts [--server dist/server.mjs] [--replicas 1-99] [-- server flags]\n");
      process.exit(2);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const topology = await startReplicas({ ...options, env, onOutput: (name, text) => process.stderr.write(text.replace(/^(?=.)/gm, `[${name}] `)) });
  process.stdout.write(
    [
      `gateway replicas: ${topology.url}`,
      `  haproxy   127.0.0.1:${topology.haproxy.port} (pid ${topology.haproxy.pid}), round-robin per request, health ${topology.origin}/healthz`,
      ...topology.replicas.map((r) => `  ${r.name.padEnd(9)} ${r.url} (pid ${r.pid})`),
      `  redis     ${topology.redis.url} (pid ${topology.redis.pid})`,
      "Ctrl-C stops them all.",
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void topology.stop().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && resolve(process.argv[1]) === join(ROOT, "scripts", "replicas.ts")) {
  main().catch((error: unknown) => {
    process.stderr.write(`replicas: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
