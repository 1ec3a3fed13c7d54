// Hostile input over stdio against the bundled server in a child process: each line gets its JSON-RPC error (or,
// for what JSON-RPC never answers, nothing), never a hang, a crash or a stack trace, and the server still answers
// a normal tools/call afterwards. Lines are bounded by server.max_body_bytes (1 MiB in the test bundle).
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildBundledServer } from "./bundled.js";
import { envFor, INITIALIZE, startUpstream, type Upstream } from "./fixtures.js";

interface Message {
  jsonrpc: "2.0";
  id?: string | number | null;
  result?: { isError?: boolean; content?: { text: string }[] };
  error?: { code: number; message: string };
}

let bundled: Awaited<ReturnType<typeof buildBundledServer>>;
let upstream: Upstream;
const children: ChildProcess[] = [];

beforeAll(async () => {
  bundled = await buildBundledServer();
  upstream = await startUpstream();
  upstream.route("GET", /\/slow$/, (_request, res) => void setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("{}"), 300));
}, 60_000);

afterAll(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await upstream?.close();
  bundled?.remove();
});

/** A server process driven line by line. */
class Stdio {
  readonly child: ChildProcess;
  readonly messages: Message[] = [];
  stderr = "";
  #buffer = "";
  #waiters: (() => void)[] = [];

