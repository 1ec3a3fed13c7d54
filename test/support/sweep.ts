// The suite-wide secret sweep (issue 14): every gateway an end-to-end test starts, however it starts it, has its
// stderr and stdout, its audit files and the HTTP answers it gives recorded under one directory per vitest run;
// every credential in play is recorded beside them: its gateway.yaml's credentials (literal, or the env values it
// names), secret-named env values, tokens and keys sent to a gateway (by fetch, or on a real client's command
// line or environment), credentials an upstream received. test/sweep/no-secrets-anywhere.test.ts runs after every
// other file (vitest.config.ts: its own project, a later groupOrder) and greps the one for the other.
//
// The directory is GATEWAY_E2E_SWEEP_DIR, set by test/sweep/setup.ts only when the sweep is part of the run:
// without it every function here does nothing.
import childProcess, { type ChildProcess, type SpawnOptions } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { expect } from "vitest";

const dir = process.env.GATEWAY_E2E_SWEEP_DIR;

/** What a sweep directory holds, for the sweep test to read. */
export const SWEEP_LAYOUT = {
  /** Texts a gateway wrote or answered: `<file>-<pid>-<n>.<stderr|stdout|http>`. */
  out: "out",
  /** Audit files, copied when their gateway exits: `<file>-<pid>-<n>-<name>`. */
  audit: "audit",
  /** Credentials, one JSON line each ({ file, origin, value }). */
  needles: "needles",
  /** One JSON line per gateway started ({ file, tag, server, auditDir }). */
  gateways: "gateways.jsonl",
} as const;

/** Shorter values are not credentials worth the false hits (a test's `"x"` header). */
const MIN_NEEDLE = 8;
/** Env var, header and query parameter names whose values are credentials. */
const SECRET_NAME = /token|secret|passw|api[-_]?key|credential|(^|[-_])key$/i;
const NOT_SECRET_NAME = /_URL$|_DIR$|_FILE$|_PATH$|_ID$/i;

/** The test file running now, by its basename. */
function currentFile(): string {
  const path = expect.getState().testPath;
  return path ? basename(path) : "outside-a-test-file";
}

function write(relative: string, text: string): void {
  if (!dir) return;
  const path = join(dir, relative);
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, text);
}

/** Records `value` as a credential that must appear in no gateway output. */
export function sweepNeedle(value: string | undefined, origin: string): void {
  if (!dir || value === undefined || value.length < MIN_NEEDLE) return;
  write(join(SWEEP_LAYOUT.needles, `${process.pid}.jsonl`), `${JSON.stringify({ file: currentFile(), origin, value })}\n`);
}

/** The credentials in a set of request headers: the Authorization credential (Basic decoded too), secret-named headers. */
export function sweepHeaders(headers: Record<string, string | string[] | undefined>, origin: string): void {
  if (!dir) return;
  for (const [name, raw] of Object.entries(headers)) {
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      if (name.toLowerCase() === "authorization") {
        const [scheme, credential = ""] = value.split(/\s+/, 2);
        sweepNeedle(credential, `${origin} ${name}`);
        if (scheme?.toLowerCase() === "basic") for (const part of Buffer.from(credential, "base64").toString().split(":")) sweepNeedle(part, `${origin} ${name} (basic part)`);
      } else if (SECRET_NAME.test(name)) sweepNeedle(value, `${origin} ${name}`);
    }
  }
}

/** The credentials in a URL's query (`?access_token=`, `?api_key=`). */
export function sweepQuery(url: string, origin: string): void {
  if (!dir) return;
  let params: URLSearchParams;
  try {
    params = new URL(url, "http://x").searchParams;
  } catch {
    return;
  }
  for (const [name, value] of params) if (SECRET_NAME.test(name)) sweepNeedle(value, `${origin} ?${name}`);
}

/**
 * The bundled gateway a spawn runs (`<root>/dist/server.mjs` beside `<root>/gateway.yaml`), if it runs one. A
 * relative path is the child's, from its cwd (pack.test runs `dist/server.mjs` in its project).
 */
function gatewayOf(command: string, args: readonly string[], cwd: string): { server: string; root: string } | undefined {
  if (command !== process.execPath) return undefined;
  const given = args.find((arg) => arg.endsWith(join("dist", "server.mjs")));
  if (!given) return undefined;
  const server = resolve(cwd, given);
  const root = dirname(dirname(server));
  return existsSync(join(root, "gateway.yaml")) ? { server, root } : undefined;
}

/** gateway.yaml keys whose values are credentials, literal or `${ENV}`. */
const SECRET_KEYS = new Set(["token", "tokens", "value", "password", "username", "client_secret"]);

/**
 * The credentials of a gateway.yaml (under server.auth and apps.*.auth: literals and the env vars they name; under
 * apps.*.headers: the env vars), and its audit directory.
 */
