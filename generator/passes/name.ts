// Pass 3: final tool names: gateway.yaml name, else the candidate within budget; collisions get a pointer hash.
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolDraft, ToolPlan } from "../plan/tool-plan.js";
import { appOf, configLocation, keysOf, overrideFor, toolsPath } from "./keys.js";
import { NAME_PATTERN, candidateName, fitName, maxNameLength, pointerOf, shortHash, withHash } from "./name-candidate.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";

/** One draft while it is being named. */
interface Naming {
  plan: ToolDraft;
  /** The raw candidate (before budget). */
  candidate: string;
  name: string;
  /** True when gateway.yaml set the name: it always wins and is never suffixed. */
  fixed: boolean;
  /** How many times a collision renamed it (0, 1 = pointer hash, 2 = app + pointer hash). */
  renamed: number;
  /** The name it had and the tools it met, at its first collision. */
  collision?: { from: string; others: string[] };
}

/**
 * Collision rounds, in order. Round 1 suffixes the hash of the tool's own pointer; round 2 (same spec file
 * used by two apps, or a suffixed name meeting a natural one) adds the app to the hash input.
 */
const ROUNDS: ((n: Naming) => string)[] = [
  (n) => shortHash(pointerOf(n.plan)),
  (n) => shortHash(`${n.plan.app}:${pointerOf(n.plan)}`),
];

/** A key a human would type for this tool in gateway.yaml. */
const keyOf = (plan: ToolDraft): string => keysOf(plan)[0]!;

/** `apps.github "repos/get"`: a tool in a message. */
const describe = (n: Naming): string => `apps.${n.plan.app} "${keyOf(n.plan)}"`;

export function name(plans: ToolDraft[], config: Config, report: Report): ToolPlan[] {
  const max = maxNameLength(config);
  const sorted = [...plans].sort(
    (a, b) => compareCodeUnits(a.source.file, b.source.file) || compareCodeUnits(a.source.pointer, b.source.pointer) || compareCodeUnits(a.app, b.app),
  );
  const namings = sorted.map((plan) => initialName(plan, config, max, report));
  reportDuplicateFixed(namings, config, report);
  ROUNDS.forEach((hashOf, round) => {
    for (const group of collisions(namings)) {
      for (const n of group) {
        if (n.fixed || n.renamed !== round) continue;
        if (round === 0) n.collision = { from: n.name, others: group.filter((o) => o !== n).map(describe) };
        n.name = withHash(n.candidate, hashOf(n), max);
        n.renamed = round + 1;
      }
    }
  });
  for (const n of namings) if (n.collision) reportRename(n, n.collision, report);
  reportUnresolved(namings, report);
  return namings
    .map(({ plan: { candidate: _, ...plan }, name }): ToolPlan => ({ ...plan, name }))
    .sort((a, b) => compareCodeUnits(a.app, b.app) || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.source.pointer, b.source.pointer));
}

function initialName(plan: ToolDraft, config: Config, max: number, report: Report): Naming {
  const candidate = candidateName(plan);
  const natural: Naming = { plan, candidate, name: fitName(candidate, plan, max), fixed: false, renamed: 0 };
  const app = appOf(config, plan.app);
  const found = overrideFor(plan, app);
  const wanted = found?.override.name;
  if (found === undefined || wanted === undefined) return natural;
  const problem = !NAME_PATTERN.test(wanted)
    ? "must match ^[a-zA-Z0-9_-]{1,64}$"
    : wanted.length > max
      ? `is ${wanted.length} characters, over naming.max_length (${max})`
      : undefined;
  if (problem === undefined) return { ...natural, name: wanted, fixed: true };
  report.error({
    code: "GW311",
    message: `${toolsPath(plan.app, found.key)}.name "${wanted}" ${problem}`,
    ...configLocation(config, app, found.key),
    help: `use letters, digits, "_" or "-", at most ${max} characters, e.g. "${natural.name}"`,
  });
  return natural;
}

/** Groups of two or more namings sharing a name, in first-seen (pointer) order. */
function collisions(namings: Naming[]): Naming[][] {
  const byName = new Map<string, Naming[]>();
  for (const n of namings) byName.set(n.name, [...(byName.get(n.name) ?? []), n]);
  return [...byName.values()].filter((group) => group.length > 1);
}

function reportDuplicateFixed(namings: Naming[], config: Config, report: Report): void {
  for (const group of collisions(namings.filter((n) => n.fixed))) {
    const [first, ...rest] = group;
    for (const n of rest) {
      const key = overrideFor(n.plan, appOf(config, n.plan.app))!.key;
      report.error({
        code: "GW312",
        message: `${toolsPath(n.plan.app, key)}.name "${n.name}" is also given to ${describe(first!)}`,
        ...configLocation(config, appOf(config, n.plan.app), key),
        help: "give each tool its own name in gateway.yaml",
      });
    }
  }
}

function reportRename(n: Naming, collision: { from: string; others: string[] }, report: Report): void {
  report.warn({
    code: "GW310",
    message: `tool name "${collision.from}" of ${describe(n)} collides with ${collision.others.join(", ")}; renamed to "${n.name}"`,
    file: n.plan.source.file,
    pointer: n.plan.source.pointer,
    help: `set ${toolsPath(n.plan.app, keyOf(n.plan))}.name in gateway.yaml`,
  });
}

function reportUnresolved(namings: Naming[], report: Report): void {
  for (const group of collisions(namings)) {
    for (const n of group.filter((m) => !m.fixed)) {
      report.error({
        code: "GW313",
        message: `tool name "${n.name}" of ${describe(n)} is still not unique after hashing its source pointer`,
        file: n.plan.source.file,
        pointer: n.plan.source.pointer,
        help: `set ${toolsPath(n.plan.app, keyOf(n.plan))}.name in gateway.yaml`,
      });
    }
  }
}
