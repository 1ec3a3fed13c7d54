// gateway.yaml `dialects:`: the names the build knows, each with optional client-name globs; Config lists them in
// name order, the runtime view carries each one's globs and reverse steps; an unknown name is an error at its
// line and column with a did-you-mean; the JSON schema names exactly the dialects generator/dialects/ knows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { DIALECT_NAMES } from "../../../generator/dialects/index.js";
import { gatewayRuntimeOf } from "../../../generator/emit/gateway-module.js";
import { errorsOf, loadText } from "./load-text.js";

const TAIL = "apps:\n  pets:\n    openapi: specs/petstore.json\n";

describe("valid", () => {
  test.each<[string, string, unknown]>([
    ["absent: none", "", []],
    ["bare names, in name order", "dialects:\n  openai-strict:\n  gemini: {}\n", [{ name: "gemini", clients: [] }, { name: "openai-strict", clients: [] }]],
    ["client globs", 'dialects:\n  gemini: { clients: ["gemini-cli*", "Gemini"] }\n', [{ name: "gemini", clients: ["gemini-cli*", "Gemini"] }]],
  ])("%s", (_, yaml, want) => {
    const { config, report } = loadText(`name: tiny\n${yaml}${TAIL}`);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(config!.dialects).toEqual(want);
  });

  test("the runtime view names each dialect with its globs and how tools/call reverses it; absent without dialects", () => {
    const runtime = gatewayRuntimeOf(loadText(`name: tiny\ndialects:\n  openai-strict:\n  gemini: { clients: [gemini-cli*] }\n${TAIL}`).config!, {});
    expect(runtime.dialects).toEqual([
      { name: "gemini", clients: ["gemini-cli*"], reverse: ["parse-json-objects"] },
      { name: "openai-strict", clients: [], reverse: ["drop-optional-nulls", "parse-json-objects"] },
    ]);
    expect("dialects" in gatewayRuntimeOf(loadText(`name: tiny\n${TAIL}`).config!, {})).toBe(false);
  });
});

describe("errors at file:line:col", () => {
  test("an unknown dialect name, with a did-you-mean", () => {
    expect(errorsOf(`name: tiny\ndialects:\n  openai-strcit:\n${TAIL}`, true)).toEqual([
      expect.stringMatching(/^gateway\.yaml:3:3 GW104 .*"openai-strcit".*/),
    ]);
    const [diagnostic] = loadText(`name: tiny\ndialects:\n  gemeni: {}\n${TAIL}`).report.diagnostics;
    expect(diagnostic!.help).toContain('did you mean "gemini"?');
  });

  test.each<[string, string]>([
    ["clients not a list", "dialects:\n  gemini: { clients: gemini-cli }\n"],
    ["an empty glob", 'dialects:\n  gemini: { clients: [""] }\n'],
    ["an unknown key", "dialects:\n  gemini: { client: [x] }\n"],
  ])("%s", (_, yaml) => {
    expect(errorsOf(`name: tiny\n${yaml}${TAIL}`, true).join("\n")).toMatch(/^gateway\.yaml:3:\d+ GW10\d/);
  });
});

test("schema/gateway.schema.json names exactly the dialects the build knows", () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, "../../../schema/gateway.schema.json"), "utf8")) as { definitions: { dialects: { properties: object } } };
  expect(Object.keys(schema.definitions.dialects.properties).sort()).toEqual(DIALECT_NAMES);
});
