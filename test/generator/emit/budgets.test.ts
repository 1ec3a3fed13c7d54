// gateway.yaml `budgets:`: the keys at each level reach Config (with where tool_tokens and list_tokens sit),
// bad values are refused, and a build names each tool and list over its budget: a warning, or with
// strict: true an error that writes nothing.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { build, type BuildResult } from "../../../generator/build.js";
import type { Config } from "../../../generator/config/types.js";
import { FIXTURES } from "../../support/project.js";
import { errorsOf, loadText } from "../config/load-text.js";

const HEAD = "name: tiny\napps:\n  pets:\n    openapi: specs/petstore.json\n";

describe("config", () => {
  test.each<[string, string, (c: Config) => unknown, unknown]>([
    ["absent: no budget at any level", HEAD, (c) => [c.budgets, c.apps[0]!.budgets], [{ positions: {} }, undefined]],
    [
      "top level, with the positions of its token keys",
      "budgets: { tool_tokens: 2000, list_tokens: 90000, strict: true, cut: depth }\n" + HEAD,
      (c) => c.budgets,
      { toolTokens: 2000, listTokens: 90000, strict: true, cut: "depth", positions: { toolTokens: { line: 1, column: 12 }, listTokens: { line: 1, column: 31 } } },
    ],
    ["an app's", HEAD + "    budgets:\n      tool_tokens: 500\n", (c) => c.apps[0]!.budgets, { toolTokens: 500, positions: { toolTokens: { line: 6, column: 7 } } }],
    [
      "a tool's, camel-cased like the others",
      HEAD + "    tools:\n      addPet: { budgets: { tool_tokens: 9000, cut: depth, strict: false } }\n",
      (c) => c.apps[0]!.tools.addPet!.budgets,
      { toolTokens: 9000, cut: "depth", strict: false, positions: { toolTokens: { line: 6, column: 28 } } },
    ],
  ])("%s", (_, yaml, get, want) => {
    const { config, report } = loadText(yaml);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(get(config!)).toEqual(want);
  });

  test.each<[string, string, RegExp]>([
    ["tool_tokens: 0", "budgets: { tool_tokens: 0 }\n" + HEAD, /^gateway\.yaml:1:\d+ GW102/],
    ["a cut that is not a rule", "budgets: { cut: shallow }\n" + HEAD, /^gateway\.yaml:1:\d+ GW102/],
    ["strict: yes-ish", "budgets: { strict: 1 }\n" + HEAD, /^gateway\.yaml:1:\d+ GW102/],
    ["list_tokens on a tool", HEAD + "    tools:\n      addPet: { budgets: { list_tokens: 10 } }\n", /^gateway\.yaml:6:\d+ GW104/],
    ["a misspelt key", "budgets: { tool_token: 10 }\n" + HEAD, /^gateway\.yaml:1:\d+ GW104/],
  ])("%s is refused", (_, yaml, want) => {
    expect(errorsOf(yaml, true).join("\n")).toMatch(want);
  });
});

const PETSTORE = readFileSync(join(FIXTURES, "specs", "small", "petstore-2.0.json"), "utf8");

async function buildWith(yaml: string): Promise<BuildResult> {
  const root = mkdtempSync(join(tmpdir(), "gateway-budgets-"));
  mkdirSync(join(root, "specs"));
  writeFileSync(join(root, "specs", "petstore.json"), PETSTORE);
  return build({ configPath: join(root, "gateway.yaml"), configText: yaml });
}

const tokensOf = (result: BuildResult) => new Map(result.values!.manifest.tools.map((tool) => [tool.name, tool.tokens]));

