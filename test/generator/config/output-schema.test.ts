// gateway.yaml output_schema keys: apps.<app>.output_schema and apps.<app>.tools.<key>.output_schema reach
// Config as `outputSchema`; a bad value is reported at its line and column.
import { describe, expect, test } from "vitest";
import type { Config } from "../../../generator/config/types.js";
import { errorsOf, loadText } from "./load-text.js";

const HEAD = "name: tiny\napps:\n  pets:\n    openapi: specs/petstore.json\n";

describe("valid keys", () => {
  test.each<[string, string, (c: Config) => unknown, unknown]>([
    ["absent: not set (the lean pass defaults to none)", "", (c) => c.apps[0]!.outputSchema, undefined],
    ["app: names", "    output_schema: names\n", (c) => c.apps[0]!.outputSchema, "names"],
    ["app: full", "    output_schema: full\n", (c) => c.apps[0]!.outputSchema, "full"],
    ["a tool's", "    tools:\n      getPet: { output_schema: none }\n", (c) => c.apps[0]!.tools.getPet, { outputSchema: "none" }],
  ])("%s", (_, yaml, get, want) => {
    const { config, report } = loadText(HEAD + yaml);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(get(config!)).toEqual(want);
  });
});

describe("bad values are reported at file:line:col", () => {
  test.each<[string, string, RegExp]>([
    ["an unknown policy on the app", "    output_schema: shallow\n", /^gateway\.yaml:5:\d+ GW1\d\d/],
    ["a boolean", "    output_schema: true\n", /^gateway\.yaml:5:\d+ GW1\d\d/],
    ["an unknown policy on a tool", "    tools:\n      getPet:\n        output_schema: all\n", /^gateway\.yaml:7:\d+ GW1\d\d/],
    ["camel case is not the key", "    outputSchema: none\n", /^gateway\.yaml:5:\d+ GW1\d\d/],
  ])("%s", (_, yaml, want) => {
    expect(errorsOf(HEAD + yaml, true).join("\n")).toMatch(want);
  });
});
