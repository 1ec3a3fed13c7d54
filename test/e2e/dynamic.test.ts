// Dynamic mode, ?apps= and chat sessions end to end: `gateway build` of GitHub REST plus a small second app, the
// bundled server driven over HTTP (two bearer tokens) and stdio against a recording upstream, by the SDK's v2
// Client and by its v1 Client (@modelcontextprotocol/sdk), which clients in the field still run: the 2025-11-25
// era (initialize, Mcp-Session-Id, list_changed on the call's stream, x-chat-id, DELETE, /mcp/sessions) for both.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { META_TOOLS } from "../../runtime/modes/meta-tools.js";
import { parseSearchText } from "../support/search-text.js";
import { buildProject, realSpec, type Project } from "../support/project.js";
import { SDK_CLIENTS, startHttpServer, textOf, type HttpServer, type SdkClient } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const CONFIG = `name: e2e-dynamic
server:
  auth: { bearer: { tokens: ["\${TOKEN_A}", "\${TOKEN_B}"] } }
apps:
  github:
    openapi: specs/github.json
    auth: { type: bearer, token: "\${GITHUB_TOKEN}" }
  pets:
    openapi: specs/pets.json
`;

/** A second, tiny app, so ?apps= has something to leave out. */
const PETS = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Pets", version: "1.0.0" },
  paths: {
    "/pets": {
      get: { operationId: "listPets", summary: "List the pets in the shop", responses: { "200": { description: "ok" } } },
    },
  },
});

const TOKEN_A = "token-a-0123456789abcdef";
const TOKEN_B = "token-b-fedcba9876543210";
const AS_A = { authorization: `Bearer ${TOKEN_A}` };
const AS_B = { authorization: `Bearer ${TOKEN_B}` };

let project: Project;
let upstream: Upstream;
let server: HttpServer;
let env: Record<string, string>;
/** GitHub tool names by operationId. */
let names: Record<string, string>;
const opened: SdkClient[] = [];

function nameOf(operationId: string): string {
  const plan = project.result.plans.find((p) => p.source.operationId === operationId);
  if (!plan) throw new Error(`no tool for ${operationId}`);
  return plan.name;
}

beforeAll(async () => {
  project = await buildProject({ "gateway.yaml": CONFIG, "specs/github.json": realSpec("github.json.gz"), "specs/pets.json": PETS });
  names = {
    listForRepo: nameOf("issues/list-for-repo"),
    get: nameOf("issues/get"),
    create: nameOf("issues/create"),
    repoGet: nameOf("repos/get"),
    listPets: nameOf("listPets"),
  };
  upstream = await startUpstream();
  env = { GITHUB_TOKEN: "ghp_dynamic", TOKEN_A, TOKEN_B, GATEWAY_GITHUB_BASE_URL: upstream.url, GATEWAY_PETS_BASE_URL: upstream.url };
  server = await startHttpServer(project.server, env);
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(opened.map((c) => c.close()));
  await server?.close();
  await upstream?.close();
});

/** Counts list_changed notifications; `settled()` waits a moment so a second one would have arrived. */
function countChanges(client: SdkClient): { count: () => number; settled: () => Promise<number> } {
  let count = 0;
  client.onToolsChanged(() => void count++);
  return { count: () => count, settled: async () => (await new Promise((r) => setTimeout(r, 150)), count) };
}

const listed = async (client: SdkClient) => (await client.listTools()).tools.map((t) => t.name);
const meta = META_TOOLS.map((t) => t.name);