describe("checks", () => {
  test("each tool over tool_tokens is a warning at the key that set the budget, with its largest parts and the keys that fix it", async () => {
    const result = await buildWith("budgets: { tool_tokens: 150 }\n" + HEAD);
    const over = [...tokensOf(result)].filter(([, n]) => n > 150).map(([name]) => name);
    expect(over.length).toBeGreaterThan(0);
    const warnings = result.diagnostics.filter((d) => d.code === "GW403");
    expect(warnings.map((d) => /tool pets\/(\w+)/.exec(d.message)![1]).sort()).toEqual(over.sort());
    expect(result.files.length).toBeGreaterThan(0);
    const addPet = warnings.find((d) => d.message.includes("pets/add_pet "))!;
    expect(addPet).toMatchObject({ severity: "warning", file: "gateway.yaml", line: 1, column: 12 });
    expect(addPet.message).toMatch(
      new RegExp(`^tool pets/add_pet takes ${tokensOf(result).get("add_pet")} tokens, \\d+ over its budget of 150 \\(budgets\\.tool_tokens\\); description \\d+, largest parts: inputSchema\\.properties\\.tags \\d+, `),
    );
    expect(addPet.help).toContain('apps.pets.tools["addPet"].budgets.cut: depth');
    expect(addPet.help).toContain('apps.pets.tools["addPet"].description');
    expect(addPet.help).toContain('apps.pets.tools["addPet"].hidden: true');
  });

  test("an app's budget replaces the top level's, a tool's replaces its app's", async () => {
    const result = await buildWith(
      "budgets: { tool_tokens: 1 }\n" + HEAD + "    budgets: { tool_tokens: 150 }\n    tools:\n      addPet: { budgets: { tool_tokens: 100000 } }\n",
    );
    const warnings = result.diagnostics.filter((d) => d.code === "GW403");
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((d) => d.message.includes("(apps.pets.budgets.tool_tokens)") && d.line === 6)).toBe(true);
    expect(warnings.some((d) => d.message.includes("pets/add_pet "))).toBe(false);
  });

  test("strict: true makes it an error and nothing is emitted; a tool's strict: false keeps it a warning", async () => {
    const strict = await buildWith("budgets: { tool_tokens: 150, strict: true }\n" + HEAD);
    expect(strict.files).toEqual([]);
    expect(strict.diagnostics.filter((d) => d.code === "GW403").every((d) => d.severity === "error")).toBe(true);
    const lenient = await buildWith("budgets: { tool_tokens: 150, strict: true }\n" + HEAD + "    include: { operations: [addPet] }\n    tools:\n      addPet: { budgets: { strict: false } }\n");
    expect(lenient.diagnostics.filter((d) => d.code === "GW403").map((d) => d.severity)).toEqual(["warning"]);
    expect(lenient.files.length).toBeGreaterThan(0);
  });

  test("a list over list_tokens names the app totals and the largest tools, and what dynamic mode would cost", async () => {
    const result = await buildWith("budgets: { list_tokens: 1000 }\n" + HEAD);
    const [d] = result.diagnostics.filter((d) => d.code === "GW404");
    const { tokens } = result.values!;
    const largest = [...tokensOf(result)].sort((a, b) => b[1] - a[1])[0]!;
    expect(d).toMatchObject({ severity: "warning", line: 1, column: 12 });
    expect(d!.message).toContain(`the static tools/list takes ${tokens.staticList.toLocaleString("en-US")} tokens`);
    expect(d!.message).toContain(`largest tools: pets/${largest[0]} ${largest[1]}`);
    expect(d!.help).toContain(`mode: dynamic, whose first tools/list takes ${tokens.dynamicList} tokens`);
    const app = await buildWith(HEAD + "    budgets: { list_tokens: 1000, strict: true }\n");
    expect(app.diagnostics.filter((d) => d.code === "GW404").map((d) => [d.severity, d.message.split(" takes")[0]])).toEqual([["error", "app pets's tools/list"]]);
  });

  test("within budget: nothing reported", async () => {
    const result = await buildWith("budgets: { tool_tokens: 100000, list_tokens: 1000000 }\n" + HEAD);
    expect(result.diagnostics.filter((d) => d.code === "GW403" || d.code === "GW404")).toEqual([]);
  });
});
