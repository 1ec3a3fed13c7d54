// Command-line flags of the server entry: `--flag value` or `--flag=value`; bad usage names the allowed values.

import type { GatewayRuntime } from "./contract.js";
import { parseApps, parseDialect, parseMode } from "./session/params.js";
import type { Mode } from "./session/store.js";

/** Thrown for bad flags; `main` prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface ServeOptions {
  stdio: boolean;
  host: string;
  port: number;
  path: string;
  mode: Mode;
  /** Sorted; `null` means every app. */
  apps: string[] | null;
  /** stdio's schema dialect (`--dialect`, else GATEWAY_DIALECT; `null`: portable); absent: by the client's name. */
  dialect?: string | null;
  listTools: boolean;
  help: boolean;
}

const VALUE_FLAGS = ["--host", "--port", "--path", "--mode", "--apps", "--dialect"] as const;
const BOOLEAN_FLAGS = ["--stdio", "--list-tools", "--help"] as const;

/** Flags over gateway.yaml defaults. `serve` as the first word is accepted (the `gateway serve` form). */
export function parseArgs(argv: readonly string[], gateway: GatewayRuntime, knownApps: readonly string[], env: NodeJS.ProcessEnv = {}): ServeOptions {
  const options: ServeOptions = {
    stdio: false,
    ...gateway.server.http,
    mode: gateway.mode,
    apps: null,
    listTools: false,
    help: false,
  };
  const args = argv[0] === "serve" ? argv.slice(1) : [...argv];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if ((BOOLEAN_FLAGS as readonly string[]).includes(flag)) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      if (flag === "--stdio") options.stdio = true;
      else if (flag === "--list-tools") options.listTools = true;
      else options.help = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new UsageError(`unknown ${arg.startsWith("-") ? "flag" : "argument"} "${arg}"; allowed flags: ${[...BOOLEAN_FLAGS, ...VALUE_FLAGS].join(", ")}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
    apply(options, flag as (typeof VALUE_FLAGS)[number], value, knownApps, gateway);
  }
  if (options.dialect !== undefined && !options.stdio) throw new UsageError("--dialect applies to --stdio; an HTTP client asks for a dialect with ?dialect=<name>");
  // The environment's dialect is stdio's: an HTTP server set up in the same environment serves every dialect by URL.
  if (options.stdio && options.dialect === undefined && env.GATEWAY_DIALECT) options.dialect = dialectOf(env.GATEWAY_DIALECT, gateway, "GATEWAY_DIALECT");
  return options;
}

function apply(options: ServeOptions, flag: (typeof VALUE_FLAGS)[number], value: string, knownApps: readonly string[], gateway: GatewayRuntime): void {
  switch (flag) {
    case "--host":
      options.host = value;
      return;
    case "--port": {
      const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
      if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port: "${value}" is not a port; allowed values: 0-65535`);
      options.port = port;
      return;
    }
    case "--path":
      if (!value.startsWith("/")) throw new UsageError(`--path: "${value}" must start with "/" (e.g. /mcp)`);
      options.path = value;
      return;
    case "--mode": {
      const mode = parseMode(value, "--mode");
      if (!mode.ok) throw new UsageError(mode.message);
      options.mode = mode.value;
      return;
    }
    case "--apps": {
      const apps = parseApps(value, knownApps, "--apps");
      if (!apps.ok) throw new UsageError(apps.message);
      options.apps = apps.value;
      return;
    }
    case "--dialect":
      options.dialect = dialectOf(value, gateway, "--dialect");
      return;
  }
}

function dialectOf(value: string, gateway: GatewayRuntime, source: string): string | null {
  const dialect = parseDialect(value, (gateway.dialects ?? []).map((d) => d.name), source);
  if (!dialect.ok) throw new UsageError(dialect.message);
  return dialect.value;
}
