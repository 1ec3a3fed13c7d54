// Parameters: merging, serialisation styles (3.x and 2.0 collectionFormat), runtime headers, path templates.
import { describe, expect, test } from "vitest";
import { argOf, codes, loadSpec, oas3, planOf } from "./helpers.js";

describe("merge", () => {
  test("operation parameters override path-item ones by name+in; others are kept", async () => {
    const spec = oas3({
      "/items/{id}": {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" }, description: "path-level" },
          { name: "q", in: "query", schema: { type: "string" } },
        ],
        get: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" }, description: "op-level" }], responses: {} },
      },
    });
    const plan = planOf(await loadSpec(spec));
    expect(argOf(plan, "id").schema).toEqual({ type: "integer", description: "op-level" });
    expect(argOf(plan, "q").in).toBe("query");
  });
});

const styleCases: [string, { param: Record<string, unknown>; want: Record<string, unknown> }][] = [
  ["query default form+explode: nothing recorded", { param: { in: "query", schema: { type: "array" } }, want: {} }],
  ["query explode false recorded", { param: { in: "query", explode: false, schema: { type: "array" } }, want: { explode: false } }],
  ["deepObject kept", { param: { in: "query", style: "deepObject", explode: true, schema: { type: "object" } }, want: { style: "deepObject", explode: true } }],
  ["pipeDelimited", { param: { in: "query", style: "pipeDelimited", schema: { type: "array" } }, want: { style: "pipeDelimited" } }],
  ["path simple is default", { param: { in: "path", style: "simple", required: true, schema: { type: "array" } }, want: {} }],
  ["path label", { param: { in: "path", style: "label", required: true }, want: { style: "label" } }],
  ["header explode true", { param: { in: "header", explode: true, schema: { type: "array" } }, want: { explode: true } }],
  ["allowReserved", { param: { in: "query", allowReserved: true, schema: { type: "string" } }, want: { allowReserved: true } }],
];

describe("3.x styles", () => {
  test.each(styleCases)("%s", async (_name, { param, want }) => {
    const path = param.in === "path" ? "/x/{p}" : "/x";
    const plan = planOf(await loadSpec(oas3({ [path]: { get: { parameters: [{ name: "p", ...param }], responses: {} } } })));
    const arg = argOf(plan, "p");
    expect({ style: arg.style, explode: arg.explode, allowReserved: arg.allowReserved }).toEqual({
      style: undefined, explode: undefined, allowReserved: undefined, ...want,
    });
  });
});

const collectionCases: [string, { format?: string; want: Record<string, unknown>; diag?: string }][] = [
  ["default csv", { want: { explode: false } }],
  ["csv", { format: "csv", want: { explode: false } }],
  ["multi", { format: "multi", want: {} }],
  ["ssv", { format: "ssv", want: { style: "spaceDelimited" } }],
  ["pipes", { format: "pipes", want: { style: "pipeDelimited" } }],
  ["tsv (GW217)", { format: "tsv", want: { explode: false }, diag: "GW217" }],
];

describe("2.0 collectionFormat", () => {
  test.each(collectionCases)("%s", async (_name, { format, want, diag }) => {
    const spec = {
      swagger: "2.0",
      info: { title: "t", version: "1" },
      paths: { "/x": { get: { parameters: [{ name: "p", in: "query", type: "array", items: { type: "string" }, ...(format ? { collectionFormat: format } : {}) }], responses: {} } } },
    };
    const loaded = await loadSpec(spec);
    const arg = argOf(planOf(loaded), "p");
    expect({ style: arg.style, explode: arg.explode }).toEqual({ style: undefined, explode: undefined, ...want });
    expect(arg.schema).toEqual({ type: "array", items: { type: "string" } });
    if (diag) expect(codes(loaded)).toContain(diag);
  });
});

describe("headers and path templates", () => {
  test.each(["Accept", "content-type", "AUTHORIZATION"])("runtime header %s is skipped with GW208", async (name) => {
    const loaded = await loadSpec(oas3({ "/x": { get: { parameters: [{ name, in: "header", schema: { type: "string" } }, { name: "X-Trace", in: "header" }], responses: {} } } }));
    expect(planOf(loaded).args.map((a) => a.name)).toEqual(["X-Trace"]);
    expect(codes(loaded)).toEqual(["GW208"]);
  });

  test("an undeclared {param} is added (GW214); a declared path param missing from the template is dropped (GW215)", async () => {
    const loaded = await loadSpec(oas3({ "/a/{b}": { get: { parameters: [{ name: "c", in: "path", required: true }], responses: {} } } }));
    const plan = planOf(loaded);
    expect(plan.args).toEqual([{ name: "b", in: "path", wire: "b", required: true, schema: { type: "string" } }]);
    expect(codes(loaded).sort()).toEqual(["GW214", "GW215"]);
  });

  test("a parameter without `in` is a GW204 error naming its pointer; the tool stays", async () => {
    const loaded = await loadSpec(oas3({ "/x": { get: { parameters: [{ name: "q" }], responses: {} } } }));
    expect(loaded.diagnostics).toMatchObject([{ code: "GW204", severity: "error", pointer: "/paths/~1x/get/parameters/0" }]);
    expect(planOf(loaded).args).toEqual([]);
  });
});
