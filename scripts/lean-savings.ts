// What each lean rule saves on the real GitHub, Stripe and Kubernetes specs, in o200k tokens of the static
// tools/list of a build with nothing configured but the spec, counted as the build counts it (each entry's
// `listEntryJson`, the text the bundle sends). Each rule is switched off alone against all of them on; rules overlap (a link inside a reference
// sentence), so the column does not add up to the total. Prints a markdown table for README.md.
// Run: node bin/run-ts.mjs scripts/lean-savings.ts [github,stripe,kubernetes]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { loadConfig } from "../generator/config/load.js";
import { Report } from "../generator/diagnostics/diagnostic.js";
import { tokensOf } from "../generator/emit/tokens.js";
import { listEntryJson, toolObjectOf } from "../generator/emit/tool-object.js";
import { runPasses } from "../generator/passes/index.js";
import { LEAN_RULE_NAMES, type LeanRule } from "../generator/passes/lean/index.js";
import type { ToolDraft } from "../generator/plan/tool-plan.js";
import { loadSource } from "../generator/sources/index.js";

/** Not a pass: list entries carry annotations in the listed form (runtime/shared/listed-annotations.ts). */
const LISTED_ANNOTATIONS = "listed-annotations";
type Row = LeanRule | typeof LISTED_ANNOTATIONS;

const apps = (process.argv[2] ?? "github,stripe,kubernetes").split(",");

async function draftsOf(app: string): Promise<{ drafts: ToolDraft[]; run: (rules: readonly LeanRule[], listed: boolean) => number }> {
  const root = mkdtempSync(join(tmpdir(), "lean-savings-"));
  try {
    mkdirSync(join(root, "specs"));
    writeFileSync(join(root, "specs", `${app}.json`), gunzipSync(readFileSync(`test/fixtures/specs/real/${app}.json.gz`)));
    const report = new Report();
    const config = loadConfig(join(root, "gateway.yaml"), report, `name: real\napps:\n  ${app}:\n    openapi: specs/${app}.json\n`);
    if (!config) throw new Error(`${app}: config refused`);
    const source = await loadSource(config.apps[0]!, config, report);
    if (!source) throw new Error(`${app}: spec refused`);
    const drafts = source.drafts;
    const run = (rules: readonly LeanRule[], listed: boolean) => {
      const entries = runPasses(drafts, config, new Report(), rules).map((plan) => {
        const tool = toolObjectOf(plan);
        return listed ? listEntryJson(tool) : JSON.stringify({ ...JSON.parse(listEntryJson(tool)), annotations: tool.annotations });
      });
      return tokensOf(`{"tools":[${entries.join(",")}]}`);
    };
    return { drafts, run };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const savings = new Map<Row, number[]>();
const totals: { app: string; tools: number; before: number; after: number }[] = [];
for (const app of apps) {
  const { drafts, run } = await draftsOf(app);
  const after = run(LEAN_RULE_NAMES, true);
  const before = run([], false);
  for (const rule of LEAN_RULE_NAMES) savings.set(rule, [...(savings.get(rule) ?? []), run(LEAN_RULE_NAMES.filter((r) => r !== rule), true) - after]);
  savings.set(LISTED_ANNOTATIONS, [...(savings.get(LISTED_ANNOTATIONS) ?? []), run(LEAN_RULE_NAMES, false) - after]);
  totals.push({ app, tools: drafts.length, before, after });
  process.stderr.write(`${app}: ${before} → ${after}\n`);
}

const n = (value: number) => value.toLocaleString("en-US");
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const lines = [
  `| rule | ${totals.map((t) => t.app).join(" | ")} |`,
  `|---|${totals.map(() => "--:").join("|")}|`,
  ...[...savings].map(([rule, saved]) => `| ${rule} | ${saved.map((s, i) => `${n(s)} (${pct(s, totals[i]!.before)})`).join(" | ")} |`),
  `| **before** (no lean rule, four hints) | ${totals.map((t) => n(t.before)).join(" | ")} |`,
  `| **after** (default) | ${totals.map((t) => `${n(t.after)} (−${pct(t.before - t.after, t.before)})`).join(" | ")} |`,
];
console.log(lines.join("\n"));
