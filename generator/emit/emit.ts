// ToolPlan[] + Config → every file of generated/ as bytes, and the values those files print (for the bundle).
// No fs writes here (write.ts does that).
import type { DialectSchemas, GatewayRuntime, Tool } from "../../runtime/contract.js";
import type { Config } from "../config/types.js";
import type { ToolPlan } from "../plan/tool-plan.js";
import { gatewayRuntimeOf, precompilePrompts, renderGatewayModule, renderPromptsModule, type AppFacts, type PromptTemplates } from "./gateway-module.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import { renderDialectModule } from "./dialect-module.js";
import { manifestToolOf, renderManifest, type Manifest } from "./manifest.js";
import { render } from "./render.js";
import { renderSearchIndex, searchIndexJson } from "./search-index.js";
import { renderToolModule } from "./tool-module.js";
import { listEntryJson, toolObjectOf } from "./tool-object.js";
import { toolBudgetOf } from "./budgets.js";
import { cutToDepth, depthOf } from "./cut.js";
import { TokenCache, tokenSummaryOf, type CountedEntry, type TokenSummary } from "./tokens.js";
import { META_TOOL_DESCRIPTORS } from "../../runtime/shared/meta-tools.js";

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
  /** The text of runtime/contract.ts, written verbatim as generated/contract.ts. */
  contract: string;
  /** The generator's name and version, for the manifest. @example "mcp-gateway-compiler 0.1.0" */
  generator: string;
  /** Each configured dialect's schemas (generator/dialects/compile.ts); empty without `dialects:`. */
  dialects: Record<string, DialectSchemas>;
  /** generated/manifest.json as the last build wrote it, if any: its token counts are reused by `listed` hash. */
  previous?: Manifest;
}

/** What generated/ holds, as values: the server bundle is made from these, never by re-reading the files. */
export interface EmittedValues {
  /** Every tool object, sorted by (app, name): what each tool module exports as `tool`. */
  tools: Tool[];
  /** generated/gateway.ts's `gateway`; prompt messages refer to `templates[…]` in `prompts`. */
  gateway: GatewayRuntime;
  /** generated/prompts.ts's `templates`. */
  prompts: PromptTemplates;
  /** generated/search-index.ts's `SEARCH_INDEX`: the JSON text of the search index. */
  searchIndex: string;
  manifest: Manifest;
  /** generated/dialects/<name>.ts's `inputSchemas`, by dialect name. */
  dialects: Record<string, DialectSchemas>;
  /** Each tool's counted tools/list entry, in `tools` order. */
  entries: CountedEntry[];
  /** o200k tokens of the lists a client is sent: per app, static, dynamic. */
  tokens: TokenSummary;
}

export interface Emitted {
  files: EmittedFile[];
  values: EmittedValues;
}

/** Where a module of generated/ finds the contract. */
const CONTRACT_FROM_APP = "../contract.js";
const CONTRACT_FROM_ROOT = "./contract.js";

/**
 * `tool` with a listedInputSchema cut to the deepest level at which its list entry fits `budget` tokens (or to
 * its arguments' own level when none fits); undefined when its schema has no level to cut.
 */
function cutToFit(tool: Tool, budget: number, cache: TokenCache): { tool: Tool; json: string; listed: string; tokens: number } | undefined {
  let fitted: { tool: Tool; json: string; listed: string; tokens: number } | undefined;
  for (let depth = depthOf(tool.inputSchema); depth >= 2; depth--) {
    const cut = { ...tool, listedInputSchema: cutToDepth(tool.inputSchema, depth) };
    const json = listEntryJson(cut);
    fitted = { tool: cut, json, ...cache.count(json) };
    if (fitted.tokens <= budget) break;
  }
  return fitted;
}

export function emit(input: EmitInput): Emitted {
  const { config, plans } = input;
  const files: EmittedFile[] = [
    { path: "contract.ts", contents: input.contract },
    // The modules are ESM whatever the user's own package.json says, so tsc and Node read them one way everywhere.
    { path: "package.json", contents: '{ "private": true, "type": "module" }\n' },
  ];
  const byApp = new Map<string, ToolPlan[]>(config.apps.map((app) => [app.name, []]));
  for (const plan of plans) byApp.get(plan.app)?.push(plan);
  // Each plan's tool object is built once, printed into its module and its manifest line, and bundled.
  const toolOf = new Map(plans.map((plan) => [plan, toolObjectOf(plan)]));

  // Each list entry is counted once (twice, and once per depth tried, for a tool cut to its budget): the
  // manifest line, the budgets and the summary all read these counts.
  const entryOf = new Map<ToolPlan, CountedEntry>();
  const cache = new TokenCache(input.previous?.tools);
  for (const [plan, full] of toolOf) {
    const json = listEntryJson(full);
    const counted = { app: plan.app, json, ...cache.count(json) };
    const budget = toolBudgetOf(plan, config);
    const fitted = budget?.cut === "depth" && counted.tokens > budget.toolTokens ? cutToFit(full, budget.toolTokens, cache) : undefined;
    if (fitted) toolOf.set(plan, fitted.tool);
    entryOf.set(plan, fitted ? { app: plan.app, json: fitted.json, listed: fitted.listed, tokens: fitted.tokens, uncut: counted.tokens } : counted);
  }

  const tools: Tool[] = [];
  const entries: CountedEntry[] = [];
  for (const [app, appPlans] of byApp) {
    appPlans.sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const plan of appPlans) {
      tools.push(toolOf.get(plan)!);
      entries.push(entryOf.get(plan)!);
      files.push({ path: `${app}/${plan.name}.ts`, contents: renderToolModule(plan, toolOf.get(plan)!, CONTRACT_FROM_APP) });
    }
    const names = appPlans.map((plan) => plan.name);
    files.push({ path: `${app}/index.ts`, contents: render("app-index", { app, contractImport: CONTRACT_FROM_APP, tools: names }) });
  }
  const apps = [...byApp.keys()].map((name) => ({ name, ident: `${name.replace(/[^A-Za-z0-9_$]/g, "_")}_tools` }));
  files.push({ path: "index.ts", contents: render("index", { apps, contractImport: CONTRACT_FROM_ROOT }) });
  const gateway = gatewayRuntimeOf(config, input.facts);
  files.push({ path: "gateway.ts", contents: renderGatewayModule(gateway, config.file, CONTRACT_FROM_ROOT) });
  const prompts = precompilePrompts(config.prompts);
  files.push({ path: "prompts.ts", contents: renderPromptsModule(prompts) });
  const searchIndex = searchIndexJson(plans);
  files.push({ path: "search-index.ts", contents: renderSearchIndex(searchIndex) });
  const manifest: Manifest = { generator: input.generator, inputs: input.inputs, tools: plans.map((plan) => manifestToolOf(plan, toolOf.get(plan)!, entryOf.get(plan)!)) };
  files.push({ path: "manifest.json", contents: renderManifest(manifest) });
  for (const [name, schemas] of Object.entries(input.dialects)) {
    files.push({ path: `dialects/${name}.ts`, contents: renderDialectModule(name, schemas, CONTRACT_FROM_APP) });
  }
  const values = { tools, gateway, prompts, searchIndex, manifest, dialects: input.dialects, entries, tokens: tokenSummaryOf(entries, META_TOOL_DESCRIPTORS) };
  return { files: files.sort((a, b) => compareCodeUnits(a.path, b.path)), values };
}
