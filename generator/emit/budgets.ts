// gateway.yaml `budgets:`: the token budget of each tool and of each list, resolved from its levels (top level,
// app, tool), and the diagnostics that name what is over and how to bring it under.
import type { AppConfig, BudgetConfig, Config, Position } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import { appOf, keysOf, overrideFor, toolsPath } from "../passes/keys.js";
import type { ToolPlan } from "../plan/tool-plan.js";
import type { Tool } from "../../runtime/contract.js";
import { canonicalJson } from "./literal.js";
import { depthOf as cutDepthOf } from "./cut.js";
import { listEntryOf } from "./tool-object.js";
import { tokensOf, type CountedEntry, type TokenSummary } from "./tokens.js";

/** A tool's budget after merging its levels; only tools with a `tool_tokens` somewhere have one. */
export interface ToolBudget {
  toolTokens: number;
  strict: boolean;
  cut?: "depth";
  /** Where the `tool_tokens` in force is written. */
  at?: Position;
  /** Its gateway.yaml path. @example "apps.github.budgets.tool_tokens" */
  path: string;
}

/** How many of a tool's largest parts besides its description an over-budget diagnostic names. */
const PARTS_SHOWN = 3;
/** How many of the largest tools an over-budget list diagnostic names. */
const TOOLS_SHOWN = 5;

/** The budget of `plan`: its `tools:` entry's keys over its app's over the top level's. */
export function toolBudgetOf(plan: Pick<ToolPlan, "app" | "source">, config: Config): ToolBudget | undefined {
  const app = appOf(config, plan.app);
  const entry = overrideFor(plan, app);
  const levels: [BudgetConfig | undefined, string][] = [
    [config.budgets, "budgets"],
    [app?.budgets, `apps.${plan.app}.budgets`],
    [entry?.override.budgets, entry ? `${toolsPath(plan.app, entry.key)}.budgets` : ""],
  ];
  let budget: Partial<ToolBudget> = { strict: false };
  for (const [level, path] of levels) {
    if (!level) continue;
    if (level.toolTokens !== undefined) budget = { ...budget, toolTokens: level.toolTokens, at: level.positions.toolTokens, path: `${path}.tool_tokens` };
    if (level.strict !== undefined) budget.strict = level.strict;
    if (level.cut !== undefined) budget.cut = level.cut;
  }
  return budget.toolTokens === undefined ? undefined : (budget as ToolBudget);
}

/**
 * Reports each tool over its `tool_tokens` (GW403) and each list over its `list_tokens` (GW404): warnings,
 * or errors under `strict: true`. Reads the counts emit made (each tool's entry, in `tools` order, and the summary).
 */
export function checkBudgets(config: Config, plans: readonly ToolPlan[], values: { tools: readonly Tool[]; entries: readonly CountedEntry[]; tokens: TokenSummary }, report: Report): void {
  const { tools, tokens: summary } = values;
  const planOf = new Map(plans.map((plan) => [`${plan.app}/${plan.name}`, plan]));
  const tokens = values.entries.map((entry) => entry.tokens);
  tools.forEach((tool, i) => {
    const plan = planOf.get(`${tool.app}/${tool.name}`)!;
    const budget = toolBudgetOf(plan, config);
    if (budget && tokens[i] > budget.toolTokens) reportTool(config, plan, tool, tokens[i], budget, report);
    if (budget && tool.listedInputSchema) {
      const full = values.entries[i].uncut!;
      report.info({
        code: "GW405",
        message: `tool ${plan.app}/${plan.name}: tools/list shows its inputSchema with ${levels(cutDepthOf(tool.listedInputSchema))} of object fields, deeper ones named only (${fmt(full)} → ${fmt(tokens[i])} tokens, budget ${fmt(budget.toolTokens)}); calls are validated against the full schema`,
        ...at(config, budget.at),
      });
    }
  });
  const largest = tools
    .map((tool, i) => ({ name: `${tool.app}/${tool.name}`, app: tool.app, tokens: tokens[i] }))
    .sort((a, b) => b.tokens - a.tokens || (a.name < b.name ? -1 : 1));
  const overList = (level: BudgetConfig, total: number, what: string, path: string, apps: [string, number][], strict: boolean) => {
    if (level.listTokens === undefined || total <= level.listTokens) return;
    const names = largest.filter((tool) => apps.some(([app]) => app === tool.app)).slice(0, TOOLS_SHOWN);
    const byApp = apps.length > 1 ? `; apps: ${apps.map(([app, n]) => `${app} ${fmt(n)}`).join(", ")}` : "";
    const d = {
      code: "GW404" as const,
      message: `${what} takes ${fmt(total)} tokens, ${fmt(total - level.listTokens)} over its budget of ${fmt(level.listTokens)} (${path})${byApp}; largest tools: ${names.map((t) => `${t.name} ${fmt(t.tokens)}`).join(", ")}`,
      ...at(config, level.positions.listTokens),
      help: `leave tools out with apps.<app>.exclude (operations, tags or paths), give the largest tools budgets: { tool_tokens: N, cut: depth }, or serve mode: dynamic, whose first tools/list takes ${fmt(summary.dynamicList)} tokens`,
    };
    if (strict) report.error(d);
    else report.warn(d);
  };
  const appTotals = Object.entries(summary.apps);
  overList(config.budgets, summary.staticList, "the static tools/list", "budgets.list_tokens", appTotals, config.budgets.strict === true);
  for (const app of config.apps) {
    if (!app.budgets) continue;
    overList(app.budgets, summary.apps[app.name] ?? 0, `app ${app.name}'s tools/list`, `apps.${app.name}.budgets.list_tokens`, [[app.name, summary.apps[app.name] ?? 0]], (app.budgets.strict ?? config.budgets.strict) === true);
  }
}

