// Parameter serialisation per OpenAPI style/explode, checked against the spec's own style-examples table.
// @see https://spec.openapis.org/oas/v3.1.0#style-examples
import { describe, expect, test } from "vitest";
import type { ParamSpec } from "../../../runtime/contract.js";
import { appendQuery, normaliseBinding, serializeCookie, serializeHeader, serializePath } from "../../../runtime/upstream/serialize.js";

const color = { string: "blue", array: ["blue", "black", "brown"], object: { R: 100, G: 200, B: 150 } };
type Shape = keyof typeof color;

function query(spec: ParamSpec, value: unknown): string {
  const out: string[] = [];
  appendQuery(out, normaliseBinding("color", spec), value);
  return out.join("&");
}

// [style, explode, shape, want] — rows straight from the OpenAPI 3.1 style-examples table.
const pathRows: [ParamSpec["style"], boolean, Shape, string][] = [
  ["simple", false, "string", "blue"],
  ["simple", false, "array", "blue,black,brown"],
  ["simple", false, "object", "R,100,G,200,B,150"],
  ["simple", true, "array", "blue,black,brown"],
  ["simple", true, "object", "R=100,G=200,B=150"],
  ["label", false, "string", ".blue"],
  ["label", false, "array", ".blue,black,brown"],
  ["label", false, "object", ".R,100,G,200,B,150"],
  ["label", true, "array", ".blue.black.brown"],
  ["label", true, "object", ".R=100.G=200.B=150"],
  ["matrix", false, "string", ";color=blue"],
  ["matrix", false, "array", ";color=blue,black,brown"],
  ["matrix", false, "object", ";color=R,100,G,200,B,150"],
  ["matrix", true, "array", ";color=blue;color=black;color=brown"],
  ["matrix", true, "object", ";R=100;G=200;B=150"],
];

describe("path styles", () => {
  test.each(pathRows)("%s explode=%s %s → %s", (style, explode, shape, want) => {
    expect(serializePath(normaliseBinding("color", { in: "path", style, explode }), color[shape])).toBe(want);
  });
});

const queryRows: [ParamSpec["style"], boolean, Shape, string][] = [
  ["form", false, "string", "color=blue"],
  ["form", false, "array", "color=blue,black,brown"],
  ["form", false, "object", "color=R,100,G,200,B,150"],
  ["form", true, "string", "color=blue"],
  ["form", true, "array", "color=blue&color=black&color=brown"],
  ["form", true, "object", "R=100&G=200&B=150"],
  ["spaceDelimited", false, "array", "color=blue%20black%20brown"],
  ["spaceDelimited", false, "object", "color=R%20100%20G%20200%20B%20150"],
  ["pipeDelimited", false, "array", "color=blue|black|brown"],
  ["pipeDelimited", false, "object", "color=R|100|G|200|B|150"],
  ["deepObject", true, "object", "color[R]=100&color[G]=200&color[B]=150"],
];

describe("query styles", () => {
  test.each(queryRows)("%s explode=%s %s → %s", (style, explode, shape, want) => {
    expect(query({ in: "query", style, explode }, color[shape])).toBe(want);
  });

  test("defaults: a bare \"query\" binding is form, exploded", () => {
    const out: string[] = [];
    appendQuery(out, normaliseBinding("labels", "query"), ["bug", "help wanted"]);
    expect(out).toEqual(["labels=bug", "labels=help%20wanted"]);
  });

  test.each([
    ["booleans as true/false", true, "flag=true"],
    ["false is sent", false, "flag=false"],
    ["numbers as written", 2.5, "flag=2.5"],
    ["null omitted", null, ""],
    ["undefined omitted", undefined, ""],
    ["reserved characters encoded", "a&b=c#d/e?f+g", "flag=a%26b%3Dc%23d%2Fe%3Ff%2Bg"],
    ["unicode encoded", "é", "flag=%C3%A9"],
  ])("%s", (_name, value, want) => {
    expect(query({ in: "query", wire: "flag" }, value)).toBe(want);
  });

  test("allowReserved keeps :/?@ raw but never & = # +", () => {
    expect(query({ in: "query", allowReserved: true }, "/a:b?c@d&e=f#g+h")).toBe("color=/a:b?c@d%26e%3Df%23g%2Bh");
  });

  test("wire name is used on the wire", () => {
    expect(query({ in: "query", wire: "per-page" }, 5)).toBe("per-page=5");
  });
});

describe("deepObject nesting (Stripe-style)", () => {
  test.each([
    ["nested object", { status: "x" }, "filter[status]=x"],
    ["two levels", { created: { gte: 10, lt: 20 } }, "filter[created][gte]=10&filter[created][lt]=20"],
    ["array inside, indexed", { expand: ["a", "b"] }, "filter[expand][0]=a&filter[expand][1]=b"],
    ["array of objects", { items: [{ price: "p_1", quantity: 2 }] }, "filter[items][0][price]=p_1&filter[items][0][quantity]=2"],
    ["null members skipped", { a: null, b: "y" }, "filter[b]=y"],
    ["keys encoded, brackets kept", { "a&b": "v w" }, "filter[a%26b]=v%20w"],
  ])("%s", (_name, value, want) => {
    expect(query({ in: "query", wire: "filter", style: "deepObject", explode: true }, value)).toBe(want);
  });

  test("top-level array (Stripe expand) uses indices", () => {
    expect(query({ in: "query", wire: "expand", style: "deepObject", explode: true }, ["customer", "invoice"])).toBe(
      "expand[0]=customer&expand[1]=invoice",
    );
  });
});

describe("headers and cookies", () => {
  test.each([
    ["string", "header", false, "blue", "blue"],
    ["array", "header", false, ["blue", "black"], "blue,black"],
    ["object", "header", false, { R: 100, G: 200 }, "R,100,G,200"],
    ["object exploded", "header", true, { R: 100, G: 200 }, "R=100,G=200"],
    ["boolean", "header", false, false, "false"],
  ] as const)("header %s", (_name, _in, explode, value, want) => {
    expect(serializeHeader(normaliseBinding("x", { in: "header", explode }), value)).toBe(want);
  });

  test("null header omitted", () => {
    expect(serializeHeader(normaliseBinding("x", "header"), null)).toBeUndefined();
  });

  test.each([
    ["string", true, "a b", "color=a%20b"],
    ["array, not exploded", false, ["blue", "black"], "color=blue,black"],
    ["array, exploded", true, ["blue", "black"], "color=blue; color=black"],
    ["semicolon encoded", true, "a;b", "color=a%3Bb"],
  ])("cookie %s", (_name, explode, value, want) => {
    expect(serializeCookie(normaliseBinding("color", { in: "cookie", explode }), value)).toBe(want);
  });
});
