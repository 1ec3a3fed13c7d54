// argv → CliArgs for `gateway build|serve`; a bad flag is a UsageError naming what is allowed.

export class UsageError extends Error {}

export interface CliArgs {
  command: "build" | "serve" | "help";
  config: string;
  check: boolean;
  reporter: "pretty" | "json";
  verbose: boolean;
  /** `serve`: flags passed on to the server (--stdio, --port, …). */
  rest: string[];
}

/** Flags renamed or commonly mistyped → the flag to use. */
const RENAMED: Record<string, string> = { "--json": "--reporter json", "--dry-run": "--check", "-c": "--config" };

export function parseArgs(argv: string[]): CliArgs {
  const [command = "help", ...flags] = argv;
  if (command === "help" || command === "--help" || command === "-h") return defaults("help");
  if (command !== "build" && command !== "serve") throw new UsageError(`unknown command "${command}" (expected build or serve)`);
  const args = defaults(command);
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const [name, inline] = flag.startsWith("--") && flag.includes("=") ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)] : [flag, undefined];
    const value = () => {
      const v = inline ?? flags[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === "--config") args.config = value();
    else if (command === "serve") args.rest.push(flag);
    else if (name === "--check") args.check = true;
    else if (name === "--verbose") args.verbose = true;
    else if (name === "--reporter") {
      const reporter = value();
      if (reporter !== "pretty" && reporter !== "json") throw new UsageError(`--reporter must be pretty or json, not "${reporter}"`);
      args.reporter = reporter;
    } else if (RENAMED[name]) throw new UsageError(`${name} is not a flag; use ${RENAMED[name]}`);
    else throw new UsageError(`unknown flag ${name}`);
  }
  return args;
}

function defaults(command: CliArgs["command"]): CliArgs {
  return { command, config: "gateway.yaml", check: false, reporter: "pretty", verbose: false, rest: [] };
}