/** The dynamic flow every transport must pass. */
function dynamicSuite(connect: () => Promise<SdkClient>) {
  test("enable → exactly one list_changed → tools/list shows them → the call reaches the upstream", async () => {
    const client = await connect();
    expect(await listed(client)).toEqual(meta);
    const changes = countChanges(client);
    const result = await client.callTool({ name: "enable-tools", arguments: { tools: [names.listForRepo, names.get] } });
    expect(result.isError).toBeFalsy();
    expect(await changes.settled()).toBe(1);
    // The result carries what a model needs to call them in the same turn.
    const carried = JSON.parse(textOf(result).split("\n").at(-1)!) as { name: string; inputSchema: { properties: object } }[];
    expect(carried.map((t) => t.name)).toEqual([names.get, names.listForRepo].sort());
    expect(Object.keys(carried.find((t) => t.name === names.listForRepo)!.inputSchema.properties)).toEqual(expect.arrayContaining(["owner", "repo"]));
    expect(await listed(client)).toEqual([...meta, ...[names.get, names.listForRepo].sort()]);
    const call = await client.callTool({ name: names.listForRepo, arguments: { owner: "octo", repo: "hello", state: "open" } });
    expect(call.isError).toBeFalsy();
    expect(upstream.last()).toMatchObject({ method: "GET", url: "/repos/octo/hello/issues?state=open" });
    expect(upstream.last().headers.authorization).toBe("Bearer ghp_dynamic");
    // Enabling what is already on changes nothing and notifies nobody.
    const again = await client.callTool({ name: "enable-tools", arguments: { tools: [names.get] } });
    expect(textOf(again)).toContain(`already enabled: ${names.get}`);
    expect(await changes.settled()).toBe(1);
  });

  test("search finds the GitHub issue tools for a plain-language query, marking enabled ones", async () => {
    const client = await connect();
    await client.callTool({ name: "enable-tools", arguments: { tools: [names.listForRepo] } });
    const found = parseSearchText(textOf(await client.callTool({ name: "search-tools", arguments: { query: "list issues in a repository", limit: 5 } })));
    expect(found.length).toBe(5);
    expect(found.slice(0, 3).map((f) => f.name)).toContain(names.listForRepo);
    expect(found.filter((f) => /issue/.test(f.name)).length).toBeGreaterThanOrEqual(3);
    expect(found.find((f) => f.name === names.listForRepo)!.enabled).toBe(true);
  });

  test("call-tool runs enabled tools and refuses the others, naming enable-tools", async () => {
    const client = await connect();
    const refused = await client.callTool({ name: "call-tool", arguments: { name: names.repoGet, arguments: { owner: "o", repo: "r" } } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/not enabled.*enable-tools/);
    await client.callTool({ name: "enable-tools", arguments: { tools: [names.repoGet] } });
    const ran = await client.callTool({ name: "call-tool", arguments: { name: names.repoGet, arguments: { owner: "o", repo: "r" } } });
    expect(ran.isError).toBeFalsy();
    expect(upstream.last()).toMatchObject({ method: "GET", url: "/repos/o/r" });
  });
}

describe.each(["v2", "v1"] as const)("%s SDK Client", (sdk) => {
  const clients = SDK_CLIENTS[sdk];
  async function http(query = "", headers: Record<string, string> = AS_A): Promise<SdkClient> {
    const client = await clients.http(server.url + query, headers);
    opened.push(client);
    return client;
  }
  /** A chat id of this client's run: the two runs share the server, and must not resume each other's chats. */
  const chat = (name: string) => `chat-${name}-${sdk}`;

  describe("HTTP", () => {
    test("static lists every tool; dynamic lists the meta tools, under 1,000 tokens", async () => {
      const all = await listed(await http());
      expect(all.length).toBe(project.result.tools);
      const dynamic = await (await http("?mode=dynamic")).listTools();
      expect(dynamic.tools.map((t) => t.name)).toEqual(meta);
      const tokens = Math.ceil(Buffer.byteLength(JSON.stringify(dynamic)) / 4);
      const staticTokens = Math.ceil(Buffer.byteLength(JSON.stringify({ tools: (await (await http()).listTools()).tools })) / 4);
      console.log(`tools/list tokens (bytes/4), GitHub + pets: dynamic ${tokens}, static ${staticTokens} (${all.length} tools)`);
      expect(tokens).toBeLessThan(1_000);
      for (const tool of dynamic.tools) expect(tool.inputSchema).toMatchObject({ type: "object", additionalProperties: false });
    });

    dynamicSuite(() => http("?mode=dynamic"));

    test("?apps= limits list, search, enable and calls, in both modes", async () => {
      const staticPets = await http("?apps=pets");
      expect(await listed(staticPets)).toEqual([names.listPets]);
      const hidden = await staticPets.callTool({ name: names.repoGet, arguments: { owner: "o", repo: "r" } });
      expect(textOf(hidden)).toContain('belongs to app "github"');

      const client = await http("?mode=dynamic&apps=github");
      const changes = countChanges(client);
      const refused = await client.callTool({ name: "enable-tools", arguments: { tools: [names.listPets] } });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/belongs to app "pets", which this session did not select/);
      expect(await changes.settled()).toBe(0);
      expect(await listed(client)).toEqual(meta);
      const search = parseSearchText(textOf(await client.callTool({ name: "search-tools", arguments: { query: "list pets shop", limit: 50 } })));
      expect(search.map((s) => s.name)).not.toContain(names.listPets);
      const viaCall = await client.callTool({ name: "call-tool", arguments: { name: names.listPets, arguments: {} } });
      expect(textOf(viaCall)).toContain('belongs to app "pets"');
    });

    test("unknown names are reported with close matches and enable nothing", async () => {
      const client = await http("?mode=dynamic");
      const typo = names.listForRepo.slice(0, -1);
      const result = await client.callTool({ name: "enable-tools", arguments: { tools: [typo, "zzz_no_such_tool"] } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(`unknown tool "${typo}"; did you mean "${names.listForRepo}"`);
      expect(textOf(result)).toContain('unknown tool "zzz_no_such_tool"');
      expect(await listed(client)).toEqual(meta);
    });

    test("additive by default; replace swaps; disable removes; one list_changed per changing call", async () => {
      const client = await http("?mode=dynamic");
      const changes = countChanges(client);
      await client.callTool({ name: "enable-tools", arguments: { tools: [names.get] } });
      await client.callTool({ name: "enable-tools", arguments: { tools: [names.create] } });
      expect(await listed(client)).toEqual([...meta, ...[names.create, names.get].sort()]);
      const replaced = await client.callTool({ name: "enable-tools", arguments: { tools: [names.repoGet, names.get], replace: true } });
      expect(textOf(replaced)).toContain(`disabled (replace): ${names.create}`);
      expect(await listed(client)).toEqual([...meta, ...[names.get, names.repoGet].sort()]);
      await client.callTool({ name: "disable-tools", arguments: { tools: [names.get] } });
      expect(await listed(client)).toEqual([...meta, names.repoGet]);
      expect(await changes.settled()).toBe(4);
      const strict = await client.callTool({ name: "enable-tools", arguments: { names: [names.get] } });
      expect(textOf(strict)).toMatch(/unknown argument "names"; allowed: tools, replace/);
    });

    test("x-chat-id resumes mode, apps and enabled tools for the same caller only", async () => {
      const first = await http("?mode=dynamic&apps=github", { ...AS_A, "x-chat-id": chat("resume") });
      await first.callTool({ name: "enable-tools", arguments: { tools: [names.listForRepo] } });
      const firstId = first.sessionId()!;
      // Reconnect on the plain URL: the chat's state comes back, and the earlier session is ended.
      const second = await http("", { ...AS_A, "x-chat-id": chat("resume") });
      expect(await listed(second)).toEqual([...meta, names.listForRepo]);
      const secondId = second.sessionId()!;
      expect(secondId).not.toBe(firstId);
      const stale = await fetch(server.url, { method: "POST", headers: { ...AS_A, "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": firstId }, body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list" }) });
      expect(stale.status).toBe(404);
      await stale.text();
      // After the client ends the session (DELETE), the chat still resumes.
      await second.terminateSession();
      const third = await http("", { ...AS_A, "x-chat-id": chat("resume") });
      expect(await listed(third)).toEqual([...meta, names.listForRepo]);
      // An explicit ?mode= still wins over the resumed one.
      expect(await listed(await http("?mode=static", { ...AS_A, "x-chat-id": chat("resume") }))).toContain(names.repoGet);
      // Another credential with the same chat id starts fresh.
      const stranger = await http("", { ...AS_B, "x-chat-id": chat("resume") });
      expect((await listed(stranger)).length).toBe(project.result.tools);
    });

    test("GET /mcp/sessions maps chat ids to session ids for the calling token only", async () => {
      const a = await http("?mode=dynamic", { ...AS_A, "x-chat-id": chat("list-a") });
      const b = await http("", { ...AS_B, "x-chat-id": chat("list-b") });
      const sessionsOf = async (headers: Record<string, string>) => (await fetch(`${server.url}/sessions`, { headers })).json() as Promise<Record<string, string>>;
      const mineA = await sessionsOf(AS_A);
      const mineB = await sessionsOf(AS_B);
      expect(mineA[chat("list-a")]).toBe(a.sessionId());
      expect(mineB[chat("list-b")]).toBe(b.sessionId());
      expect(Object.keys(mineA)).not.toContain(chat("list-b"));
      expect(Object.values(mineA)).not.toContain(mineB[chat("list-b")]);
      expect((await fetch(`${server.url}/sessions`)).status).toBe(401);
    });

    test.each([
      ["?mode=lazy", /unknown mode "lazy"; allowed values: static, dynamic/],
      ["?apps=github,slack", /unknown app "slack"; known apps: github, pets/],
    ])("%s → 400 naming the allowed values", async (query, message) => {
      const res = await fetch(server.url + query, {
        method: "POST",
        headers: { ...AS_A, "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } } }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    });
  });

  describe("stdio", () => {
    const stdio = async (args: string[]) => {
      const client = await clients.stdio(project.server, env, args);
      opened.push(client);
      return client;
    };
    dynamicSuite(() => stdio(["--mode", "dynamic"]));

    test("--apps limits enable-tools and search", async () => {
      const client = await stdio(["--mode", "dynamic", "--apps", "pets"]);
      const refused = await client.callTool({ name: "enable-tools", arguments: { tools: [names.repoGet] } });
      expect(textOf(refused)).toContain('belongs to app "github"');
      const found = parseSearchText(textOf(await client.callTool({ name: "search-tools", arguments: { query: "list issues in a repository" } })));
      expect(found.every((f) => f.name === names.listPets)).toBe(true);
    });
  });
});
