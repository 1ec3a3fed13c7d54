// The build passes over ToolPlan[], in order: filter → override → name → annotate; plus counts for the CLI.
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolPlan } from "../plan/tool-plan.js";
import { annotate } from "./annotate.js";
import { filter } from "./filter.js";
import { name, nameStats } from "./name.js";
import { override } from "./override.js";

export { annotate, BY_METHOD } from "./annotate.js";
export { filter, isSelected, matchesFilter } from "./filter.js";
export { name, nameStats } from "./name.js";
export { override } from "./override.js";
export { candidateName, maxNameLength, NAME_PATTERN } from "./name-candidate.js";

/** A pass: pure, returns new plans, reports through `report`. */
export type Pass = (plans: ToolPlan[], config: Config, report: Report) => ToolPlan[];

/**
 * The order is the precedence: override drops hidden tools before naming (so they take no name); name
 * puts a gateway.yaml name first; annotate applies method table, then `x-mcp-*`, then gateway.yaml.
 */
export const PASSES: readonly { id: string; run: Pass }[] = [
  { id: "filter", run: filter },
  { id: "override", run: override },
  { id: "name", run: name },
  { id: "annotate", run: annotate },
];

/** What the passes did, for the CLI's summary line. */
export interface PassSummary {
  /** Operations the sources produced. */
  input: number;
  /** Tools left after all passes. */
  kept: number;
  /** Removed by include/exclude. */
  excluded: number;
  /** Removed by `tools.<key>.hidden: true`. */
  hidden: number;
  /** Given a `_<hash>` suffix because their name collided. */
  renamed: number;
  /** Cut to `naming.maxLength` (with a `_<hash>` suffix). */
  shortened: number;
  /** Named in gateway.yaml. */
  named: number;
}

/** Runs every pass in order and counts what each removed or renamed. */
export function runPassesWithSummary(plans: ToolPlan[], config: Config, report: Report): { plans: ToolPlan[]; summary: PassSummary } {
  const sizes: number[] = [plans.length];
  let current = plans;
  for (const pass of PASSES) {
    current = pass.run(current, config, report);
    sizes.push(current.length);
  }
  const stats = nameStats(current, config);
  const summary: PassSummary = {
    input: plans.length,
    kept: current.length,
    excluded: sizes[0]! - sizes[1]!,
    hidden: sizes[1]! - sizes[2]!,
    renamed: stats.renamed,
    shortened: stats.shortened,
    named: stats.fromConfig,
  };
  return { plans: current, summary };
}

/** Runs filter → override → name → annotate; returns the plans sorted by (app, name). */
export function runPasses(plans: ToolPlan[], config: Config, report: Report): ToolPlan[] {
  return runPassesWithSummary(plans, config, report).plans;
}
