// Whole real specs (vendored gzipped copies of GitHub REST, Stripe, Kubernetes): no errors, every operation planned, timed.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { SOURCE_CODES } from "../../../generator/sources/codes.js";
import { codes, compile, FIXTURES, inputSchema, loadFile } from "./helpers.js";

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

describe.each(["github", "stripe", "kubernetes"])("%s", (name) => {
  test("loads with no errors and plans every operation", async () => {
    const root = mkdtempSync(join(tmpdir(), "gw-real-"));
    const bytes = gunzipSync(readFileSync(join(FIXTURES, "real", `${name}.json.gz`)));
    writeFileSync(join(root, `${name}.json`), bytes);
    const doc = JSON.parse(bytes.toString("utf8")) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.has(k)).length, 0);

    const started = performance.now();
    const loaded = await loadFile(root, `${name}.json`);
    const ms = performance.now() - started;
    const plans = loaded.source!.drafts;
    console.log(`${name}: ${plans.length} plans in ${ms.toFixed(0)} ms, ${(JSON.stringify(plans).length / 1e6).toFixed(1)} MB of plans, ${loaded.diagnostics.length} diagnostics`);

    expect(codes(loaded, "error")).toEqual([]);
    for (const d of loaded.diagnostics) expect(SOURCE_CODES[d.code], d.code).toBeDefined();
    expect(plans).toHaveLength(operations);
    expect(JSON.stringify(plans)).not.toContain("\\u0000"); // no ref placeholder escapes assembly
    // A deterministic sample (every 25th plan) through ajv: compiling all would dominate the test time.
    for (let i = 0; i < plans.length; i += 25) {
      compile(inputSchema(plans[i]));
      if (plans[i].outputSchema) compile(plans[i].outputSchema!);
    }
  }, 60_000);
});
