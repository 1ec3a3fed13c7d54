// MCP over stdio (newline-delimited JSON-RPC), behind the SDK's Transport seam. Like the SDK's
// StdioServerTransport, but messages are written with serializeMessage, so a precomputed tools/list goes out
// as it is, and input lines are split without re-copying the buffer for every chunk. Every message carries
// the process's one caller (anonymous: whoever started the process) as the SDK's `authInfo`.
// @see https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#stdio

import { StringDecoder } from "node:string_decoder";
import type { JSONRPCMessage, Transport } from "@modelcontextprotocol/server";
import { ANONYMOUS, authInfoOf, type Caller } from "../auth/caller.js";
import { serializeMessage } from "../raw-json.js";
import { isJsonRpcMessage, MAX_JSON_DEPTH, nestsDeeperThan } from "./jsonrpc.js";
import { utf8 } from "./utf8.js";

export class StdioTransport implements Transport {
  onmessage?: Transport["onmessage"];
  onclose?: () => void;
  onerror?: (error: Error) => void;

  /** Settles once the transport is closed, whoever owns `onclose`. */
  readonly closed: Promise<void>;
  #resolveClosed!: () => void;
  /** Settles once stdin ended, its last line was read and every request read was answered (or 10 s passed). */
  readonly ended: Promise<void>;
  #resolveEnded!: () => void;
  /** Ids of the requests read and not yet answered: a second request with one of them is refused. */
  readonly #inflight = new Set<string | number>();
  #drained: (() => void) | undefined;
  /** Text after the last newline, waiting for the rest of its line. */
  #partial = "";
  /** The line being read passed the limit: drop it up to its newline. */
  #skipping = false;
  #closed = false;
  /** Keeps a UTF-8 character split across two chunks whole. */
  readonly #decoder = new StringDecoder("utf8");
  readonly #onData = (chunk: Buffer) => this.#read(this.#decoder.write(chunk));
  readonly #extra: { authInfo: ReturnType<typeof authInfoOf> };

  constructor(
    private readonly stdin: NodeJS.ReadableStream,
    private readonly stdout: NodeJS.WritableStream,
    caller: Caller = ANONYMOUS,
    /** Longest message line in UTF-8 bytes; a longer one is answered with a JSON-RPC error and dropped unread. */
    private readonly maxLineBytes = Infinity,
  ) {
    this.#extra = { authInfo: authInfoOf(caller) };
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    this.ended = new Promise((resolve) => (this.#resolveEnded = resolve));
  }

  async start(): Promise<void> {
    this.stdin.on("data", this.#onData);
    this.stdin.on("error", (error: Error) => this.onerror?.(error));
    this.stdin.once("end", () => void this.#end());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const id = (message as { id?: unknown }).id;
    if (("result" in message || "error" in message) && (typeof id === "string" || typeof id === "number") && this.#inflight.delete(id) && this.#inflight.size === 0) this.#drained?.();
    // Bytes, not a string: the stream would measure a long line's UTF-8 length in a pass of its own (utf8.ts).
    if (this.stdout.write(utf8(serializeMessage(message), "\n"))) return;
    await new Promise<void>((resolve) => this.stdout.once("drain", resolve));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.stdin.off("data", this.#onData);
    // Stop reading so the process can exit once the client is gone.
    if ("pause" in this.stdin && typeof this.stdin.pause === "function") this.stdin.pause();
    this.onclose?.();
    this.#resolveClosed();
  }

  #read(text: string): void {
    let start = 0;
    let end = text.indexOf("\n");
    while (end >= 0) {
      // The first line completes the text kept from earlier chunks (or ends the one being skipped).
      if (this.#skipping) this.#skipping = false;
      else this.#dispatch(start === 0 ? this.#partial + text.slice(0, end) : text.slice(start, end));
      this.#partial = "";
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    if (this.#skipping) return;
    this.#partial += start === 0 ? text : text.slice(start);
    // Characters never outnumber bytes, so only a long line needs measuring.
    if (this.#partial.length * 3 > this.maxLineBytes && Buffer.byteLength(this.#partial) > this.maxLineBytes) this.#refuseLong();
  }

  /** Drops the line being read and says so; what is left of it up to its newline is skipped unread. */
  #refuseLong(): void {
    this.#skipping = true;
    this.#partial = "";
    this.#refuse();
  }

  #refuse(): void {
    this.#answerError(null, -32600, `Invalid Request: a message line exceeds this server's limit of ${this.maxLineBytes} bytes (server.max_body_bytes); it was not read`);
  }

  /** Answers a line that cannot be served with a JSON-RPC error (JSON-RPC 2.0 §5: id null when it cannot be read). */
  #answerError(id: string | number | null, code: number, message: string): void {
    this.onerror?.(new Error(`stdio: ${message}`));
    void this.send({ jsonrpc: "2.0", id, error: { code, message } } as unknown as JSONRPCMessage).catch(() => {});
  }

  /** End of input: the last line counts even without its newline; the requests read are answered before `ended`. */
  async #end(): Promise<void> {
    if (!this.#skipping) this.#dispatch(this.#partial + this.#decoder.end());
    this.#partial = "";
    if (this.#inflight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
        timer = setTimeout(resolve, 10_000);
      });
      clearTimeout(timer);
    }
    this.#resolveEnded();
  }

  #dispatch(line: string): void {
    if (line.length * 3 > this.maxLineBytes && Buffer.byteLength(line) > this.maxLineBytes) return this.#refuse();
    const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (trimmed.trim() === "") return;
    if (nestsDeeperThan(trimmed)) return this.#answerError(null, -32600, `Invalid Request: the message nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
    let message: unknown;
    try {
      message = JSON.parse(trimmed);
    } catch {
      return this.#answerError(null, -32700, "Parse error: the line is not valid JSON");
    }
    // MCP dropped JSON-RPC batches in 2025-06-18; stdio never took them.
    if (Array.isArray(message)) return this.#answerError(null, -32600, "Invalid Request: batches are not supported; send one message per line");
    const id = (message as { id?: unknown } | null)?.id;
    const validId = typeof id === "string" || typeof id === "number" ? id : null;
    if (!isJsonRpcMessage(message)) return this.#answerError(validId, -32600, "Invalid Request: not a JSON-RPC 2.0 message");
    if ("method" in message && validId !== null) {
      // A second request with the id of one still open would get the first one's answer, or none.
      if (this.#inflight.has(validId)) return this.#answerError(validId, -32600, "Invalid Request: request id already in use");
      this.#inflight.add(validId);
    } else if ("method" in message && "id" in message) {
      return this.#answerError(null, -32600, "Invalid Request: a request id must be a string or a number");
    } else if ("method" in message && message.method === "notifications/cancelled") {
      // A cancelled request may never be answered: its id is free again.
      const cancelled = (message.params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof cancelled === "string" || typeof cancelled === "number") this.#inflight.delete(cancelled);
    }
    this.onmessage?.(message, this.#extra);
  }
}
