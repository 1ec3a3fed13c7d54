// Test helper: the ToolPlans of the vendored GitHub spec, through the real config loader, source and passes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../generator/config/load.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { runPasses } from "../../../generator/passes/index.js";
import type { ToolPlan } from "../../../generator/plan/tool-plan.js";
import { loadOpenApi } from "../../../generator/sources/openapi/index.js";
import { realSpec } from "../../support/project.js";

/** Final plans (named, annotated) of one vendored real spec served as app `app`. */
export async function realPlans(app: string, specFile: string): Promise<ToolPlan[]> {
  const root = mkdtempSync(join(tmpdir(), "gateway-search-"));
  try {
    writeFileSync(join(root, "spec.json"), realSpec(specFile));
    writeFileSync(join(root, "gateway.yaml"), `name: search-test\nversion: 1.0.0\napps:\n  ${app}:\n    openapi: spec.json\n    base_url: https://api.example.com\n`);
    const report = new Report();
    const config = loadConfig(join(root, "gateway.yaml"), report);
    const appConfig = config?.apps.find((a) => a.name === app);
    const source = config && appConfig ? await loadOpenApi(appConfig, config, report) : undefined;
    if (!config || !source || report.hasErrors) {
      throw new Error(`cannot plan ${specFile}: ${report.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
    }
    return runPasses(source.drafts, config, report);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