  constructor() {
    this.child = spawn(process.execPath, [bundled.entry, "--stdio"], { env: { PATH: process.env.PATH ?? "", ...envFor(upstream) } as Record<string, string>, stdio: ["pipe", "pipe", "pipe"] });
    children.push(this.child);
    this.child.stdin!.on("error", () => {});
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdout!.setEncoding("utf8");
    this.child.stdout!.on("data", (chunk: string) => {
      this.#buffer += chunk;
      let newline: number;
      while ((newline = this.#buffer.indexOf("\n")) >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        this.messages.push(JSON.parse(line) as Message);
        for (const wake of this.#waiters.splice(0)) wake();
      }
    });
  }

  write(text: string | Buffer): Promise<void> {
    return new Promise((resolve) => (this.child.stdin!.write(text) ? resolve() : this.child.stdin!.once("drain", resolve)));
  }

  /** Waits until `count` more messages than `from` arrived. */
  async next(from: number, count = 1, timeoutMs = 10_000): Promise<Message[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < from + count) {
      if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms; stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.messages.slice(from, from + count);
  }

  async request(line: string | Buffer): Promise<Message> {
    const from = this.messages.length;
    await this.write(line);
    return (await this.next(from))[0]!;
  }
}

let nextId = 1000;
const line = (message: object) => `${JSON.stringify(message)}\n`;
const call = (id: string | number, args: Record<string, unknown> = { id: "7" }, name = "get_item") => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const STACK = /\n\s+at .+\(|\bat .+\.(m?js|ts):\d+/;

async function initialized(): Promise<Stdio> {
  const stdio = new Stdio();
  const answer = await stdio.request(line({ ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion: "2025-11-25" } }));
  expect(answer.result).toBeDefined();
  await stdio.write(line({ jsonrpc: "2.0", method: "notifications/initialized" }));
  return stdio;
}

/** A normal call is answered, the process lives, and nothing it printed is a stack. */
async function expectHealthy(stdio: Stdio): Promise<void> {
  const id = nextId++;
  const answer = await stdio.request(line(call(id)));
  expect(answer).toMatchObject({ id, result: { content: expect.any(Array) } });
  expect(answer.result?.isError).toBeFalsy();
  expect(stdio.child.exitCode).toBeNull();
  expect(stdio.stderr).not.toMatch(STACK);
}

// [name, line sent, the answer expected: a JSON-RPC error code with its id, or null when none is due]
type Case = [name: string, sent: () => string | Buffer, expected: { code: number; id: string | number | null } | { result: true; id: number } | null];

const cases: Case[] = [
  ["invalid JSON", () => '{"jsonrpc":"2.0","id":\n', { code: -32700, id: null }],
  ["invalid UTF-8", () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), { code: -32700, id: null }],
  ["a JSON number", () => "42\n", { code: -32600, id: null }],
  ["a batch", () => `[${JSON.stringify(call(5))},${JSON.stringify(call(6))}]\n`, { code: -32600, id: null }],
  ["an empty batch", () => "[]\n", { code: -32600, id: null }],
  ["jsonrpc 1.0", () => line({ jsonrpc: "1.0", id: 7, method: "tools/list" }), { code: -32600, id: 7 }],
  ["a request with a null id", () => line({ jsonrpc: "2.0", id: null, method: "tools/list" }), { code: -32600, id: null }],
  ["an unknown method", () => line({ jsonrpc: "2.0", id: 8, method: "tools/explode" }), { code: -32601, id: 8 }],
  ["a response sent as a request", () => line({ jsonrpc: "2.0", id: 9, result: { tools: [] } }), null],
  ["an error response sent as a request", () => line({ jsonrpc: "2.0", id: 10, error: { code: 1, message: "x" } }), null],
  ["an unknown notification", () => line({ jsonrpc: "2.0", method: "notifications/explode" }), null],
  ["blank lines and CRLF", () => `\n\r\n   \n${JSON.stringify({ jsonrpc: "2.0", id: 11, method: "tools/list" })}\r\n`, { result: true, id: 11 }],
  ["arguments nested 100,000 deep", () => `{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"get_item","arguments":{"id":"1","x":${deep(100_000)}}}}\n`, { code: -32600, id: null }],
  ["arguments nested 200 deep (under the limit)", () => `{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"get_item","arguments":{"id":"1","x":${deep(200)}}}}\n`, { result: true, id: 13 }],
  ["a 2 MiB line (over max_body_bytes)", () => line({ ...call(14), pad: "x".repeat(2 * 1024 * 1024) }), { code: -32600, id: null }],
  ["__proto__ in arguments", () => '{"jsonrpc":"2.0","id":15,"method":"tools/call","params":{"name":"get_item","arguments":{"id":"1","__proto__":{"polluted":true}}}}\n', { result: true, id: 15 }],
  ["__proto__ as the tool name", () => line(call(16, {}, "__proto__")), { result: true, id: 16 }],
];

describe("hostile input over stdio", () => {
  let stdio: Stdio;
  beforeAll(async () => {
    stdio = await initialized();
  }, 20_000);
  afterAll(() => void stdio?.child.kill());

  test.each(cases)("%s", async (_name, sent, expected) => {
    const from = stdio.messages.length;
    await stdio.write(sent());
    if (expected === null) {
      // Nothing is due: the next answer is the health check's own.
      await expectHealthy(stdio);
      expect(stdio.messages.length).toBe(from + 1);
      return;
    }
    const [answer] = await stdio.next(from);
    if ("code" in expected) expect(answer).toMatchObject({ jsonrpc: "2.0", id: expected.id, error: { code: expected.code } });
    else expect(answer).toMatchObject({ jsonrpc: "2.0", id: expected.id, result: expect.any(Object) });
    expect(JSON.stringify(answer)).not.toMatch(STACK);
    await expectHealthy(stdio);
  });

  test("a 100 MB line is refused once and skipped unread, the next line is answered", async () => {
    const from = stdio.messages.length;
    const chunk = "x".repeat(1024 * 1024);
    await stdio.write(`{"jsonrpc":"2.0","id":20,"method":"tools/list","params":{"pad":"`);
    for (let i = 0; i < 100; i++) await stdio.write(chunk);
    await stdio.write('"}}\n');
    const [refused] = await stdio.next(from);
    expect(refused).toMatchObject({ id: null, error: { code: -32600, message: expect.stringContaining("exceeds this server's limit of 1048576 bytes") } });
    await expectHealthy(stdio);
    expect(stdio.messages.length).toBe(from + 2);
  }, 60_000);

  test("a tools/call whose id is already in flight is refused, the first is answered", async () => {
    const from = stdio.messages.length;
    await stdio.write(line(call(30, { id: "slow" })) + line(call(30, { id: "slow" })));
    const answers = await stdio.next(from, 2);
    expect(answers).toContainEqual({ jsonrpc: "2.0", id: 30, error: { code: -32600, message: "Invalid Request: request id already in use" } });
    expect(answers).toContainEqual(expect.objectContaining({ id: 30, result: expect.objectContaining({ content: expect.any(Array) }) }));
    await expectHealthy(stdio);
  });

  test("Object.prototype of the server is untouched", () => {
    expect(stdio.stderr).not.toMatch(/polluted/);
    expect(upstream.requests.some((r) => /polluted/.test(r.url + r.body))).toBe(false);
  });
});

describe("end of input", () => {
  test("a last line without a newline is answered, then the process exits 0", async () => {
    const stdio = await initialized();
    const from = stdio.messages.length;
    stdio.child.stdin!.end(JSON.stringify({ jsonrpc: "2.0", id: 40, method: "tools/list" }));
    const exit = await new Promise<number | null>((resolve) => stdio.child.once("exit", resolve));
    expect(exit).toBe(0);
    expect(stdio.messages.slice(from)).toEqual([expect.objectContaining({ id: 40, result: expect.objectContaining({ tools: expect.any(Array) }) })]);
    expect(stdio.stderr).not.toMatch(STACK);
  });

  test("a last line of garbage without a newline: a parse error, then exit 0", async () => {
    const stdio = await initialized();
    const from = stdio.messages.length;
    stdio.child.stdin!.end('{"jsonrpc":"2.0","id":4');
    const exit = await new Promise<number | null>((resolve) => stdio.child.once("exit", resolve));
    expect(exit).toBe(0);
    expect(stdio.messages.slice(from)).toEqual([{ jsonrpc: "2.0", id: null, error: { code: -32700, message: expect.stringContaining("Parse error") } }]);
  });

  test("input ending in the middle of a request that is still in flight: the answer is written before exit", async () => {
    const stdio = await initialized();
    const from = stdio.messages.length;
    stdio.child.stdin!.end(line(call(41, { id: "slow" })));
    const exit = await new Promise<number | null>((resolve) => stdio.child.once("exit", resolve));
    expect(exit).toBe(0);
    expect(stdio.messages.slice(from)).toEqual([expect.objectContaining({ id: 41, result: expect.any(Object) })]);
  });
});
