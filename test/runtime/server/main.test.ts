// main/start: flags, exit codes and start-up refusals, in-process.

import { describe, expect, test } from "vitest";
import { start } from "../../../runtime/main.js";
import { captureIo, makeBundle, TOOLS } from "./fixtures.js";

const ENV = { UPSTREAM_URL: "http://127.0.0.1:9", ALPHA_TOKEN: "alpha-secret-token" };

async function run(argv: string[], env: NodeJS.ProcessEnv = ENV, bundle = makeBundle()) {
  const cap = captureIo();
  const started = await start(bundle, argv, env, cap.io);
  if (started.kind === "running") await started.close();
  return { code: started.kind === "exit" ? started.code : 0, stdout: cap.stdout.join(""), stderr: cap.stderr.join("") };
}

describe("bad usage exits 2 naming the allowed values", () => {
  test.each([
    [["--mode", "fast"], /--mode: unknown mode "fast"; allowed values: static, dynamic/],
    [["--mode"], /--mode needs a value/],
    [["--apps=alpha,zeta"], /--apps: unknown app "zeta"; known apps: alpha, beta/],
    [["--port", "99999"], /--port: "99999" is not a port; allowed values: 0-65535/],
    [["--path", "mcp"], /--path: "mcp" must start with "\/"/],
    [["--verbose"], /unknown flag "--verbose"; allowed flags: --stdio/],
    [["--stdio=yes"], /--stdio takes no value/],
    [["extra"], /unknown argument "extra"/],
  ])("%j", async (argv, message) => {
    const out = await run(argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe("");
  });
});

describe("--list-tools", () => {
  test.each([
    [[], TOOLS.map((t) => t.name)],
    [["--apps", "alpha"], TOOLS.filter((t) => t.app === "alpha").map((t) => t.name)],
    [["serve", "--apps=beta"], TOOLS.filter((t) => t.app === "beta").map((t) => t.name)],
  ])("%j prints the names and exits 0, without needing secrets", async (argv, names) => {
    const out = await run([...argv, "--list-tools"], {});
    expect(out).toEqual({ code: 0, stdout: names.join("\n") + "\n", stderr: "" });
  });
});

describe("start-up errors exit 1 with one clear line", () => {
  test("a missing ${ENV} is named", async () => {
    const out = await run(["--port", "0"], { UPSTREAM_URL: ENV.UPSTREAM_URL });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/ALPHA_TOKEN/);
    expect(out.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("--apps needs only the credentials of the apps it serves", async () => {
    const out = await run(["--port", "0", "--apps", "beta"], { UPSTREAM_URL: ENV.UPSTREAM_URL });
    expect(out.code).toBe(0);
    expect(out.stderr).not.toMatch(/ALPHA_TOKEN/);
  });

  test("a non-loopback bind without auth is refused, saying how to fix it", async () => {
    const out = await run(["--host", "0.0.0.0", "--port", "0"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without inbound auth/);
    expect(out.stderr).toMatch(/server\.auth\.bearer\.tokens/);
    expect(out.stderr).toMatch(/--host 127\.0\.0\.1/);
  });

  test("a port in use is named", async () => {
    const { createServer } = await import("node:net");
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const out = await run(["--port", String(port)]);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  test("loopback binds start without auth and log the URL to stderr only", async () => {
    const out = await run(["--port", "0", "--path", "/gw"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/gw \(3 tools/);
  });
});
