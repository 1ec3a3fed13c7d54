// Loads gateway.yaml text as if it sat beside test/fixtures/configs/valid/specs, so `specs/petstore.json` resolves:
// the config tests of one feature each give a snippet and read Config or the diagnostics.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../../generator/config/load.js";
import type { Config } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";

const VALID = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/configs/valid");

export function loadText(text: string): { config: Config | undefined; report: Report } {
  const report = new Report();
  const config = loadConfig(join(VALID, "gateway.yaml"), report, text);
  return { config, report };
}

/** `line:col code message` of each error, with `file:` in front when asked. */
export function errorsOf(text: string, withFile = false): string[] {
  return loadText(text)
    .report.diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${withFile ? `${d.file}:` : ""}${d.line}:${d.column} ${d.code} ${d.message}`);
}
