// Lean rule output-schema: none | names | full, by tool, else app, else none.
import { describe, expect, test } from "vitest";
import type { AppConfig, OutputSchemaPolicy } from "../../../../generator/config/types.js";
import { applyOutputPolicy } from "../../../../generator/passes/lean/output-schema.js";
import { app, config, named, plan } from "../fixtures.js";

const OUTPUT = { type: "object", properties: { id: { type: "integer", description: "The id." }, name: { type: "string" } }, required: ["id"] };

const CASES: [string, { given: Partial<AppConfig>; want: unknown }][] = [
  ["default: none", { given: {}, want: undefined }],
  ["app: names", { given: { outputSchema: "names" }, want: { type: "object", properties: { id: {}, name: {} } } }],
  ["app: full", { given: { outputSchema: "full" }, want: OUTPUT }],
  ["tool over app", { given: { outputSchema: "full", tools: { getA: { outputSchema: "none" } } }, want: undefined }],
  ["tool by METHOD /path", { given: { tools: { "GET /a": { outputSchema: "names" as OutputSchemaPolicy } } }, want: { type: "object", properties: { id: {}, name: {} } } }],
];

describe("output-schema", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    const tool = named({ ...plan("GET /a", { app: "pets", operationId: "getA" }), outputSchema: OUTPUT });
    expect(applyOutputPolicy(tool, config([app("pets", given)])).outputSchema).toEqual(want);
  });

  test("a tool without an outputSchema stays without one", () => {
    const tool = named(plan("GET /a", { app: "pets" }));
    expect(applyOutputPolicy(tool, config([app("pets", { outputSchema: "full" })]))).toBe(tool);
  });
});
