// Start-up and request logging: one line per event, to stderr only (stdout is the protocol in stdio mode). JSON
// lines by default (`{"time","level","msg",...fields,"request_id"}`), `gateway <level>: <msg> key=value…` with
// GATEWAY_LOG_FORMAT=text. A line written while an HTTP request is handled carries that request's id.

import { AsyncLocalStorage } from "node:async_hooks";

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
  /** @default "json" */
  format?: "json" | "text";
}

const requestScope = new AsyncLocalStorage<string>();

/** Runs `fn` as the handling of request `id`: log lines written meanwhile (and after its awaits) carry `request_id`. */
export function withRequestId<T>(id: string, fn: () => T): T {
  return requestScope.run(id, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore();
}

/** A logger writing one JSON object (or `gateway <level>: <message> key=value…`) per line. Never throws. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? "info"];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const redact = options.redact ?? ((text: string) => text);
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min) return;
    try {
      const requestId = requestScope.getStore();
      const all = requestId === undefined ? fields : { ...fields, request_id: requestId };
      write(options.format === "text" ? redact(`gateway ${level}: ${message}${formatFields(all)}`) + "\n" : jsonLine(level, message, all, redact));
    } catch {
      // A closed stderr must never take the server down.
    }
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** Each string is redacted before it is escaped, so a secret is found as it was sent. */
function jsonLine(level: LogLevel, message: string, fields: Record<string, unknown> | undefined, redact: (text: string) => string): string {
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, msg: redact(message) };
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined || key in line) continue;
    const plain = value instanceof Error ? value.message : value;
    line[key] = typeof plain === "string" ? redact(plain) : typeof plain === "number" || typeof plain === "boolean" || plain === null ? plain : redact(JSON.stringify(plain));
  }
  return JSON.stringify(line) + "\n";
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
