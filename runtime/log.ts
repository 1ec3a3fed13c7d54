// Start-up and request logging: one line per event, to stderr only (stdout is the protocol in stdio mode).

/** Severity of a log line; lines below the logger's level are dropped. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Lowest level written. @default "info" */
  level?: LogLevel;
  /** Where lines go. @default process.stderr.write */
  write?: (line: string) => void;
  /** Applied to every finished line, e.g. the secret redactor. @default identity */
  redact?: (text: string) => string;
}

/** A logger writing `gateway <level>: <message> key=value…` lines. Never throws. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? "info"];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const redact = options.redact ?? ((text: string) => text);
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min) return;
    try {
      write(redact(`gateway ${level}: ${message}${formatFields(fields)}`) + "\n");
    } catch {
      // A closed stderr must never take the server down.
    }
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

function formatFields(fields: Record<string, unknown> | undefined): string {
  if (!fields) return "";
  let out = "";
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = typeof value === "string" ? value : value instanceof Error ? value.message : JSON.stringify(value);
    out += ` ${key}=${/[\s"]/.test(text) ? JSON.stringify(text) : text}`;
  }
  return out;
}
