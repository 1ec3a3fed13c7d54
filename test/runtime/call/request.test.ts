// buildRequest: path escaping, bodies (JSON, Stripe-style form, multipart), headers, cookies, auth variants.
import { describe, expect, test } from "vitest";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { HttpTool, ParamBinding } from "../../../runtime/contract.js";
import { ArgumentError, buildRequest } from "../../../runtime/upstream/request.js";
import { computeAuth } from "../../../runtime/upstream/auth.js";

function app(over: Partial<ResolvedApp> = {}): ResolvedApp {
  return { name: "a", baseUrl: "https://api.example.com/v1", auth: { type: "none" }, headers: {}, ...over };
}

function tool(path: string, params: Record<string, ParamBinding>, extra: Partial<HttpTool["request"]> = {}): HttpTool {
  return {
    name: "t",
    app: "a",
    description: "",
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    inputSchema: { type: "object" },
    scopes: [],
    request: { kind: "http", method: extra.body ? "POST" : "GET", path, params, ...extra },
  };
}

const repoTool = tool("/repos/{owner}/{repo}/contents/{path}", { owner: "path", repo: "path", path: "path" });

describe("path values never change the path's shape", () => {
  const nasty = ["..", ".", "../../admin", "a/b", "a?b=c", "a#frag", "%2e%2e", "...", "a b", "ü/ß", "a;b,c", "'()*!"];
  test.each(nasty)("%j stays one segment and round-trips", async (value) => {
    const req = await buildRequest(repoTool, { owner: "o", repo: "r", path: value }, app());
    const segments = req.path.split("/");
    // "", v1, repos, o, r, contents, <value>
    expect(segments).toHaveLength(7);
    expect(req.path).not.toMatch(/[?#]/);
    expect(segments[6]).not.toMatch(/^\.{1,2}$/);
    expect(decodeURIComponent(segments[6])).toBe(value);
  });

  test.each([".", ".."])("%j is sent as encoded dots", async (value) => {
    const req = await buildRequest(repoTool, { owner: value, repo: "r", path: "x" }, app());
    expect(req.path.split("/")[3]).toBe(value.replace(/\./g, "%2E"));
  });

  test("a missing path value is an ArgumentError naming it", async () => {
    await expect(buildRequest(repoTool, { owner: "o", path: "x" }, app())).rejects.toThrow(ArgumentError);
    await expect(buildRequest(repoTool, { owner: "o", path: "x" }, app())).rejects.toThrow('"repo"');
  });

  test("a base URL with a trailing slash joins without a double slash", async () => {
    const req = await buildRequest(tool("/pets", {}), {}, app({ baseUrl: "https://api.example.com/v1/" }));
    expect(req.path).toBe("/v1/pets");
  });

  test("wire names map arguments to template placeholders", async () => {
    const t = tool("/items/{id}", { item_id: { in: "path", wire: "id" }, id: { in: "body", wire: "id" } }, { body: { mediaType: "application/json" } });
    const req = await buildRequest(t, { item_id: "7", id: "body-id" }, app());
    expect(req.path).toBe("/v1/items/7");
    expect(JSON.parse(String(req.body))).toEqual({ id: "body-id" });
  });
});

describe("bodies", () => {
  const form = (body: Record<string, ParamBinding>) => tool("/v1/checkout/sessions", body, { method: "POST", body: { mediaType: "application/x-www-form-urlencoded" } });

  test("form-urlencoded nests objects and arrays in brackets (Stripe)", async () => {
    const t = form({ metadata: "body", line_items: "body", mode: "body", expand: "body" });
    const req = await buildRequest(t, { metadata: { order_id: "6735" }, line_items: [{ price: "p_1", quantity: 2 }], mode: "payment", expand: ["customer"] }, app());
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const body = String(req.body);
    expect(body.split("&")).toEqual(["metadata[order_id]=6735", "line_items[0][price]=p_1", "line_items[0][quantity]=2", "mode=payment", "expand[0]=customer"]);
    // What a standard form parser reads back.
    const parsed = new URLSearchParams(body);
    expect(parsed.get("line_items[0][price]")).toBe("p_1");
  });

  test("form omits null, keeps empty string, writes booleans", async () => {
    const t = form({ a: "body", b: "body", c: "body" });
    const req = await buildRequest(t, { a: null, b: "", c: false }, app());
    expect(req.body).toBe("b=&c=false");
  });

  test("JSON body by wire name keeps null (it can mean 'clear')", async () => {
    const t = tool("/issues/{n}", { n: "path", title: "body", milestone: "body", body_id: { in: "body", wire: "id" } }, { method: "PATCH", body: { mediaType: "application/json", contentType: "application/vnd.github+json" } });
    const req = await buildRequest(t, { n: 1, title: "T", milestone: null, body_id: 3 }, app());
    expect(req.headers["content-type"]).toBe("application/vnd.github+json");
    expect(JSON.parse(String(req.body))).toEqual({ title: "T", milestone: null, id: 3 });
  });

  test("body.whole sends one argument as the whole body", async () => {
    const t = tool("/labels", { labels: "body" }, { method: "POST", body: { mediaType: "application/json", whole: "labels" } });
    const req = await buildRequest(t, { labels: ["bug", "docs"] }, app());
    expect(JSON.parse(String(req.body))).toEqual(["bug", "docs"]);
  });

  test("a text body is sent as the string itself, with the spec's media type", async () => {
    const t = tool("/markdown/raw", { body: "body" }, { method: "POST", body: { mediaType: "text/plain", contentType: "text/x-markdown", whole: "body" } });
    const req = await buildRequest(t, { body: "# Hello *world*" }, app());
    expect(req.headers["content-type"]).toBe("text/x-markdown");
    expect(String(req.body)).toBe("# Hello *world*");
  });

  test("no body arguments → no body and no content-type", async () => {
    const t = tool("/forks", { org: "body" }, { method: "POST", body: { mediaType: "application/json" } });
    const req = await buildRequest(t, {}, app());
    expect(req.body).toBeUndefined();
    expect(req.headers["content-type"]).toBeUndefined();
  });

  test("multipart/form-data: text fields, repeated arrays, objects as JSON", async () => {
    const t = tool("/upload", { name: "body", tags: "body", meta: "body", skip: "body" }, { method: "POST", body: { mediaType: "multipart/form-data" } });
    const req = await buildRequest(t, { name: "a.txt", tags: ["x", "y"], meta: { k: 1 }, skip: null }, app());
    const contentType = req.headers["content-type"];
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await new Response(Buffer.from(req.body as Uint8Array), { headers: { "content-type": contentType } }).formData();
    expect(parsed.get("name")).toBe("a.txt");
    expect(parsed.getAll("tags")).toEqual(["x", "y"]);
    expect(JSON.parse(String(parsed.get("meta")))).toEqual({ k: 1 });
    expect(parsed.has("skip")).toBe(false);
  });
});

describe("headers, cookies, query", () => {
  const t = tool("/search", { q: "query", trace: { in: "header", wire: "X-Trace-Id" }, session: "cookie", theme: "cookie" });

  test("headers use wire names; cookies join into one header; Accept is set", async () => {
    const req = await buildRequest(t, { q: "a b", trace: "abc", session: "s1", theme: "dark" }, app());
    expect(req.path).toBe("/v1/search?q=a%20b");
    expect(req.headers["x-trace-id"]).toBe("abc");
    expect(req.headers.cookie).toBe("session=s1; theme=dark");
    expect(req.headers.accept).toBe("application/json, */*;q=0.5");
  });

  test("a header value with a line break is rejected, naming the argument", async () => {
    await expect(buildRequest(t, { trace: "a\r\nX-Evil: 1" }, app())).rejects.toThrow(/argument "trace"/);
  });

  test.each([
    ["CR", "a\rb"],
    ["LF", "a\nb"],
    ["NUL", "a\u0000b"],
    ["DEL", "a\u007fb"],
    ["NEL (C1)", "a\u0085b"],
    ["CSI (C1)", "a\u009b2Jb"],
    ["past Latin-1", "a\u2028b"],
  ])("a header value holding %s is rejected before any request is built", async (_name, value) => {
    await expect(buildRequest(t, { trace: value }, app())).rejects.toThrow(/argument "trace".*control characters/);
  });

  test("a tab and Latin-1 letters are fine in a header value", async () => {
    expect((await buildRequest(t, { trace: "a\tb é ÿ" }, app())).headers["x-trace-id"]).toBe("a\tb é ÿ");
  });
});

describe("upstream auth", () => {
  const t = tool("/me", { q: "query", session: "cookie" });
  test.each([
    ["none", { type: "none" } as const, {}, "/v1/me?q=1"],
    ["bearer", { type: "bearer", token: "tok123" } as const, { authorization: "Bearer tok123" }, "/v1/me?q=1"],
    ["basic", { type: "basic", username: "u", password: "p:w" } as const, { authorization: `Basic ${Buffer.from("u:p:w").toString("base64")}` }, "/v1/me?q=1"],
    ["api_key header", { type: "api_key", in: "header", name: "X-Api-Key", value: "k1" } as const, { "x-api-key": "k1" }, "/v1/me?q=1"],
    ["api_key query", { type: "api_key", in: "query", name: "api_key", value: "k&1" } as const, {}, "/v1/me?q=1&api_key=k%261"],
    ["api_key cookie", { type: "api_key", in: "cookie", name: "sid", value: "k1" } as const, { cookie: "session=s; sid=k1" }, "/v1/me?q=1"],
  ])("%s", async (_name, auth, headers, path) => {
    const req = await buildRequest(t, { q: 1, session: "s" }, app({ auth }));
    expect(req.headers).toMatchObject(headers);
    expect(req.path).toBe(path);
  });

  test("app headers are sent; auth wins over an app header of the same name", () => {
    const prepared = computeAuth(app({ auth: { type: "bearer", token: "t" }, headers: { "X-GitHub-Api-Version": "2022-11-28", Authorization: "nope" } }));
    expect(prepared.headers).toEqual({ "x-github-api-version": "2022-11-28", authorization: "Bearer t" });
  });

  test("an argument never overrides the credential header", async () => {
    const withHeader = tool("/me", { authorization: { in: "header", wire: "Authorization" } });
    const req = await buildRequest(withHeader, { authorization: "Bearer model-made" }, app({ auth: { type: "bearer", token: "real" } }));
    expect(req.headers.authorization).toBe("Bearer real");
  });
});
