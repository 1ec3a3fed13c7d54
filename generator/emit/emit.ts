// ToolPlan[] + Config → every file of generated/, as bytes in memory. No fs writes here (write.ts does that).
import { posix } from "node:path";
import type { Config } from "../config/types.js";
import type { ToolPlan } from "../plan/tool-plan.js";
import { gatewayRuntimeOf, renderGatewayModule, renderPromptsModule, type AppFacts } from "./gateway-module.js";
import { compareKeys } from "./literal.js";
import { manifestToolOf, renderManifest, type Manifest } from "./manifest.js";
import { render } from "./render.js";
import { renderSearchIndex } from "./search-index.js";
import { renderToolModule } from "./tool-module.js";
import { toolObjectOf } from "./tool-object.js";

export interface EmittedFile {
  /** Relative to the generated/ folder, with forward slashes. @example "github/repos_get.ts" */
  path: string;
  contents: string;
}

export interface EmitInput {
  config: Config;
  /** Visible tools, sorted by (app, name). */
  plans: ToolPlan[];
  facts: Record<string, AppFacts>;
  /** sha256 of each input file, by path relative to the config's folder. */
  inputs: Record<string, string>;
  /** Import path of runtime/ seen from generated/ (posix, relative). @example "../runtime" */
  runtimeDir: string;
  generator: string;
}

export function emit(input: EmitInput): EmittedFile[] {
  const { config, plans, runtimeDir } = input;
  const files: EmittedFile[] = [];
  const fromApp = (file: string) => posix.join("..", runtimeDir, file);
  const byApp = new Map<string, ToolPlan[]>(config.apps.map((app) => [app.name, []]));
  for (const plan of plans) byApp.get(plan.app)?.push(plan);
  // Each plan's tool object is built once and printed into its module and its manifest line.
  const toolOf = new Map(plans.map((plan) => [plan, toolObjectOf(plan)]));

  for (const [app, appPlans] of byApp) {
    appPlans.sort((a, b) => compareKeys(a.name, b.name));
    for (const plan of appPlans) {
      files.push({ path: `${app}/${plan.name}.ts`, contents: renderToolModule(plan, toolOf.get(plan)!, fromApp("tool.js")) });
    }
    const tools = appPlans.map((plan) => plan.name);
    files.push({ path: `${app}/index.ts`, contents: render("app-index", { app, runtimeImport: fromApp("tool.js"), tools }) });
  }
  const apps = [...byApp.keys()].map((name) => ({ name, ident: `${name.replace(/[^A-Za-z0-9_$]/g, "_")}_tools` }));
  files.push({ path: "index.ts", contents: render("index", { apps, runtimeImport: posix.join(runtimeDir, "tool.js") }) });
  const gateway = gatewayRuntimeOf(config, input.facts);
  files.push({ path: "gateway.ts", contents: renderGatewayModule(gateway, config.file, posix.join(runtimeDir, "app.js")) });
  files.push({ path: "prompts.ts", contents: renderPromptsModule(config.prompts) });
  files.push({ path: "search-index.ts", contents: renderSearchIndex(plans) });
  const manifest: Manifest = { generator: input.generator, inputs: input.inputs, tools: plans.map((plan) => manifestToolOf(plan, toolOf.get(plan)!)) };
  files.push({ path: "manifest.json", contents: renderManifest(manifest) });
  return files.sort((a, b) => compareKeys(a.path, b.path));
}
