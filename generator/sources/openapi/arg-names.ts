// Resolves argument name clashes within one operation, deterministically, never dropping an argument.
//
// Rule: arguments are taken in the order path, query, header, cookie, body, and by wire name within a
// location. Path parameters keep their name (they cannot clash with each other). Any later argument whose
// name is taken is renamed `<in>_<name>` (e.g. GitHub's PATCH /repos/{owner}/{repo}/actions/variables/{name}
// has `name` in the path and in the body: the body one becomes `body_name`); if that is taken too,
// `<in>_<name>_2`, `_3`, … The wire name is kept in `wire`, so the request is unchanged.
import type { ArgPlan } from "../../plan/tool-plan.js";
import type { SpecContext } from "./context.js";
import { reportOnce } from "./context.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

/** What model APIs accept as an input-schema property key (Anthropic and OpenAI). */
const PROPERTY_KEY = /^[a-zA-Z0-9_.-]{1,64}$/;

/**
 * A wire name as a property key the model APIs accept: `page[size]` → `page_size`. The wire name is unchanged,
 * so the request is the same; a sanitised name that then clashes is renamed by the rule above.
 */
export function propertyKeyOf(name: string): string {
  if (PROPERTY_KEY.test(name)) return name;
  const key = name.replace(/[^a-zA-Z0-9_.-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 64);
  return key || "arg";
}

const ORDER: Record<string, number> = { path: 0, query: 1, header: 2, cookie: 3, body: 4, variable: 5 };

/** Returns the args in rule order with clashing ones renamed (GW213 info per rename, at `pointer`). */
export function resolveArgNames<T extends { arg: ArgPlan }>(ctx: SpecContext, items: T[], at: { doc: string; pointer: string }): T[] {
  const sorted = [...items].sort(
    (a, b) => ORDER[a.arg.in] - ORDER[b.arg.in] || compareCodeUnits(a.arg.wire, b.arg.wire) || compareCodeUnits(a.arg.name, b.arg.name),
  );
  const taken = new Set<string>();
  for (const item of sorted) {
    const arg = item.arg;
    arg.name = propertyKeyOf(arg.name);
    if (taken.has(arg.name)) {
      // From the sanitised key, not the wire name: `page[size]` in two places becomes `query_page_size`.
      const stem = propertyKeyOf(`${arg.in}_${arg.name}`);
      let name = stem;
      for (let n = 2; taken.has(name); n++) name = `${stem}_${n}`;
      reportOnce(ctx, `clash:${at.pointer}:${arg.in}:${arg.wire}`, at, {
        code: "GW213",
        severity: "info",
        message: `${arg.in} argument "${arg.name}" clashes with another argument; renamed "${name}" (still sent as "${arg.wire}")`,
      });
      arg.name = name;
    }
    taken.add(arg.name);
  }
  return sorted;
}
