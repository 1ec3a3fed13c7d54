// MCP over stdio (newline-delimited JSON-RPC), behind the SDK's Transport seam. Like the SDK's
// StdioServerTransport, but messages are written with serializeMessage, so a precomputed tools/list goes out
// as it is, and input lines are split without re-copying the buffer for every chunk. Every message carries
// the process's one caller (anonymous: whoever started the process) as the SDK's `authInfo`.
// @see https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#stdio

import { StringDecoder } from "node:string_decoder";
import type { JSONRPCMessage, Transport } from "@modelcontextprotocol/server";
import { ANONYMOUS, authInfoOf, type Caller } from "../auth/caller.js";
import { serializeMessage } from "../raw-json.js";
import { isJsonRpcMessage } from "./jsonrpc.js";
import { utf8 } from "./utf8.js";

export class StdioTransport implements Transport {
  onmessage?: Transport["onmessage"];
  onclose?: () => void;
  onerror?: (error: Error) => void;

  /** Settles once the transport is closed, whoever owns `onclose`. */
  readonly closed: Promise<void>;
  #resolveClosed!: () => void;
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
  }

  async start(): Promise<void> {
    this.stdin.on("data", this.#onData);
    this.stdin.on("error", (error: Error) => this.onerror?.(error));
  }

  async send(message: JSONRPCMessage): Promise<void> {
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
    const message = `a message line exceeds this server's limit of ${this.maxLineBytes} bytes (server.max_body_bytes); it was not read`;
    this.onerror?.(new Error(`stdio: ${message}`));
    void this.send({ jsonrpc: "2.0", id: null, error: { code: -32600, message: `Invalid Request: ${message}` } } as unknown as JSONRPCMessage).catch(() => {});
  }

  #dispatch(line: string): void {
    if (line.length * 3 > this.maxLineBytes && Buffer.byteLength(line) > this.maxLineBytes) return this.#refuse();
    const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (trimmed.trim() === "") return;
    let message: unknown;
    try {
      message = JSON.parse(trimmed);
    } catch {
      this.onerror?.(new Error("stdio: a line that is not JSON was ignored"));
      return;
    }
    if (!isJsonRpcMessage(message)) {
      this.onerror?.(new Error("stdio: a line that is not a JSON-RPC 2.0 message was ignored"));
      return;
    }
    this.onmessage?.(message, this.#extra);
  }
}
