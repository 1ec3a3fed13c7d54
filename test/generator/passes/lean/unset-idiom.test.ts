// Lean rule unset-idiom: `anyOf: [X, {enum: [""]}]` becomes a smaller schema accepting exactly the same values.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, test } from "vitest";
import type { JsonSchema } from "../../../../generator/plan/tool-plan.js";
import { compactUnset } from "../../../../generator/passes/lean/unset-idiom.js";

const UNSET = { type: "string", enum: [""] };

const CASES: [string, { given: JsonSchema; want: JsonSchema }][] = [
  ["plain string: already accepts \"\"", { given: { description: "d", anyOf: [{ type: "string", maxLength: 5000 }, UNSET] }, want: { type: "string", maxLength: 5000, description: "d" } }],
  ["string enum: \"\" joins it", { given: { anyOf: [{ type: "string", enum: ["a", "b"] }, UNSET] }, want: { type: "string", enum: ["a", "b", ""] } }],
  ["object: the unset member shrinks to const", { given: { description: "d", anyOf: [{ type: "object", properties: { a: { type: "integer" } } }, UNSET] }, want: { description: "d", anyOf: [{ type: "object", properties: { a: { type: "integer" } } }, { const: "" }] } }],
  ["unset first, array second", { given: { anyOf: [{ enum: [""] }, { type: "array", items: { type: "string" } }] }, want: { anyOf: [{ const: "" }, { type: "array", items: { type: "string" } }] } }],
  ["oneOf with an integer", { given: { oneOf: [{ type: "integer" }, UNSET] }, want: { oneOf: [{ type: "integer" }, { const: "" }] } }],
  ["oneOf with a string enum", { given: { oneOf: [{ type: "string", enum: ["x"] }, UNSET] }, want: { type: "string", enum: ["x", ""] } }],
  ["not merged: a format \"\" fails", { given: { anyOf: [{ type: "string", format: "date-time" }, UNSET] }, want: { anyOf: [{ type: "string", format: "date-time" }, { const: "" }] } }],
  ["not merged: outer keywords besides labels", { given: { type: "string", anyOf: [{ type: "string", enum: ["a"] }, UNSET] }, want: { type: "string", anyOf: [{ type: "string", enum: ["a"] }, { const: "" }] } }],
  ["not touched: oneOf where \"\" matches both (refused today)", { given: { oneOf: [{ type: "string" }, UNSET] }, want: { oneOf: [{ type: "string" }, UNSET] } }],
  ["not touched: three members", { given: { anyOf: [{ type: "integer" }, { type: "boolean" }, UNSET] }, want: { anyOf: [{ type: "integer" }, { type: "boolean" }, UNSET] } }],
  ["not touched: an enum of other values", { given: { anyOf: [{ type: "integer" }, { enum: ["", "x"] }] }, want: { anyOf: [{ type: "integer" }, { enum: ["", "x"] }] } }],
  ["not touched: a described unset member", { given: { anyOf: [{ type: "integer" }, { enum: [""], description: "clears it" }] }, want: { anyOf: [{ type: "integer" }, { enum: [""], description: "clears it" }] } }],
];

/** Values around every case: whatever the given schema accepts, the wanted one must, and nothing more. */
const PROBES: unknown[] = ["", "a", "b", "x", "c", "2024-01-01T00:00:00Z", 0, 1, 1.5, true, null, [], ["s"], [1], {}, { a: 1 }, { a: "s" }, "y".repeat(6000)];

describe("unset-idiom", () => {
  const ajv = new Ajv2020.default({ strict: false });
  addFormats.default(ajv);

  test.each(CASES)("%s", (_, { given, want }) => {
    const out = compactUnset(given);
    expect(out).toEqual(want);
    const before = ajv.compile(given);
    const after = ajv.compile(out);
    for (const probe of PROBES) expect([probe, after(probe)]).toEqual([probe, before(probe)]);
  });
});
