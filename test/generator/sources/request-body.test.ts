// Request bodies: media type choice, flattening, whole bodies, form encodings, multipart, unsupported types.
import { describe, expect, test } from "vitest";
import { argOf, codes, compile, inputSchema, loadSpec, oas3, planOf } from "./helpers.js";

function post(content: Record<string, unknown>, extra: Record<string, unknown> = {}, components: Record<string, unknown> = {}) {
  return oas3({ "/x": { post: { requestBody: { required: true, content, ...extra }, responses: {} } } }, { schemas: components });
}

const obj = { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "integer" } } };

const mediaCases: [string, { content: string[]; mediaType?: string; contentType?: string; diag?: string }][] = [
  ["json", { content: ["application/json"], mediaType: "application/json" }],
  ["json wins over form", { content: ["application/x-www-form-urlencoded", "application/json"], mediaType: "application/json" }],
  ["vendor +json keeps its exact type", { content: ["application/vnd.github+json"], mediaType: "application/json", contentType: "application/vnd.github+json" }],
  ["charset parameter kept", { content: ["application/json; charset=utf-8"], mediaType: "application/json", contentType: "application/json; charset=utf-8" }],
  ["*/* means JSON", { content: ["*/*"], mediaType: "application/json" }],
  ["merge-patch preferred among +json", { content: ["application/json-patch+json", "application/merge-patch+json"], mediaType: "application/json", contentType: "application/merge-patch+json" }],
  ["form", { content: ["application/x-www-form-urlencoded"], mediaType: "application/x-www-form-urlencoded" }],
  ["multipart", { content: ["multipart/form-data"], mediaType: "multipart/form-data" }],
  ["octet-stream only: no body, GW209", { content: ["application/octet-stream"], diag: "GW209" }],
  ["text/plain as a text body", { content: ["text/plain"], mediaType: "text/plain", contentType: undefined }],
  ["json wins over text", { content: ["text/plain", "application/json"], mediaType: "application/json" }],
  ["markdown keeps its exact type", { content: ["text/x-markdown"], mediaType: "text/plain", contentType: "text/x-markdown" }],
];

describe("text bodies", () => {
  test("are one whole-body argument, never flattened", async () => {
    const plan = planOf(await loadSpec(post({ "text/plain": { schema: obj } })), "POST");
    expect(plan.request.body?.whole).toBe("body");
    expect(plan.args.map((a) => [a.name, a.in])).toEqual([["body", "body"]]);
  });
});

describe("media types", () => {
  test.each(mediaCases)("%s", async (_name, { content, mediaType, contentType, diag }) => {
    const loaded = await loadSpec(post(Object.fromEntries(content.map((c) => [c, { schema: obj }]))));
    const plan = planOf(loaded, "POST");
    expect(plan.request.body?.mediaType).toBe(mediaType);
    expect(plan.request.body?.contentType).toBe(contentType);
    if (diag) {
      expect(codes(loaded)).toEqual([diag]);
      expect(plan.args).toEqual([]);
    }
  });
});

describe("flattening", () => {
  test("object properties become body args; required needs a required body", async () => {
    for (const required of [true, false]) {
      const plan = planOf(await loadSpec(post({ "application/json": { schema: obj } }, { required })), "POST");
      expect(plan.args.map((a) => [a.name, a.in, a.required])).toEqual([["a", "body", required], ["b", "body", false]]);
      expect(plan.request.body?.whole).toBeUndefined();
    }
  });

  test("allOf of refs is merged", async () => {
    const schema = { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", required: ["c"], properties: { c: { type: "boolean" } } }] };
    const plan = planOf(await loadSpec(post({ "application/json": { schema } }, {}, { Base: obj })), "POST");
    expect(plan.args.map((a) => [a.name, a.required]).sort()).toEqual([["a", true], ["b", false], ["c", true]]);
  });

  const wholeCases: [string, unknown][] = [
    ["array", { type: "array", items: { type: "string" } }],
    ["scalar", { type: "string" }],
    ["map", { type: "object", additionalProperties: { type: "string" } }],
    ["oneOf", { oneOf: [obj, { type: "string" }] }],
    ["no schema", undefined],
  ];
  test.each(wholeCases)("a %s body is one `body` arg sent whole", async (_name, schema) => {
    const plan = planOf(await loadSpec(post({ "application/json": schema === undefined ? {} : { schema } }, { description: "The payload." })), "POST");
    expect(plan.request.body?.whole).toBe("body");
    expect(plan.args).toHaveLength(1);
    expect(argOf(plan, "body")).toMatchObject({ in: "body", wire: "body", required: true, schema: { description: "The payload." } });
    compile(inputSchema(plan));
  });
});

describe("form and multipart", () => {
  test("form encoding styles are recorded per property (Stripe's deepObject)", async () => {
    const schema = { type: "object", properties: { metadata: { type: "object", additionalProperties: { type: "string" } }, expand: { type: "array", items: { type: "string" } } } };
    const encoding = { metadata: { style: "deepObject", explode: true }, expand: { style: "form", explode: true } };
    const plan = planOf(await loadSpec(post({ "application/x-www-form-urlencoded": { schema, encoding } })), "POST");
    expect(argOf(plan, "metadata")).toMatchObject({ style: "deepObject", explode: true });
    expect(argOf(plan, "expand").style).toBeUndefined();
  });

  test("multipart binary fields are dropped with GW210; text fields stay", async () => {
    const schema = { type: "object", properties: { file: { type: "string", format: "binary" }, files: { type: "array", items: { type: "string", format: "binary" } }, note: { type: "string" } } };
    const loaded = await loadSpec(post({ "multipart/form-data": { schema } }));
    expect(planOf(loaded, "POST").args.map((a) => a.name)).toEqual(["note"]);
    expect(codes(loaded)).toEqual(["GW210", "GW210"]);
  });
});