function readGatewayYaml(root: string, cwd: string): { literals: string[]; envRefs: string[]; auditDir?: string } {
  let config: Record<string, unknown>;
  try {
    config = parse(readFileSync(join(root, "gateway.yaml"), "utf8")) as Record<string, unknown>;
  } catch {
    return { literals: [], envRefs: [] };
  }
  const literals: string[] = [];
  const envRefs: string[] = [];
  const walk = (value: unknown, key: string, literal: boolean): void => {
    if (typeof value === "string") {
      const refs = [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
      if (refs.length > 0) envRefs.push(...refs);
      else if (literal && SECRET_KEYS.has(key)) literals.push(value);
    } else if (Array.isArray(value)) for (const item of value) walk(item, key, literal);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (SECRET_KEYS.has(k) || typeof v === "object") walk(v, k, literal);
  };
  walk((config.server as Record<string, unknown> | undefined)?.auth, "", true);
  for (const app of Object.values((config.apps as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    walk(app?.auth, "", true);
    for (const value of Object.values((app?.headers as Record<string, unknown> | undefined) ?? {})) walk(value, "value", false);
  }
  const audit = (config.audit as { dir?: unknown } | undefined)?.dir;
  return { literals, envRefs, ...(typeof audit === "string" && { auditDir: resolve(cwd, audit) }) };
}

let started = 0;

/** Tees a gateway child's output into the sweep directory and copies its audit files when it exits. */
function watchGateway(child: ChildProcess, gateway: { server: string; root: string }, options: SpawnOptions): void {
  const file = currentFile();
  const tag = `${file}-${process.pid}-${++started}`;
  const env = options.env ?? {};
  const { literals, envRefs, auditDir } = readGatewayYaml(gateway.root, String(options.cwd ?? process.cwd()));
  for (const literal of literals) sweepNeedle(literal, "gateway.yaml");
  for (const name of envRefs) sweepNeedle(env[name], `env ${name} (named by gateway.yaml)`);
  for (const [name, value] of Object.entries(env)) if (value && SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name)) sweepNeedle(value, `env ${name}`);
  write(SWEEP_LAYOUT.gateways, `${JSON.stringify({ file, tag, server: gateway.server, ...(auditDir && { auditDir }) })}\n`);
  for (const stream of ["stderr", "stdout"] as const) {
    child[stream]?.on("data", (chunk: Buffer | string) => {
      const text = chunk.toString();
      write(join(SWEEP_LAYOUT.out, `${tag}.${stream}`), text);
      if (stream === "stderr") for (const match of text.matchAll(/listening on (http:\/\/\S+)/g)) gatewayOrigins.add(new URL(match[1]!).origin);
    });
  }
  child.once("exit", () => {
    if (!auditDir || !existsSync(auditDir)) return;
    for (const name of readdirSync(auditDir)) {
      const path = join(auditDir, name);
      if (statSync(path).isFile()) write(join(SWEEP_LAYOUT.audit, `${tag}-${name}`), readFileSync(path, "utf8"));
    }
  });
}

/** Origins of the gateways this worker started over HTTP: their answers are recorded. */
const gatewayOrigins = new Set<string>();

/** Patches spawn (for every gateway child, however a test starts it) and fetch (for what is sent to and answered by one). */
export function installSweep(): void {
  const marker = Symbol.for("gateway.e2e.sweep");
  const global = globalThis as { [marker]?: true };
  if (!dir || global[marker]) return;
  global[marker] = true;

  const spawn = childProcess.spawn;
  childProcess.spawn = function sweptSpawn(this: unknown, command: string, ...rest: unknown[]): ChildProcess {
    const args = Array.isArray(rest[0]) ? (rest[0] as string[]) : [];
    const options = ((Array.isArray(rest[0]) ? rest[1] : rest[0]) ?? {}) as SpawnOptions;
    // A real client's command line may carry the token it sends (`--header "Authorization: Bearer …"`)…
    for (const arg of args) for (const match of arg.matchAll(/Bearer\s+([^\s"']+)/g)) sweepNeedle(match[1], "command line");
    // …or its environment (mcp-remote's `--header 'Authorization:${AUTH_HEADER}'`).
    for (const value of Object.values(options.env ?? {})) for (const match of String(value).matchAll(/^Bearer\s+(\S+)/g)) sweepNeedle(match[1], "client env");
    const gateway = gatewayOf(command, args, String(options.cwd ?? process.cwd()));
    // A gateway child whose stderr the test ignores still has it recorded.
    const stdio = options.stdio;
    const patched = gateway && Array.isArray(stdio) && stdio[2] === "ignore" ? { ...options, stdio: [stdio[0], stdio[1], "pipe", ...stdio.slice(3)] } : options;
    const child = (spawn as (...a: unknown[]) => ChildProcess).call(this, command, ...(Array.isArray(rest[0]) ? [args, patched] : [patched]));
    if (gateway) watchGateway(child, gateway, options);
    return child;
  } as typeof childProcess.spawn;
  syncBuiltinESMExports();

  const originalFetch = globalThis.fetch;
  globalThis.fetch = async function sweptFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    for (const [name, value] of new Headers(init?.headers)) headers.set(name, value);
    const origin = new URL(url).origin;
    const toGateway = gatewayOrigins.has(origin);
    if (toGateway) {
      sweepHeaders(Object.fromEntries(headers), "sent to a gateway");
      sweepQuery(url, "sent to a gateway");
    }
    const response = await originalFetch(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    // POST answers end; a GET may be a stream that never does.
    if (toGateway && (method === "POST" || response.status >= 400)) {
      const tag = `${currentFile()}-${process.pid}-fetch.http`;
      const head = `${response.status} ${JSON.stringify([...response.headers])}\n`;
      response
        .clone()
        .text()
        .then(
          (body) => write(join(SWEEP_LAYOUT.out, tag), `${head}${body}\n`),
          () => write(join(SWEEP_LAYOUT.out, tag), head),
        );
    }
    return response;
  };
}
