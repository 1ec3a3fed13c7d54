// The bundled server as a child process: stdio with the SDK client, and the real exit codes of main().

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Client, type CallToolResult } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { envFor, startUpstream, TOOLS, type Upstream } from "./fixtures.js";

const ROOT = resolve(import.meta.dirname, "../../..");
let dir: string;
let entry: string;
let upstream: Upstream;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gateway-stdio-"));
  const source = join(dir, "entry.ts");
  writeFileSync(
    source,
    [
      `import { makeBundle } from ${JSON.stringify(join(ROOT, "test/runtime/server/fixtures.ts"))};`,
      `import { main } from ${JSON.stringify(join(ROOT, "runtime/main.ts"))};`,
      `await main(makeBundle(), process.argv.slice(2), process.env);`,
    ].join("\n"),
  );
  entry = join(dir, "server.mjs");
  await build({
    entryPoints: [source],
    outfile: entry,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    // CommonJS dependencies (handlebars) require Node built-ins; ESM output needs a real `require` for them.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  upstream = await startUpstream();
}, 60_000);

afterAll(async () => {
  await upstream?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const childEnv = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? "", ...envFor(upstream), ...extra }) as Record<string, string>;

describe("stdio", () => {
  test("lists, calls and renders prompts through the bundled server", async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [entry, "--stdio", "--apps", "alpha"], env: childEnv(), stderr: "pipe" });
    const client = new Client({ name: "stdio-test", version: "0.0.0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOLS.filter((t) => t.app === "alpha").map((t) => t.name));
      const before = upstream.requests.length;
      const result = (await client.callTool({ name: "get_item", arguments: { id: "42" } })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      expect(upstream.requests.slice(before)).toEqual([expect.objectContaining({ method: "GET", url: "/alpha/items/42" })]);
      const prompt = await client.getPrompt({ name: "triage", arguments: { repo: "a/b" } });
      expect((prompt.messages[0]!.content as { text: string }).text).toBe("Triage the open issues in a/b.");
    } finally {
      await client.close();
    }
  });

  test("the process exits when stdin ends", () => {
    const out = spawnSync(process.execPath, [entry, "--stdio"], { env: childEnv(), input: "", timeout: 10_000 });
    expect(out.status).toBe(0);
    expect(out.stdout.toString()).toBe("");
  });
});

describe("process exit codes", () => {
  test.each([
    ["bad flag value", ["--mode", "fast"], {}, 2, /allowed values: static, dynamic/],
    ["missing ${ENV}", ["--stdio"], { ALPHA_TOKEN: "" }, 1, /ALPHA_TOKEN/],
    ["non-loopback bind without auth", ["--host", "0.0.0.0", "--port", "0"], {}, 1, /refusing to listen on 0\.0\.0\.0/],
  ] as Array<[string, string[], Record<string, string>, number, RegExp]>)("%s → exit %i", (_name, argv, env, code, message) => {
    const out = spawnSync(process.execPath, [entry, ...argv], { env: childEnv(env), input: "", timeout: 10_000 });
    expect(out.status).toBe(code);
    expect(out.stderr.toString()).toMatch(message);
    expect(out.stdout.toString()).toBe("");
  });

  test("--list-tools prints names on stdout and exits 0", () => {
    const out = spawnSync(process.execPath, [entry, "--list-tools"], { env: { PATH: process.env.PATH ?? "" }, timeout: 10_000 });
    expect(out.status).toBe(0);
    expect(out.stdout.toString()).toBe(TOOLS.map((t) => t.name).join("\n") + "\n");
  });
});
