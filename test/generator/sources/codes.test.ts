// Every GW2xx code the OpenAPI and GraphQL sources can emit has a title, cause and fix in SOURCE_CODES.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { SOURCE_CODES } from "../../../generator/sources/codes.js";

const DIR = join(import.meta.dirname, "../../../generator/sources");

test("each code used in generator/sources has a catalogue entry, and each entry is used", () => {
  const used = new Set<string>();
  for (const file of readdirSync(DIR, { recursive: true }) as string[]) {
    if (!file.endsWith(".ts") || file.endsWith("codes.ts")) continue;
    for (const m of readFileSync(join(DIR, file), "utf8").matchAll(/"(GW2\d\d)"/g)) used.add(m[1]);
  }
  expect(used.size).toBeGreaterThan(0);
  for (const code of used) expect(SOURCE_CODES[code as `GW${number}`], code).toBeDefined();
  expect(Object.keys(SOURCE_CODES).sort()).toEqual([...used].sort());
  for (const entry of Object.values(SOURCE_CODES)) for (const text of [entry.title, entry.cause, entry.fix]) expect(text.length).toBeGreaterThan(0);
});
