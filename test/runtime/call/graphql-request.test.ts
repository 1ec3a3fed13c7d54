// graphqlRequestFor: the one POST a GraphQL tool sends, with each of the upstream auth options HTTP apps have.
import { describe, expect, test } from "vitest";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { GraphqlTool } from "../../../runtime/contract.js";
import { graphqlRequestFor } from "../../../runtime/upstream/graphql.js";

const DOCUMENT = "query Repo($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    id\n  }\n}";

const tool: GraphqlTool = {
  name: "repo",
  app: "gh",
  description: "",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  inputSchema: { type: "object" },
  scopes: [],
  request: { kind: "graphql", operation: "query", operationName: "Repo", document: DOCUMENT, variables: { owner: "owner", repo_name: "name" } },
};

function app(over: Partial<ResolvedApp> = {}): ResolvedApp {
  return { name: "gh", baseUrl: "https://api.example.com/graphql", auth: { type: "none" }, headers: {}, ...over };
}

function sent(over: Partial<ResolvedApp> = {}, args: Record<string, unknown> = { owner: "o", repo_name: "r" }) {
  const request = graphqlRequestFor(tool, args, app(over));
  return { ...request, json: JSON.parse(String(request.body)) as Record<string, unknown> };
}

describe("graphqlRequestFor", () => {
  test("one POST of the compiled document as application/json; arguments become variables by their wire names", () => {
    const request = sent();
    expect(request).toMatchObject({ method: "POST", path: "/graphql", target: { hostname: "api.example.com", port: 443 } });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(Object.keys(request.json)).toEqual(["query", "variables", "operationName"]);
    expect(request.json).toEqual({ query: DOCUMENT, variables: { owner: "o", name: "r" }, operationName: "Repo" });
  });

  test("an argument left out is no variable (the server applies its default); no argument reaches the query", () => {
    const request = sent({}, { owner: "o", query: "{ __schema { types { name } } }" });
    expect(request.json).toEqual({ query: DOCUMENT, variables: { owner: "o" }, operationName: "Repo" });
  });

  test.each([
    ["bearer", { type: "bearer", token: "t0k" }, { authorization: "Bearer t0k" }],
    ["basic", { type: "basic", username: "u", password: "p:w" }, { authorization: `Basic ${Buffer.from("u:p:w").toString("base64")}` }],
    ["api_key in a header", { type: "api_key", in: "header", name: "X-Api-Key", value: "k1" }, { "x-api-key": "k1" }],
    ["api_key in a cookie", { type: "api_key", in: "cookie", name: "session", value: "s 1" }, { cookie: "session=s%201" }],
  ] as const)("auth %s: on the POST, the body unchanged", (_label, auth, headers) => {
    const request = sent({ auth });
    expect(request.headers).toMatchObject(headers);
    expect(request.path).toBe("/graphql");
    expect(request.json.variables).toEqual({ owner: "o", name: "r" });
  });

  test("api_key in the query string: appended to the endpoint as configured, with ? or &", () => {
    const auth = { type: "api_key", in: "query", name: "key", value: "a&b" } as const;
    expect(sent({ auth }).path).toBe("/graphql?key=a%26b");
    expect(sent({ auth, baseUrl: "https://api.example.com/graphql/?tenant=t1" }).path).toBe("/graphql/?tenant=t1&key=a%26b");
  });

  test("the app's extra headers are sent; an auth cookie joins a configured one", () => {
    const request = sent({ headers: { "X-Tenant": "t1", Cookie: "region=eu" }, auth: { type: "api_key", in: "cookie", name: "sid", value: "9" } });
    expect(request.headers).toMatchObject({ "x-tenant": "t1", cookie: "region=eu; sid=9" });
  });
});
