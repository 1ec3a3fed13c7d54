// Pass 1: keep the operations each app's include/exclude selects; exclude wins over include.
import type { Config, FilterConfig } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolDraft } from "../plan/tool-plan.js";
import { checkReferences } from "./check-references.js";
import { matchesGlob } from "./glob.js";
import { appOf, configLocation, entryMatches, keysOf } from "./keys.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";

/**
 * How one filter list matches a plan. A filter matches when ANY entry of ANY list matches (so an empty
 * filter matches nothing): `include: { tags: [repos], operations: [meta/root] }` keeps both. An `operations`
 * entry with `*` or `?` is a glob over whole keys (`issues/*`, `create*`). Plans without a route (GraphQL)
 * never match `methods` or `paths`; the config stage warns about those lists (GW112).
 */
const RULES: { [K in keyof Required<FilterConfig>]: (entry: string, plan: ToolDraft) => boolean } = {
  tags: (tag, plan) => plan.tags.some((t) => t.toLowerCase() === tag.toLowerCase()),
  operations: (entry, plan) => entryMatches(entry, keysOf(plan)),
  methods: (method, plan) => plan.source.route?.method === method.toUpperCase(),
  paths: (glob, plan) => plan.source.route !== undefined && matchesGlob(glob, plan.source.route.path),
};

/** True when `filter` selects `plan`. */
function matchesFilter(filter: FilterConfig, plan: ToolDraft): boolean {
  return (Object.keys(RULES) as (keyof FilterConfig)[]).some((list) =>
    (filter[list] ?? []).some((entry) => RULES[list](entry, plan)),
  );
}

/** True when the app's include/exclude keeps `plan`. No include keeps everything. */
function isSelected(plan: ToolDraft, include: FilterConfig | undefined, exclude: FilterConfig | undefined): boolean {
  if (include && !matchesFilter(include, plan)) return false;
  return !(exclude && matchesFilter(exclude, plan));
}

export function filter(plans: ToolDraft[], config: Config, report: Report): ToolDraft[] {
  checkReferences(plans, config, report);
  const excluded = new Map<string, number>();
  const kept = plans.filter((plan) => {
    const app = appOf(config, plan.app);
    const keep = isSelected(plan, app?.include, app?.exclude);
    if (!keep) excluded.set(plan.app, (excluded.get(plan.app) ?? 0) + 1);
    return keep;
  });
  for (const [name, count] of [...excluded].sort(([a], [b]) => compareCodeUnits(a, b))) {
    const app = appOf(config, name);
    const total = plans.filter((p) => p.app === name).length;
    const all = count === total;
    const message = `apps.${name}: ${count} of ${total} operation${total === 1 ? "" : "s"} excluded by include/exclude`;
    if (all) report.warn({ code: "GW306", message: `${message}; the app has no tools`, ...configLocation(config, app), help: `check apps.${name}.include and apps.${name}.exclude` });
    else report.info({ code: "GW301", message, ...configLocation(config, app) });
  }
  return kept;
}
