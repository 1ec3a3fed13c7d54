// End to end on real specs: `gateway build` of GitHub REST + Stripe, the bundled server driven by the SDK Client
// over stdio and HTTP, against a loopback upstream that records what it received.
import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ToolPlan } from "../../generator/plan/tool-plan.js";
import { buildProject, realSpec, type Project } from "../support/project.js";
import { connectHttp, connectStdio, startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const CONFIG = `name: e2e
apps:
  github:
    openapi: specs/github.json
    auth: { type: bearer, token: "\${GITHUB_TOKEN}" }
  stripe:
    openapi: specs/stripe.json
    auth: { type: basic, username: "\${STRIPE_KEY}" }
`;

let project: Project;
let upstream: Upstream;
let env: Record<string, string>;

/** The tool built from `key` ("METHOD /path" or operationId). */
function planFor(key: string): ToolPlan {
  const plan = project.result.plans.find((p) => p.source.keys.includes(key));
  if (!plan) throw new Error(`no tool for ${key}`);
  return plan;
}

beforeAll(async () => {
  project = await buildProject({ "gateway.yaml": CONFIG, "specs/github.json": realSpec("github.json.gz"), "specs/stripe.json": realSpec("stripe.json.gz") });
  upstream = await startUpstream();
  env = {
    GITHUB_TOKEN: "ghp_test_token_1234",
    STRIPE_KEY: "sk_test_abc",
    GATEWAY_GITHUB_BASE_URL: upstream.url,
    GATEWAY_STRIPE_BASE_URL: upstream.url,
  };
  upstream.route("GET", /^\/repos\/[^/]+\/missing$/, (_req, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: "Not Found", documentation_url: "https://docs.github.com/rest" }));
  });
  upstream.route("GET", /^\/repos\/[^/]+\/broken$/, (_req, res) => {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("internal error: " + "x".repeat(5000));
  });
}, 180_000);

afterAll(async () => {
  await upstream?.close();
});

/** Every wire assertion, run once per transport. */
function wireSuite(connect: () => Promise<Client>) {
  let client: Client;
  beforeAll(async () => {
    client = await connect();
  });
  afterAll(async () => {
    await client?.close();
  });
  const call = async (key: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name: planFor(key).name, arguments: args });
    return { result, request: upstream.last() };
  };

  test("every GitHub and Stripe tool passes the SDK client's tools/list schema", async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBe(project.result.tools);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
  });

  test("GitHub path params and bearer auth", async () => {
    const { result, request } = await call("repos/get", { owner: "octo", repo: "hello" });
    expect(result.isError).toBeFalsy();
    expect(request.method).toBe("GET");
    expect(request.url).toBe("/repos/octo/hello");
    expect(request.headers.authorization).toBe("Bearer ghp_test_token_1234");
  });

  test("GitHub path + query", async () => {
    const { request } = await call("issues/list-for-repo", { owner: "o", repo: "r", state: "closed", per_page: 2 });
    const url = new URL(request.url, "http://x");
    expect(url.pathname).toBe("/repos/o/r/issues");
    expect(url.searchParams.get("state")).toBe("closed");
    expect(url.searchParams.get("per_page")).toBe("2");
  });

  test("GitHub JSON POST", async () => {
    const { request } = await call("issues/create", { owner: "o", repo: "r", title: "Bug", labels: ["a", "b"] });
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/repos/o/r/issues");
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(request.body)).toEqual({ title: "Bug", labels: ["a", "b"] });
  });

  test("GitHub PATCH with an integer path param", async () => {
    const { request } = await call("issues/update", { owner: "o", repo: "r", issue_number: 42, state: "closed" });
    expect(request.method).toBe("PATCH");
    expect(request.url).toBe("/repos/o/r/issues/42");
    expect(JSON.parse(request.body)).toEqual({ state: "closed" });
  });

  test("GitHub path/body `name` clash keeps both", async () => {
    const plan = planFor("actions/update-repo-variable");
    const bodyName = plan.args.find((a) => a.in === "body" && a.wire === "name")!;
    expect(bodyName.name).not.toBe("name");
    const { request } = await call("actions/update-repo-variable", { owner: "o", repo: "r", name: "OLD", [bodyName.name]: "NEW", value: "v" });
    expect(request.method).toBe("PATCH");
    expect(request.url).toBe("/repos/o/r/actions/variables/OLD");
    expect(JSON.parse(request.body)).toEqual({ name: "NEW", value: "v" });
  });

  test("path params are escaped: `/`, `..`, `?`, `#` never change the path", async () => {
    const { request } = await call("repos/get", { owner: "a/b", repo: "../x?y#z" });
    expect(request.url.startsWith("/repos/")).toBe(true);
    expect(request.url.split("/")).toHaveLength(4);
    expect(request.url).not.toContain("?");
    expect(decodeURIComponent(request.url.split("/")[3])).toBe("../x?y#z");
    const dots = await call("repos/get", { owner: "o", repo: ".." });
    expect(dots.request.url).toBe("/repos/o/%2E%2E");
  });

  test("Stripe form body with nested objects (deepObject) and basic auth", async () => {
    const { request } = await call("POST /v1/customers", { email: "a@b.co", metadata: { order_id: "6735" }, address: { city: "Paris", line1: "1 rue" } });
    expect(request.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request.body);
    expect(form.get("email")).toBe("a@b.co");
    expect(form.get("metadata[order_id]")).toBe("6735");
    expect(form.get("address[city]")).toBe("Paris");
    expect(request.headers.authorization).toBe("Basic " + Buffer.from("sk_test_abc:").toString("base64"));
  });

  test("Stripe query params, deepObject in the query", async () => {
    const { request } = await call("GET /v1/customers", { limit: 3, email: "a@b.co", created: { gt: 5 } });
    const url = new URL(request.url, "http://x");
    expect(url.pathname).toBe("/v1/customers");
    expect(url.searchParams.get("limit")).toBe("3");
    expect(url.searchParams.get("email")).toBe("a@b.co");
    expect(url.searchParams.get("created[gt]")).toBe("5");
  });

  test("an upstream 404 is an error result with the status and body", async () => {
    const { result } = await call("repos/get", { owner: "o", repo: "missing" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("404");
    expect(textOf(result)).toContain("Not Found");
  });

  test("an upstream 500 is an error result with a trimmed body", async () => {
    const { result } = await call("repos/get", { owner: "o", repo: "broken" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("500");
    expect(textOf(result).length).toBeLessThan(3000);
  });

  test("a bad argument names the argument and the rule, and nothing reaches the upstream", async () => {
    const before = upstream.requests.length;
    const result = await client.callTool({ name: planFor("issues/update").name, arguments: { owner: "o", repo: "r", issue_number: "forty-two" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("issue_number");
    expect(upstream.requests.length).toBe(before);
  });

  test("secrets never appear in results", async () => {
    upstream.route("GET", /^\/repos\/[^/]+\/echo-auth$/, (req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `bad credentials ${req.headers.authorization}` }));
    });
    const { result } = await call("repos/get", { owner: "o", repo: "echo-auth" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).not.toContain("ghp_test_token_1234");
  });
}

describe("over stdio", () => {
  wireSuite(() => connectStdio(project.server, env));
});

describe("over Streamable HTTP", () => {
  let server: HttpServer;
  afterAll(async () => {
    await server?.close();
  });
  wireSuite(async () => {
    server = await startHttpServer(project.server, env);
    return connectHttp(server.url);
  });
});
