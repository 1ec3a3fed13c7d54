// Lean rule empty-arguments: an optional argument whose only value is `{}` goes, with a body made of it.
import { describe, expect, test } from "vitest";
import type { ArgPlan, JsonSchema } from "../../../../generator/plan/tool-plan.js";
import { dropEmptyArguments, onlyEmptyObject } from "../../../../generator/passes/lean/empty-arguments.js";
import { named, plan } from "../fixtures.js";

const CASES: [string, { given: JsonSchema; want: boolean }][] = [
  ["Stripe's GET body", { given: { type: "object", additionalProperties: false, properties: {} }, want: true }],
  ["no properties keyword", { given: { type: "object", additionalProperties: false }, want: true }],
  ["not empty: any object", { given: { type: "object", properties: {} }, want: false }],
  ["not empty: a property", { given: { type: "object", additionalProperties: false, properties: { a: { type: "string" } } }, want: false }],
  ["not empty: pattern properties", { given: { type: "object", additionalProperties: false, patternProperties: { "^x": {} } }, want: false }],
  ["not empty: a $ref", { given: { type: "object", additionalProperties: false, $ref: "#/$defs/A" }, want: false }],
  ["not empty: anyOf", { given: { type: "object", additionalProperties: false, anyOf: [{ properties: { a: {} } }] }, want: false }],
];

const emptyBody: ArgPlan = { name: "body", in: "body", wire: "body", required: false, schema: { type: "object", additionalProperties: false, properties: {} } };
const expand: ArgPlan = { name: "expand", in: "query", wire: "expand", required: false, schema: { type: "array", items: { type: "string" } } };

describe("empty-arguments", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(onlyEmptyObject(given)).toBe(want));

  test("a whole form body made of the empty argument goes with it", () => {
    const draft = { ...plan("GET /v1/account"), args: [emptyBody, expand] };
    draft.request = { kind: "http", method: "GET", path: "/v1/account", body: { mediaType: "application/x-www-form-urlencoded", whole: "body" } };
    const out = dropEmptyArguments(named(draft));
    expect(out.args).toEqual([expand]);
    expect(out.request).toEqual({ kind: "http", method: "GET", path: "/v1/account" });
  });

  test("not dropped: a required empty argument (the request always carried its body)", () => {
    const draft = { ...plan("POST /a"), args: [{ ...emptyBody, required: true }] };
    draft.request = { kind: "http", method: "POST", path: "/a", body: { mediaType: "application/json", whole: "body" } };
    expect(dropEmptyArguments(named(draft))).toEqual(named(draft));
  });

  test("an empty field of a body of fields: the body plan stays for the others", () => {
    const field: ArgPlan = { name: "name", in: "body", wire: "name", required: false, schema: { type: "string" } };
    const draft = { ...plan("POST /a"), args: [{ ...emptyBody, name: "options", wire: "options" }, field] };
    draft.request = { kind: "http", method: "POST", path: "/a", body: { mediaType: "application/json" } };
    const out = dropEmptyArguments(named(draft));
    expect(out.args).toEqual([field]);
    expect(out.request).toEqual(draft.request);
  });
});
