// Determinism: shuffling every object's key order in a spec changes nothing in the plans.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FIXTURES, loadSpec } from "./helpers.js";
import { rng, shuffleKeys } from "../../support/shuffle.js";

/** JSON with object keys sorted: what the emitter prints. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

const SMALL = join(FIXTURES, "small");

describe.each(readdirSync(SMALL).filter((f) => f.endsWith(".json")))("%s", (file) => {
  test("plans and diagnostics do not depend on key order", async () => {
    const spec = JSON.parse(readFileSync(join(SMALL, file), "utf8"));
    const base = await loadSpec(spec);
    for (const seed of [1, 2, 3]) {
      const shuffled = await loadSpec(shuffleKeys(spec, rng(seed)));
      expect(canonical(shuffled.source!.drafts)).toBe(canonical(base.source!.drafts));
      expect(shuffled.diagnostics.map((d) => `${d.code} ${d.pointer}`).sort()).toEqual(base.diagnostics.map((d) => `${d.code} ${d.pointer}`).sort());
    }
  });
});
