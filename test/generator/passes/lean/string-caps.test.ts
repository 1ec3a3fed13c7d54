// Lean rule string-caps: storage caps (maxLength ≥ 5000) go; real limits stay.
import { describe, expect, test } from "vitest";
import type { JsonSchema } from "../../../../generator/plan/tool-plan.js";
import { withoutStorageCap } from "../../../../generator/passes/lean/string-caps.js";

const CASES: [string, { given: JsonSchema; want: JsonSchema }][] = [
  ["Stripe's 5000", { given: { type: "string", maxLength: 5000 }, want: { type: "string" } }],
  ["larger caps too", { given: { type: "string", maxLength: 65536, description: "d" }, want: { type: "string", description: "d" } }],
  ["not dropped: a real limit", { given: { type: "string", maxLength: 1000 }, want: { type: "string", maxLength: 1000 } }],
  ["not dropped: 4999", { given: { type: "string", maxLength: 4999 }, want: { type: "string", maxLength: 4999 } }],
  ["not touched: minLength", { given: { type: "string", minLength: 5000 }, want: { type: "string", minLength: 5000 } }],
];

describe("string-caps", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(withoutStorageCap(given)).toEqual(want));
});
