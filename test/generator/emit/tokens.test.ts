// Token counts: the list total is the sum of the entries and their seams (equal to counting the list whole),
// and a build reuses the counts of the manifest on disk for entries whose `listed` hash is unchanged.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { expect, test } from "vitest";
import { build } from "../../../generator/build.js";
import { listedHashOf, listTokensOf, tokensOf } from "../../../generator/emit/tokens.js";
import { listEntryJson } from "../../../generator/emit/tool-object.js";
import { buildProject, FIXTURES } from "../../support/project.js";

test.each<[string, string[]]>([
  ["no entries", []],
  ["one", ['{"name":"a","inputSchema":{"type":"object"}}']],
  ["several, with seams between them", ['{"a":{"b":{}}}', '{"c":[1,2]}', '{"d":"x y"}', '{"e":true}']],
])("listTokensOf: %s", (_, entries) => {
  const counted = entries.map((json) => ({ json, tokens: countTokens(json) }));
  expect(listTokensOf(counted)).toBe(countTokens(`{"tools":[${entries.join(",")}]}`));
});

test("a rebuild trusts the manifest's count of an unchanged entry and counts a changed one again", async () => {
  const spec = readFileSync(join(FIXTURES, "specs", "small", "petstore-2.0.json"), "utf8");
  const { root, result } = await buildProject({ "gateway.yaml": "name: t\napps:\n  pets:\n    openapi: specs/pets.json\n", "specs/pets.json": spec }, { bundle: false });
  const path = join(root, "generated", "manifest.json");
  const lines = result.values!.manifest.tools;
  const [kept, edited] = [lines.find((t) => t.name === "get_pet_by_id")!, lines.find((t) => t.name === "get_inventory")!];
  const keptTool = result.values!.tools.find((t) => t.name === "get_pet_by_id")!;
  expect(kept.listed).toBe(listedHashOf(listEntryJson(keptTool)));
  // Mark both counts on disk: a reused count keeps the mark, a recounted one does not.
  writeFileSync(path, readFileSync(path, "utf8").replace(`"listed":"${kept.listed}","tokens":${kept.tokens}}`, `"listed":"${kept.listed}","tokens":${kept.tokens + 1000}}`).replace(`"listed":"${edited.listed}","tokens":${edited.tokens}}`, `"listed":"${edited.listed}","tokens":${edited.tokens + 1000}}`));
  const edit = JSON.parse(spec) as { paths: Record<string, Record<string, { description?: string }>> };
  edit.paths["/store/inventory"]!.get!.description = "Returns a map of status codes to quantities, counted again.";
  writeFileSync(join(root, "specs", "pets.json"), JSON.stringify(edit));
  const again = await build({ configPath: join(root, "gateway.yaml") });
  const tokens = new Map(again.values!.manifest.tools.map((t) => [t.name, t.tokens]));
  expect(tokens.get("get_pet_by_id")).toBe(kept.tokens + 1000);
  expect(tokens.get("get_inventory")).toBeGreaterThan(edited.tokens);
  expect(tokens.get("get_inventory")).toBeLessThan(edited.tokens + 1000);
});

// OpenAI's own spec documents `<|endoftext|>` in a description: the corpus run crashed on it once.
test("a special token's spelling in a description is counted as the plain text a model's API reads it as", () => {
  const text = 'Documents are separated by "<|endoftext|>" when the prompt is sent.';
  expect(tokensOf(text)).toBe(countTokens(text, { disallowedSpecial: new Set() }));
  // The tokenizer's default refuses the text outright.
  expect(() => countTokens(text)).toThrow(/special token/);
});
