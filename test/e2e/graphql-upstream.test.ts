// Self-test of the loopback GraphQL upstream (test/support/graphql-upstream.ts), called directly with fetch and the
// shop's own operation files, so that the fixture the GraphQL end-to-end tests stand on cannot rot unnoticed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SHOP_OPERATIONS_DIR, startGraphqlUpstream, type GraphqlUpstream } from "../support/graphql-upstream.js";

/** Every shop operation file as one document, the way a gateway sends a named operation with its fragments. */
const DOCUMENT = readdirSync(SHOP_OPERATIONS_DIR)
  .filter((f) => f.endsWith(".graphql"))
  .sort()
  .map((f) => readFileSync(join(SHOP_OPERATIONS_DIR, f), "utf8"))
  .join("\n");

let upstream: GraphqlUpstream;
beforeEach(async () => {
  upstream = await startGraphqlUpstream();
});
afterEach(async () => {
  await upstream.close();
});

async function post(operationName: string, variables: Record<string, unknown> = {}, init: RequestInit = {}) {
  const res = await fetch(upstream.url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Trace": "t-1", ...(init.headers as Record<string, string>) },
    body: JSON.stringify({ query: DOCUMENT, variables, operationName }),
    signal: init.signal,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), text, json: () => JSON.parse(text) };
}

