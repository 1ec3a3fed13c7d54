// Determinism: shuffling every object's key order in a spec changes nothing in the plans.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FIXTURES, loadSpec } from "./helpers.js";

/** A seeded PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rebuilds every object with its keys in a random order; arrays keep theirs (their order has meaning). */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = shuffleKeys((value as Record<string, unknown>)[k], random);
  return out;
}

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
      expect(canonical(shuffled.source!.plans)).toBe(canonical(base.source!.plans));
      expect(shuffled.diagnostics.map((d) => `${d.code} ${d.pointer}`).sort()).toEqual(base.diagnostics.map((d) => `${d.code} ${d.pointer}`).sort());
    }
  });
});
