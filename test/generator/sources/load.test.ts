// Loading: unreadable files, syntax errors with positions, versions, external and remote $refs, base URLs.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { specVersion } from "../../../generator/sources/openapi/index.js";
import { codes, loadFile, loadSpec, oas3, planOf } from "./helpers.js";

describe("errors never throw", () => {
  test("a missing file is GW201", async () => {
    const loaded = await loadFile("/nonexistent-dir", "spec.json");
    expect(loaded.source).toBeUndefined();
    expect(loaded.diagnostics).toMatchObject([{ code: "GW201", severity: "error", file: "spec.json" }]);
  });

  const syntaxCases: [string, { file: string; text: string; line: number }][] = [
    ["JSON", { file: "spec.json", text: '{\n  "openapi": "3.0.0",\n  "paths": {,}\n}', line: 3 }],
    ["YAML", { file: "spec.yaml", text: "openapi: 3.0.0\npaths:\n  /x: [\n", line: 4 }],
  ];
  test.each(syntaxCases)("a %s syntax error is GW202 with a line", async (_name, { file, text, line }) => {
    const loaded = await loadSpec({ [file]: text });
    expect(loaded.source).toBeUndefined();
    expect(loaded.diagnostics).toHaveLength(1);
    expect(loaded.diagnostics[0]).toMatchObject({ code: "GW202", severity: "error", file });
    expect(loaded.diagnostics[0].line).toBeGreaterThanOrEqual(line - 1);
    expect(loaded.diagnostics[0].line).toBeLessThanOrEqual(line);
  });

  const versions: [unknown, string | undefined][] = [
    [{ swagger: "2.0" }, "2.0"],
    [{ openapi: "3.0.3" }, "3.0"],
    [{ openapi: "3.1.0" }, "3.1"],
    [{ openapi: "3.2.0" }, undefined],
    [{ swagger: "1.2" }, undefined],
    [[], undefined],
  ];
  test.each(versions)("version of %j is %s", (doc, want) => expect(specVersion(doc)).toBe(want));

  test("an unsupported version is GW203", async () => {
    const loaded = await loadSpec({ "spec.yaml": "openapi: 4.0.0\npaths: {}\n" });
    expect(loaded.diagnostics).toMatchObject([{ code: "GW203", pointer: "/openapi" }]);
  });

  test("no operations is a GW218 warning", async () => {
    expect(codes(await loadSpec(oas3({})))).toEqual(["GW218"]);
  });
});

describe("external $refs", () => {
  test("a relative file ref (YAML) is resolved and hashed with the spec", async () => {
    const files = {
      "specs/api.json": oas3({ "/x": { get: { parameters: [{ $ref: "common/params.yaml#/Limit" }], responses: {} } } }),
      "specs/common/params.yaml": "Limit:\n  name: limit\n  in: query\n  schema:\n    $ref: '#/LimitSchema'\nLimitSchema:\n  type: integer\n  maximum: 100\n",
    };
    const loaded = await loadSpec(files);
    expect(loaded.diagnostics).toEqual([]);
    expect(planOf(loaded).args).toMatchObject([{ name: "limit", in: "query", schema: { type: "integer", maximum: 100 } }]);
    const alone = await loadSpec({ "specs/api.json": files["specs/api.json"] });
    expect(loaded.source!.hash).not.toBe(alone.source!.hash);
  });

  test("a ref leaving the gateway.yaml directory is GW207", async () => {
    const loaded = await loadSpec(oas3({ "/x": { get: { parameters: [{ $ref: "../../etc/params.json#/P" }], responses: {} } } }));
    expect(codes(loaded, "error")).toEqual(["GW207"]);
  });

  test("a remote ref is refused (GW206) unless allowed, and then fetched", async () => {
    const server = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ P: { name: "remote", in: "query", schema: { type: "string" } } }));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/params.json`;
      const spec = oas3({ "/x": { get: { parameters: [{ $ref: `${url}#/P` }], responses: {} } } });
      const refused = await loadSpec(spec);
      expect(refused.diagnostics[0]).toMatchObject({ code: "GW206", severity: "error", pointer: "/paths/~1x/get/parameters/0" });
      expect(refused.diagnostics[0].help).toMatch(/allow_remote_refs/);
      const allowed = await loadSpec(spec, true);
      expect(codes(allowed)).toEqual([]);
      expect(planOf(allowed).args.map((a) => a.name)).toEqual(["remote"]);
    } finally {
      server.close();
    }
  });
});

describe("base URL", () => {
  const cases: [string, Record<string, unknown>, string | undefined][] = [
    ["3.x first server, variables at defaults", { openapi: "3.0.0", servers: [{ url: "https://{region}.example.com/v1/", variables: { region: { default: "eu" } } }, { url: "https://b" }] }, "https://eu.example.com/v1"],
    ["3.x no servers", { openapi: "3.0.0" }, undefined],
    ["2.0 https preferred", { swagger: "2.0", host: "api.example.com", basePath: "/v2", schemes: ["http", "https"] }, "https://api.example.com/v2"],
    ["2.0 http only", { swagger: "2.0", host: "api.example.com", schemes: ["http"] }, "http://api.example.com"],
    ["2.0 no host", { swagger: "2.0" }, undefined],
  ];
  test.each(cases)("%s", async (_name, doc, want) => {
    const loaded = await loadSpec({ ...doc, info: { title: "t", version: "1" }, paths: { "/x": { get: { responses: {} } } } });
    expect(loaded.source?.baseUrl).toBe(want);
  });
});
