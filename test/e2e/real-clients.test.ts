// Real MCP clients against the example gateway (gateway.yaml + specs/, celigo and ably), in static mode and in
// ?mode=dynamic, each in the protocol era(s) it speaks: the MCP Inspector CLI 2.x (legacy, its default, and
// --protocol-era modern / auto), mcp-remote latest (default legacy, and --protocol auto) and 0.1.29 driven by the
// SDK's stdio Client as Claude Desktop drives them, and Claude Code (claude mcp add --transport http + the
// health check of claude mcp list). Each run: connect, tools/list, and a tools/call that reaches the recording
// upstream (dynamic: search-tools → enable-tools → the tool, and call-tool; 2026-07-28: search-tools →
// call-tool); and, against a gateway that requires an OAuth access token, the Inspector CLI and both mcp-remote
// versions with the token in a header, as the README's "Deploying safely" shows. A recording proxy between client
// and gateway reads which era each client used (initialize and Mcp-Session-Id, or server/discover and
// MCP-Protocol-Version: 2026-07-28); the summary is printed at the end.
//
// The clients are pinned and installed from the npm registry into .cache/real-clients/ (test/support/
// real-clients.ts), never into package.json. A client that is missing or fails fails the test; nothing is skipped.
// Not covered: a tools/call from Claude Code (it needs a model: an Anthropic account and api.anthropic.com; only
// npm is reachable here), and the Inspector's web UI (a browser).
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { META_TOOLS } from "../../runtime/modes/meta-tools.js";
import { STATELESS_META_TOOLS } from "../../runtime/modes/stateless-dynamic.js";
import { startLocalIssuer, type LocalIssuer } from "../support/local-issuer.js";
import { buildProject, type Project } from "../support/project.js";
import {
  eraOf,
  installRealClients,
  PINS,
  ROOT,
  run,
  startRecordingProxy,
  stopRunning,
  type Era,
  type Exchange,
  type RealClients,
  type RecordingProxy,
} from "../support/real-clients.js";
import { startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

/** One client command (an Inspector run, an mcp-remote connect, claude mcp list). */
const COMMAND_MS = 30_000;
const INSTALL_MS = 300_000;

const TOOL = "get_mcp_server_by_id";
const LEGACY_META = META_TOOLS.map((t) => t.name);
const MODERN_META = STATELESS_META_TOOLS.map((t) => t.name);
const TOKEN = "celigo-real-clients";

let clients: RealClients;
let project: Project;
let upstream: Upstream;
let server: HttpServer;
let proxy: RecordingProxy;
let home: string;
let toolCount: number;
const report: string[] = [];
const started = Date.now();

beforeAll(async () => {
  const files: Record<string, string> = { "gateway.yaml": readFileSync(join(ROOT, "gateway.yaml"), "utf8") };
  for (const spec of ["specs/celigo.yaml", "specs/ably.json"]) files[spec] = readFileSync(join(ROOT, spec), "utf8");
  [clients, project, upstream] = await Promise.all([installRealClients(INSTALL_MS), buildProject(files), startUpstream()]);
  toolCount = project.result.plans.length;
  server = await startHttpServer(project.server, {
    CELIGO_TOKEN: TOKEN,
    ABLY_KEY_NAME: "ably-name",
    ABLY_KEY_SECRET: "ably-secret",
    GATEWAY_CELIGO_BASE_URL: upstream.url,
    GATEWAY_ABLY_BASE_URL: upstream.url,
  });
  proxy = await startRecordingProxy(server.url);
  home = mkdtempSync(join(tmpdir(), "gateway-real-clients-"));
  report.push(`clients: ${clients.how}; Inspector on Node ${clients.inspector.nodeVersion}; gateway ${server.url}`);
}, INSTALL_MS + 60_000);

afterAll(async () => {
  stopRunning();
  await proxy?.close();
  await server?.close();
  await upstream?.close();
  report.push(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`real clients against the gateway:\n  ${report.join("\n  ")}`);
});

/** The upstream request a tools/call of TOOL with `_id: id` must have made. */
function expectReached(id: string): void {
  const request = upstream.requests.find((r) => r.url === `/v1/mcpservers/${id}`);
  expect(request, `the upstream never received GET /v1/mcpservers/${id}`).toBeDefined();
  expect(request!.method).toBe("GET");
  expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
}

function noteEra(label: string, exchanges: Exchange[]): Era {
  const era = eraOf(exchanges);
  report.push(`${label}: ${era.summary}`);
  return era;
}

/** The tools a tools/list reply carried, read off the wire. */
function listedOnWire(exchanges: Exchange[]): string[][] {
  return exchanges.filter((e) => e.rpc.includes("tools/list")).map((e) => ((e.replies[0]?.result?.tools as { name: string }[]) ?? []).map((t) => t.name));
}

// ── MCP Inspector ────────────────────────────────────────────────────────────────────────────────────────────

interface InspectorRun {
  code: number | null;
  /** stdout of --format json: { result } */
  result: Record<string, unknown>;
  stderr: string;
}

/** `mcp-inspector --cli <url> --transport http [flags] --format json` on a Node the Inspector supports. */
async function inspector(url: string, flags: string[]): Promise<InspectorRun> {
  const args = [clients.inspector.bin, "--cli", url, "--transport", "http", ...flags, "--format", "json"];
  const out = await run(clients.inspector.node, args, {
    cwd: home,
    env: { PATH: process.env.PATH ?? "", HOME: home, MCP_AUTO_OPEN_ENABLED: "false" },
    timeoutMs: COMMAND_MS,
  });
  let parsed: { result?: Record<string, unknown> } = {};
  try {
    parsed = JSON.parse(out.stdout) as typeof parsed;
  } catch {
    // left empty: the assertions below show stdout and stderr
  }
  return { code: out.code, result: parsed.result ?? {}, stderr: `${out.stdout}\n${out.stderr}` };
}

function expectOk(runResult: InspectorRun): Record<string, unknown> {
  expect(runResult.code, runResult.stderr).toBe(0);
  return runResult.result;
}

const toolNames = (result: Record<string, unknown>) => ((result.tools as { name: string }[]) ?? []).map((t) => t.name);

describe(`MCP Inspector ${PINS.inspector.version} CLI`, () => {
  test("default era (legacy), static: initialize, tools/list, tools/call", async () => {
    const seen = proxy.from();
    const init = expectOk(await inspector(proxy.url, ["--method", "initialize"]));
    expect(init.protocolVersion).toBe("2025-11-25");
    expect(init.serverInfo).toEqual({ name: "example", version: "1.0.0" });
    const listed = toolNames(expectOk(await inspector(proxy.url, ["--method", "tools/list"])));
    expect(listed).toHaveLength(toolCount);
    expect(listed).toContain(TOOL);
    const call = expectOk(await inspector(proxy.url, ["--method", "tools/call", "--tool-name", TOOL, "--tool-arg", "_id=inspector-legacy-static"]));
    expect(textOf(call)).toContain("/v1/mcpservers/inspector-legacy-static");
    expectReached("inspector-legacy-static");
    const era = noteEra("Inspector (default), static", seen());
    expect(era.era).toBe("2025-11-25");
    expect(era.negotiated).toEqual(["2025-11-25", "2025-11-25", "2025-11-25"]);
    expect(era.headers).toEqual(["2025-11-25"]);
    expect(era.discover).toBe(false);
  });

  test("default era (legacy), ?mode=dynamic: x-chat-id carries enabled tools from one run to the next", async () => {
    const seen = proxy.from();
    const url = `${proxy.url}?mode=dynamic`;
    const chat = ["--header", "x-chat-id: inspector-demo"];
    expect(toolNames(expectOk(await inspector(url, [...chat, "--method", "tools/list"])))).toEqual(LEGACY_META);
    const found = expectOk(await inspector(url, [...chat, "--method", "tools/call", "--tool-name", "search-tools", "--tool-arg", "query=mcp server by id", "--tool-arg", "limit=3"]));
    expect(textOf(found).split("\n")[0]).toMatch(new RegExp(`^${TOOL} — `));
    const enabled = expectOk(await inspector(url, [...chat, "--method", "tools/call", "--tool-name", "enable-tools", "--tool-arg", `tools=["${TOOL}"]`]));
    expect(textOf(enabled)).toContain(`enabled: ${TOOL}`);
    // A new run, a new session: the chat id brought the enabled tool back, so the Inspector finds it in tools/list.
    const direct = expectOk(await inspector(url, [...chat, "--method", "tools/call", "--tool-name", TOOL, "--tool-arg", "_id=inspector-legacy-dynamic"]));
    expect(textOf(direct)).toContain("/v1/mcpservers/inspector-legacy-dynamic");
    expectReached("inspector-legacy-dynamic");
    const viaCallTool = expectOk(
      await inspector(url, [...chat, "--method", "tools/call", "--tool-name", "call-tool", "--tool-arg", `name=${TOOL}`, "--tool-arg", 'arguments={"_id":"inspector-legacy-call-tool"}']),
    );
    expect(textOf(viaCallTool)).toContain("/v1/mcpservers/inspector-legacy-call-tool");
    expectReached("inspector-legacy-call-tool");
    const exchanges = seen();
    expect(exchanges.filter((e) => e.rpc.includes("initialize")).every((e) => e.chatId === "inspector-demo")).toBe(true);
    expect(noteEra("Inspector (default), dynamic", exchanges).era).toBe("2025-11-25");
  });

  test("--protocol-era modern, static: server/discover, no session", async () => {
    const seen = proxy.from();
    const modern = ["--protocol-era", "modern"];
    expect(expectOk(await inspector(proxy.url, [...modern, "--method", "initialize"])).protocolVersion).toBe("2026-07-28");
    const listed = toolNames(expectOk(await inspector(proxy.url, [...modern, "--method", "tools/list"])));
    expect(listed).toHaveLength(toolCount);
    const call = expectOk(await inspector(proxy.url, [...modern, "--method", "tools/call", "--tool-name", TOOL, "--tool-arg", "_id=inspector-modern-static"]));
    expect(textOf(call)).toContain("/v1/mcpservers/inspector-modern-static");
    expectReached("inspector-modern-static");
    const era = noteEra("Inspector --protocol-era modern, static", seen());
    expect(era.era).toBe("2026-07-28");
  });

  test("--protocol-era modern, ?mode=dynamic: search-tools gives the schema, call-tool runs the tool", async () => {
    const seen = proxy.from();
    const url = `${proxy.url}?mode=dynamic`;
    const modern = ["--protocol-era", "modern"];
    expect(toolNames(expectOk(await inspector(url, [...modern, "--method", "tools/list"])))).toEqual(MODERN_META);
    const found = expectOk(await inspector(url, [...modern, "--method", "tools/call", "--tool-name", "search-tools", "--tool-arg", "query=mcp server by id", "--tool-arg", "limit=2"]));
    const matches = JSON.parse(textOf(found).split("\n").slice(1).join("\n")) as { name: string; inputSchema: { required?: string[] } }[];
    expect(matches[0].name).toBe(TOOL);
    expect(matches[0].inputSchema.required).toEqual(["_id"]);
    const call = expectOk(
      await inspector(url, [...modern, "--method", "tools/call", "--tool-name", "call-tool", "--tool-arg", `name=${TOOL}`, "--tool-arg", 'arguments={"_id":"inspector-modern-dynamic"}']),
    );
    expect(textOf(call)).toContain("/v1/mcpservers/inspector-modern-dynamic");
    expectReached("inspector-modern-dynamic");
    // The Inspector checks a tool name against tools/list before calling, so the API tool itself is only
    // reachable through call-tool here (exit 5, tool_not_found, without a request to the gateway).
    const direct = await inspector(url, [...modern, "--method", "tools/call", "--tool-name", TOOL, "--tool-arg", "_id=never"]);
    expect(direct.code).toBe(5);
    expect(direct.stderr).toContain("tool_not_found");
    expect(noteEra("Inspector --protocol-era modern, dynamic", seen()).era).toBe("2026-07-28");
  });

  test("--protocol-era auto probes server/discover and settles on 2026-07-28", async () => {
    const seen = proxy.from();
    const init = expectOk(await inspector(`${proxy.url}?mode=dynamic`, ["--protocol-era", "auto", "--method", "initialize"]));
    expect(init.protocolVersion).toBe("2026-07-28");
    expect(String(init.instructions)).toContain("call-tool");
    expect(noteEra("Inspector --protocol-era auto", seen()).era).toBe("2026-07-28");
  });
});

// ── mcp-remote ───────────────────────────────────────────────────────────────────────────────────────────────

interface Bridge {
  client: Client;
  changes: () => number;
  stderr: () => string;
  close: () => Promise<void>;
}

/** The SDK's stdio Client spawning `node <mcp-remote>/dist/proxy.js <url> --transport http-only …`. */
async function bridge(bin: string, url: string, flags: string[], env: Record<string, string> = {}): Promise<Bridge> {
  mkdirSync(join(home, ".mcp-auth"), { recursive: true });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, url, "--transport", "http-only", ...flags],
    env: { PATH: process.env.PATH ?? "", HOME: home, MCP_REMOTE_CONFIG_DIR: join(home, ".mcp-auth"), ...env },
    cwd: home,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "real-clients-test", version: "1.0.0" });
  let changes = 0;
  client.setNotificationHandler("notifications/tools/list_changed", () => void changes++);
  let timer: NodeJS.Timeout | undefined;
  const close = async () => {
    const pid = transport.pid;
    await client.close().catch(() => undefined);
    if (pid !== null && alive(pid)) process.kill(pid, "SIGKILL");
  };
  try {
    await Promise.race([
      client.connect(transport),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`mcp-remote did not connect within ${COMMAND_MS} ms:\n${stderr}`)), COMMAND_MS))),
    ]);
  } catch (error) {
    await close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { client, changes: () => changes, stderr: () => stderr, close };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const names = async (client: Client) => (await client.listTools()).tools.map((t) => t.name);

const BRIDGES: { label: string; bin: () => string; flags: string[]; era: Era["era"] }[] = [
  { label: `mcp-remote ${PINS.mcpRemote.version}`, bin: () => clients.mcpRemote, flags: [], era: "2025-11-25" },
  { label: `mcp-remote ${PINS.mcpRemote.version} --protocol auto`, bin: () => clients.mcpRemote, flags: ["--protocol", "auto"], era: "2026-07-28" },
  { label: `mcp-remote ${PINS.mcpRemote0129.version}`, bin: () => clients.mcpRemote0129, flags: [], era: "2025-11-25" },
];

describe.each(BRIDGES)("$label (stdio ↔ HTTP bridge)", ({ label, bin, flags, era }) => {
  const id = label.replace(/\W+/g, "-");

  test("static: tools/list, tools/call", async () => {
    const seen = proxy.from();
    const remote = await bridge(bin(), proxy.url, flags);
    try {
      const listed = await names(remote.client);
      expect(listed).toHaveLength(toolCount);
      const result = await remote.client.callTool({ name: TOOL, arguments: { _id: `${id}-static` } });
      expect(result.isError, textOf(result)).toBeFalsy();
      expectReached(`${id}-static`);
    } finally {
      await remote.close();
    }
    expect(noteEra(`${label}, static`, seen()).era).toBe(era);
  });

  if (era === "2025-11-25") {
    test("?mode=dynamic with --header x-chat-id: search → enable → one list_changed → call; a reconnect keeps it", async () => {
      const seen = proxy.from();
      const url = `${proxy.url}?mode=dynamic`;
      const chat = ["--header", `x-chat-id:${id}`];
      const remote = await bridge(bin(), url, [...flags, ...chat]);
      try {
        expect(await names(remote.client)).toEqual(LEGACY_META);
        const found = await remote.client.callTool({ name: "search-tools", arguments: { query: "mcp server by id", limit: 3 } });
        expect(textOf(found).split("\n")[0]).toMatch(new RegExp(`^${TOOL} — `));
        const enabled = await remote.client.callTool({ name: "enable-tools", arguments: { tools: [TOOL] } });
        expect(textOf(enabled)).toContain(`enabled: ${TOOL}`);
        await settle();
        expect(remote.changes()).toBe(1);
        expect(await names(remote.client)).toEqual([...LEGACY_META, TOOL]);
        const direct = await remote.client.callTool({ name: TOOL, arguments: { _id: `${id}-dynamic` } });
        expect(direct.isError, textOf(direct)).toBeFalsy();
        expectReached(`${id}-dynamic`);
        const viaCallTool = await remote.client.callTool({ name: "call-tool", arguments: { name: TOOL, arguments: { _id: `${id}-call-tool` } } });
        expect(viaCallTool.isError, textOf(viaCallTool)).toBeFalsy();
        expectReached(`${id}-call-tool`);
      } finally {
        await remote.close();
      }
      const again = await bridge(bin(), url, [...flags, ...chat]);
      try {
        expect(await names(again.client)).toEqual([...LEGACY_META, TOOL]);
      } finally {
        await again.close();
      }
      const exchanges = seen();
      expect(exchanges.filter((e) => e.rpc.includes("initialize")).every((e) => e.chatId === id)).toBe(true);
      expect(noteEra(`${label}, dynamic`, exchanges).era).toBe(era);
    });
  } else {
    test("?mode=dynamic: two meta tools; search-tools gives the schema, call-tool runs the tool", async () => {
      const seen = proxy.from();
      const remote = await bridge(bin(), `${proxy.url}?mode=dynamic`, flags);
      try {
        expect(await names(remote.client)).toEqual(MODERN_META);
        const found = await remote.client.callTool({ name: "search-tools", arguments: { query: "mcp server by id", limit: 2 } });
        const matches = JSON.parse(textOf(found).split("\n").slice(1).join("\n")) as { name: string }[];
        expect(matches[0].name).toBe(TOOL);
        const viaCallTool = await remote.client.callTool({ name: "call-tool", arguments: { name: TOOL, arguments: { _id: `${id}-call-tool` } } });
        expect(viaCallTool.isError, textOf(viaCallTool)).toBeFalsy();
        expectReached(`${id}-call-tool`);
        // A 2026-07-28 server runs an API tool called by name too (the model learnt it from search-tools).
        const direct = await remote.client.callTool({ name: TOOL, arguments: { _id: `${id}-direct` } });
        expect(direct.isError, textOf(direct)).toBeFalsy();
        expectReached(`${id}-direct`);
      } finally {
        await remote.close();
      }
      expect(noteEra(`${label}, dynamic`, seen()).era).toBe(era);
    });
  }
});

// ── With an access token (README, "Deploying safely") ──────────────────────────────────────────────────────

describe("a gateway that requires an OAuth access token: the README's commands, token in a header", () => {
  let issuer: LocalIssuer;
  let guarded: HttpServer;
  let token: string;

  beforeAll(async () => {
    issuer = await startLocalIssuer();
    const yaml = `name: guarded\nserver:\n  auth:\n    oauth: { issuer: "${issuer.url}" }\napps:\n  notes:\n    openapi: specs/notes.json\n`;
    const spec = {
      openapi: "3.0.3",
      info: { title: "Notes", version: "1" },
      paths: { "/notes/{id}": { get: { operationId: "getNote", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok" } } } } },
    };
    const guardedProject = await buildProject({ "gateway.yaml": yaml, "specs/notes.json": JSON.stringify(spec) });
    guarded = await startHttpServer(guardedProject.server, { GATEWAY_NOTES_BASE_URL: upstream.url });
    token = await issuer.sign(guarded.url, { scope: "mcp:read mcp:write" });
  }, 60_000);

  afterAll(async () => {
    await guarded?.close();
    await issuer?.close();
  });

  /** The upstream request get_note with `id` made: reached, and without the caller's token. */
  function expectNote(id: string): void {
    const request = upstream.requests.find((r) => r.url === `/notes/${id}`);
    expect(request, `the upstream never received GET /notes/${id}`).toBeDefined();
    expect(request!.headers.authorization).toBeUndefined();
  }

  test(`Inspector ${PINS.inspector.version} CLI: --header "Authorization: Bearer $TOKEN" lists and calls; without it, sent to OAuth`, async () => {
    const header = ["--header", `Authorization: Bearer ${token}`];
    expect(toolNames(expectOk(await inspector(guarded.url, [...header, "--method", "tools/list"])))).toEqual(["get_note"]);
    const call = expectOk(await inspector(guarded.url, [...header, "--method", "tools/call", "--tool-name", "get_note", "--tool-arg", "id=inspector-token"]));
    expect(textOf(call)).toContain("/notes/inspector-token");
    expectNote("inspector-token");
    // Without it the 401 sends the Inspector to the issuer for an interactive OAuth login, which a CLI run refuses.
    const refused = await inspector(guarded.url, ["--method", "tools/list"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('"code":"auth_required"');
  });

  test.each([
    [`mcp-remote ${PINS.mcpRemote.version}`, () => clients.mcpRemote],
    [`mcp-remote ${PINS.mcpRemote0129.version}`, () => clients.mcpRemote0129],
  ])("%s: --header 'Authorization:${AUTH_HEADER}' with AUTH_HEADER in its env lists and calls", async (label, bin) => {
    const remote = await bridge(bin(), guarded.url, ["--header", "Authorization:${AUTH_HEADER}"], { AUTH_HEADER: `Bearer ${token}` });
    const id = label.replace(/\W+/g, "-");
    try {
      expect(await names(remote.client)).toEqual(["get_note"]);
      const result = await remote.client.callTool({ name: "get_note", arguments: { id } });
      expect(result.isError, textOf(result)).toBeFalsy();
      expectNote(id);
    } finally {
      await remote.close();
    }
    expect(guarded.stderr()).not.toContain(token);
  });
});

// ── Claude Code ──────────────────────────────────────────────────────────────────────────────────────────────

describe(`Claude Code ${PINS.claudeCode.version}`, () => {
  test("claude mcp add --transport http, static and ?mode=dynamic; claude mcp list connects to both", async () => {
    const cwd = mkdtempSync(join(home, "claude-project-"));
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      DISABLE_AUTOUPDATER: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    };
    const claude = (args: string[]) => run(clients.claude, args, { cwd, env, timeoutMs: COMMAND_MS });
    const version = await claude(["--version"]);
    expect(version.stdout).toContain(PINS.claudeCode.version);
    for (const [name, url] of [
      ["gateway", proxy.url],
      ["gateway-dynamic", `${proxy.url}?mode=dynamic`],
    ]) {
      const added = await claude(["mcp", "add", "--transport", "http", name, url]);
      expect(added.code, added.stdout + added.stderr).toBe(0);
    }
    const seen = proxy.from();
    const listed = await claude(["mcp", "list"]);
    expect(listed.code, listed.stdout + listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`gateway: ${proxy.url} (HTTP) - ✔ Connected`);
    expect(listed.stdout).toContain(`gateway-dynamic: ${proxy.url}?mode=dynamic (HTTP) - ✔ Connected`);
    // The health check lists the tools: read what the gateway answered off the wire.
    const exchanges = seen();
    const staticSide = exchanges.filter((e) => !e.path.includes("mode=dynamic"));
    const dynamicSide = exchanges.filter((e) => e.path.includes("mode=dynamic"));
    expect(listedOnWire(staticSide).at(-1)).toHaveLength(toolCount);
    expect(listedOnWire(dynamicSide).at(-1)).toEqual(MODERN_META);
    expect(noteEra("Claude Code, static", staticSide).era).toBe("2026-07-28");
    expect(noteEra("Claude Code, dynamic", dynamicSide).era).toBe("2026-07-28");
  });
});
