// An append-only JSONL file set that rotates by UTC day or by size, written through a stream so a call never
// waits for the disk. Never throws after opening: a failed write is reported once to `onError` and dropped.

import { createWriteStream, mkdirSync, readdirSync, statSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import type { AuditRuntime } from "../contract.js";

export interface RotatingFileOptions {
  dir: string;
  rotate: AuditRuntime["rotate"];
  /** The clock (ms since the epoch); tests inject one. @default Date.now */
  now?: () => number;
  /** Told about the first write error of each file (a full disk, a removed directory). */
  onError?: (error: Error) => void;
}

/** `audit-2026-05-01.jsonl` (by day), `audit-2026-05-01.3.jsonl` (by size, the 4th file begun that day). */
const FILE = /^audit-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class RotatingFile {
  readonly #dir: string;
  readonly #rotate: AuditRuntime["rotate"];
  readonly #now: () => number;
  readonly #onError: (error: Error) => void;
  #stream: WriteStream | undefined;
  #day = "";
  #seq = 0;
  /** Bytes in the current file, counting what is still buffered. */
  #size = 0;
  readonly #closing: Promise<void>[] = [];

  /** Creates the directory (synchronously: this runs at start-up, where a bad directory should stop the server). */
  constructor(options: RotatingFileOptions) {
    this.#dir = options.dir;
    this.#rotate = options.rotate;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => {});
    mkdirSync(this.#dir, { recursive: true });
    this.#resume();
  }

  /** The file lines go to now, relative to the directory. */
  get current(): string {
    return this.#name(this.#day, this.#seq);
  }

  /** Appends one line (a newline is added). Rotates first when the day changed or the size would pass the cap. */
  append(line: string): void {
    const text = line + "\n";
    const bytes = Buffer.byteLength(text);
    const day = dayOf(this.#now());
    if (day !== this.#day) {
      this.#day = day;
      this.#seq = 0;
      this.#open(0);
    } else if (this.#rotate.every === "size" && this.#size > 0 && this.#size + bytes > this.#rotate.maxBytes) {
      this.#seq += 1;
      this.#open(0);
    } else if (!this.#stream) {
      this.#open(this.#size);
    }
    this.#size += bytes;
    this.#stream!.write(text);
  }

  /** Flushes what is buffered and closes the file. */
  async close(): Promise<void> {
    this.#end();
    await Promise.all(this.#closing);
  }

  /** Continues today's last file after a restart, so a restart does not begin a new size-rotated file. */
  #resume(): void {
    this.#day = dayOf(this.#now());
    let seq = 0;
    for (const name of readdirSync(this.#dir)) {
      const match = FILE.exec(name);
      if (match?.[1] === this.#day) seq = Math.max(seq, Number(match[2] ?? 0));
    }
    this.#seq = this.#rotate.every === "size" ? seq : 0;
    try {
      this.#size = statSync(join(this.#dir, this.current)).size;
    } catch {
      this.#size = 0;
    }
  }

  #name(day: string, seq: number): string {
    return this.#rotate.every === "size" && seq > 0 ? `audit-${day}.${seq}.jsonl` : `audit-${day}.jsonl`;
  }

  #open(size: number): void {
    this.#end();
    this.#size = size;
    const stream = createWriteStream(join(this.#dir, this.current), { flags: "a" });
    let reported = false;
    stream.on("error", (error) => {
      if (reported) return;
      reported = true;
      this.#onError(error);
    });
    this.#stream = stream;
  }

  #end(): void {
    const stream = this.#stream;
    if (!stream) return;
    this.#stream = undefined;
    this.#closing.push(new Promise<void>((resolve) => stream.end(() => resolve())));
    stream.once("error", () => {});
  }
}