function reportTool(config: Config, plan: ToolPlan, tool: Tool, tokens: number, budget: ToolBudget, report: Report): void {
  const parts = largestParts(tool);
  const description = parts.find((p) => p.part === "description")!;
  const others = parts.filter((p) => p !== description).slice(0, PARTS_SHOWN);
  const d = {
    code: "GW403" as const,
    message: `tool ${plan.app}/${plan.name} takes ${fmt(tokens)} tokens, ${fmt(tokens - budget.toolTokens)} over its budget of ${fmt(budget.toolTokens)} (${budget.path}); description ${fmt(description.tokens)}, largest parts: ${others.map((p) => `${p.part} ${fmt(p.tokens)}`).join(", ")}`,
    ...at(config, budget.at),
    help: fixOf(appOf(config, plan.app), plan, parts[0]!.part, budget),
  };
  if (budget.strict) report.error(d);
  else report.warn(d);
}

/** The parts of a tool's list entry, largest first: description, each top-level input property, $defs, outputSchema. */
function largestParts(tool: Tool): { part: string; tokens: number }[] {
  const entry = listEntryOf(tool);
  const count = (value: unknown) => tokensOf(canonicalJson(value));
  const parts: { part: string; tokens: number }[] = [{ part: "description", tokens: count(entry.description) }];
  if (entry.title !== undefined) parts.push({ part: "title", tokens: count(entry.title) });
  const input = entry.inputSchema;
  for (const [name, schema] of Object.entries((input.properties ?? {}) as Record<string, unknown>)) {
    parts.push({ part: `inputSchema.properties.${name}`, tokens: count({ [name]: schema }) });
  }
  if (input.$defs !== undefined) parts.push({ part: "inputSchema.$defs", tokens: count(input.$defs) });
  if (entry.outputSchema !== undefined) parts.push({ part: "outputSchema", tokens: count(entry.outputSchema) });
  return parts.sort((a, b) => b.tokens - a.tokens || (a.part < b.part ? -1 : 1));
}

/** The gateway.yaml keys that bring this tool under budget, the one for its largest part first. */
function fixOf(app: AppConfig | undefined, plan: ToolPlan, largest: string, budget: ToolBudget): string {
  const key = overrideFor(plan, app)?.key ?? keysOf(plan)[0]!;
  const entry = toolsPath(plan.app, key);
  const describe = `write a shorter ${entry}.description`;
  const cut = budget.cut ? undefined : `cut its nested schemas with ${entry}.budgets.cut: depth`;
  const fixes = largest === "description" || largest === "title" ? [describe, cut] : [cut, describe];
  fixes.push(`leave it out with ${entry}.hidden: true`, `or raise ${entry}.budgets.tool_tokens`);
  return fixes.filter(Boolean).join(", ");
}

function at(config: Config, position: Position | undefined): { file: string; line?: number; column?: number } {
  return position ? { file: config.file, line: position.line, column: position.column } : { file: config.file };
}

function levels(n: number): string {
  return `${n} level${n === 1 ? "" : "s"}`;
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}
