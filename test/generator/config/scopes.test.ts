// gateway.yaml scope keys: apps.<app>.scopes { read, write } and apps.<app>.tools.<key>.scopes. Valid values
// reach Config sorted and deduplicated; bad ones are reported at file:line:col of the value.
import { describe, expect, test } from "vitest";
import type { Config } from "../../../generator/config/types.js";
import { errorsOf, loadText } from "./load-text.js";

const HEAD = "name: tiny\napps:\n  pets:\n    openapi: specs/petstore.json\n";

const load = (yaml: string) => loadText(HEAD + yaml);

const errors = (yaml: string) => errorsOf(HEAD + yaml, true);

describe("valid keys", () => {
  test.each<[string, string, (c: Config) => unknown, unknown]>([
    ["default: mcp:read and mcp:write", "", (c) => c.apps[0]!.scopes, { read: ["mcp:read"], write: ["mcp:write"] }],
    ["app scopes, sorted", "    scopes: { read: [pets:read, mcp:read], write: [pets:write] }\n", (c) => c.apps[0]!.scopes, { read: ["mcp:read", "pets:read"], write: ["pets:write"] }],
    ["only write: read keeps its default", "    scopes: { write: [pets:write] }\n", (c) => c.apps[0]!.scopes, { read: ["mcp:read"], write: ["pets:write"] }],
    ["empty read list: any caller reads", "    scopes: { read: [] }\n", (c) => c.apps[0]!.scopes.read, []],
    ["a tool's scopes, sorted", "    tools:\n      deletePet: { scopes: [pets:admin, mcp:write] }\n", (c) => c.apps[0]!.tools.deletePet!.scopes, ["mcp:write", "pets:admin"]],
    ["no tool scopes: absent", "    tools:\n      deletePet: { title: Delete }\n", (c) => c.apps[0]!.tools.deletePet!.scopes, undefined],
  ])("%s", (_, yaml, get, want) => {
    const { config, report } = load(yaml);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(get(config!)).toEqual(want);
  });
});

describe("bad values are reported where they are written", () => {
  test.each<[string, string, string]>([
    ["a space in a scope", "    scopes: { write: [\"mcp write\"] }\n", "gateway.yaml:5:23 GW102"],
    ["a quote in a tool scope", "    tools:\n      deletePet: { scopes: ['a\"b'] }\n", "gateway.yaml:6:29 GW102"],
    ["an empty scope", "    scopes: { read: [\"\"] }\n", "gateway.yaml:5:22 GW102"],
    ["a scope list that is a string", "    scopes: { read: mcp:read }\n", "gateway.yaml:5:21 GW102"],
    ["duplicate scopes", "    tools:\n      deletePet: { scopes: [a, a] }\n", "gateway.yaml:6:28 GW102"],
    ["unknown kind", "    scopes: { admin: [x] }\n", "gateway.yaml:5:15 GW104"],
  ])("%s", (_, yaml, want) => {
    const found = errors(yaml);
    expect(found.length, found.join("\n")).toBeGreaterThan(0);
    expect(found[0]).toMatch(new RegExp(`^${want}`));
  });

  test("the message says what a scope may hold", () => {
    expect(errors("    scopes: { write: [\"mcp write\"] }\n")[0]).toContain("without spaces");
  });
});