describe("graphql upstream", () => {
  test("executes a named operation with nested input variables, a connection and pagination", async () => {
    const variables = { first: 2, filter: { category: "GAMES", price: { max: 20 }, tags: ["family"] } };
    const page1 = (await post("ListProducts", variables)).json();
    expect(page1.errors).toBeUndefined();
    const products = page1.data.products;
    expect(products.totalCount).toBe(2);
    expect(products.edges.map((e: { node: { sku: string } }) => e.node.sku)).toEqual(["GM-002", "X-900"]);
    expect(products.pageInfo.hasNextPage).toBe(false);

    const first = (await post("ListProducts", { first: 1 })).json().data.products;
    const second = (await post("ListProducts", { first: 1, after: first.pageInfo.endCursor })).json().data.products;
    expect([first.edges[0].node.name, second.edges[0].node.name]).toEqual(["Catan", "Claw hammer"]);
  });

  test("records method, path, lower-cased headers, raw and parsed body", async () => {
    await post("GetProduct", { key: { sku: "BK-001" } });
    const request = upstream.last();
    expect(request).toMatchObject({ method: "POST", path: "/graphql" });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-trace"]).toBe("t-1");
    expect(request.json).toEqual({ query: DOCUMENT, variables: { key: { sku: "BK-001" } }, operationName: "GetProduct" });
    expect(JSON.parse(request.body)).toEqual(request.json);
    expect(upstream.requests).toHaveLength(1);
  });

  test("@oneOf key: one of id or sku works, both is a variable error without data", async () => {
    const bySku = (await post("GetProduct", { key: { sku: "BK-001" } })).json();
    expect(bySku.data.product).toMatchObject({ id: "p1", name: "Dune", createdAt: "2024-01-10T09:00:00.000Z" });
    expect(bySku.data.product.reviews.map((r: { author: string }) => r.author)).toEqual(["ben", "ana"]);
    const both = await post("GetProduct", { key: { id: "p1", sku: "BK-001" } });
    expect(both.status).toBe(200);
    expect(both.json()).toEqual({ errors: [expect.objectContaining({ message: expect.stringContaining("Exactly one key") })] });
  });

  test("partial success: a nullable field that throws gives data and errors", async () => {
    const body = (await post("GetProductStock", { key: { sku: "X-900" } })).json();
    expect(body.data).toEqual({ product: { sku: "X-900", stock: null } });
    expect(body.errors).toEqual([expect.objectContaining({ message: "warehouse has no record of sku X-900", path: ["product", "stock"] })]);
  });

  test("errors only: a non-null root field that throws gives data: null", async () => {
    const res = await post("GetSalesReport", { since: "2024-01-01T00:00:00Z" });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      data: null,
      errors: [expect.objectContaining({ message: "reporting backend unavailable", path: ["salesReport"], extensions: { code: "SERVICE_UNAVAILABLE" } })],
    });
  });

  test("mutations change this upstream's store only", async () => {
    const input = { sku: "TL-002", name: "Chisel", category: "TOOLS", price: 7.5 };
    const created = (await post("CreateProduct", { input })).json().data.createProduct;
    expect(created).toEqual({ id: "p7", ...input, tags: [], createdAt: "2025-01-01T00:00:00.000Z" });
    expect((await post("CreateProduct", { input })).json()).toMatchObject({ data: null, errors: [{ message: 'sku "TL-002" is already in use' }] });
    expect((await post("DeleteProduct", { id: "p1" })).json().data).toEqual({ deleteProduct: true });
    expect((await post("DeleteProduct", { id: "p1" })).json().data).toEqual({ deleteProduct: false });

    const other = await startGraphqlUpstream();
    try {
      const res = await fetch(other.url, { method: "POST", body: JSON.stringify({ query: DOCUMENT, operationName: "ListProducts", variables: { first: 50 } }) });
      const skus = (await res.json()).data.products.edges.map((e: { node: { sku: string } }) => e.node.sku);
      expect(skus).toContain("BK-001");
      expect(skus).not.toContain("TL-002");
    } finally {
      await other.close();
    }
  });

  test("fail mode answers 500 for the next request(s), then executes again", async () => {
    upstream.setMode({ kind: "fail", body: "upstream exploded", times: 1 });
    expect(await post("GetProduct", { key: { id: "p1" } })).toMatchObject({ status: 500, type: "text/plain; charset=utf-8", text: "upstream exploded" });
    expect((await post("GetProduct", { key: { id: "p1" } })).status).toBe(200);

    upstream.setMode({ kind: "fail", status: 503, body: { error: "maintenance" } });
    for (let i = 0; i < 2; i++) {
      expect(await post("GetProduct", { key: { id: "p1" } })).toMatchObject({ status: 503, type: "application/json; charset=utf-8", text: '{"error":"maintenance"}' });
    }
    upstream.setMode({ kind: "execute" });
    expect((await post("GetProduct", { key: { id: "p1" } })).status).toBe(200);
    expect(upstream.requests).toHaveLength(5);
  });

  test("hang mode delays the answer past a client timeout", async () => {
    upstream.setMode({ kind: "hang", ms: 5_000, times: 1 });
    await expect(post("GetProduct", { key: { id: "p1" } }, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(upstream.requests).toHaveLength(1);
    expect((await post("GetProduct", { key: { id: "p1" } })).status).toBe(200);

    upstream.setMode({ kind: "hang", ms: 30 });
    expect((await post("GetProduct", { key: { id: "p1" } })).json().data.product.sku).toBe("BK-001");
  });

  test("close() does not wait for a hung request", async () => {
    const other = await startGraphqlUpstream();
    other.setMode({ kind: "hang", ms: 60_000 });
    const pending = fetch(other.url, { method: "POST", body: "{}" });
    while (other.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(pending).rejects.toThrow();
  });

  test("GraphQL over HTTP: the graphql-response media type, 400 for request errors, 404 and 405", async () => {
    const accept = { headers: { Accept: "application/graphql-response+json" } };
    const ok = await post("GetProduct", { key: { id: "p1" } }, accept);
    expect(ok).toMatchObject({ status: 200, type: "application/graphql-response+json; charset=utf-8" });
    expect((await post("NoSuchOperation", {}, accept)).status).toBe(400);
    expect((await post("NoSuchOperation", {})).status).toBe(200);
    expect((await fetch(upstream.url, { method: "POST", body: "not json" })).status).toBe(400);
    expect((await fetch(upstream.url)).status).toBe(405);
    expect((await fetch(upstream.url.replace("/graphql", "/other"), { method: "POST", body: "{}" })).status).toBe(404);
  });
});
