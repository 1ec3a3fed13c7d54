// Warns about gateway.yaml entries that name no operation: include/exclude operations (names or key globs) and
// tags, tools keys.
import type { AppConfig, Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolDraft } from "../plan/tool-plan.js";
import { didYouMeanHelp } from "../../runtime/shared/did-you-mean.js";
import { isKeyGlob } from "./glob.js";
import { configLocation, entryMatches, keysOf, normalizeKey, overrideEntries, toolsPath } from "./keys.js";

/** How keys look, by kind of app: what an unmatched entry's help suggests. */
function keyForms(app: AppConfig): string {
  return app.graphql ? `an operation name or a root field ("repository" or "Query.repository")` : `an operationId or "METHOD /path"`;
}

/** Help for an include/exclude `operations:` entry that matches nothing. */
function entryHelp(entry: string, keys: string[], app: AppConfig): string {
  const source = app.graphql ? "the schema or the operation documents" : "the spec";
  if (!isKeyGlob(entry)) return didYouMeanHelp(entry, keys) ?? `use ${keyForms(app)} from ${source}`;
  const some = keys.slice(0, 3).map((k) => JSON.stringify(k)).join(", ");
  return `the glob must match a whole key (* is any run of characters, case counts)${some ? `; keys look like ${some}` : ""}`;
}

/** Checks every app of `config` against all of its operations (before filtering). */
export function checkReferences(plans: ToolDraft[], config: Config, report: Report): void {
  for (const app of config.apps) {
    checkApp(plans.filter((p) => p.app === app.name), config, app, report);
  }
}

function checkApp(plans: ToolDraft[], config: Config, app: AppConfig, report: Report): void {
  const keys = new Set(plans.flatMap(keysOf));
  const sortedKeys = [...keys].sort();
  const tags = new Set(plans.flatMap((p) => p.tags));
  const lowerTags = new Set([...tags].map((t) => t.toLowerCase()));
  for (const side of ["include", "exclude"] as const) {
    for (const entry of app[side]?.operations ?? []) {
      if (entryMatches(entry, sortedKeys)) continue;
      report.warn({
        code: "GW302",
        message: `apps.${app.name}.${side}.operations: "${entry}" matches no operation of the app`,
        ...configLocation(config, app),
        help: entryHelp(entry, sortedKeys, app),
      });
    }
    for (const tag of app[side]?.tags ?? []) {
      if (lowerTags.has(tag.toLowerCase())) continue;
      report.warn({
        code: "GW303",
        message: `apps.${app.name}.${side}.tags: "${tag}" is not a tag of any operation of the app`,
        ...configLocation(config, app),
        help: didYouMeanHelp(tag, [...tags].sort()) ?? `the spec's tags are: ${[...tags].sort().slice(0, 10).join(", ") || "(none)"}`,
      });
    }
  }
  checkTools(plans, keys, config, app, report);
}

function checkTools(plans: ToolDraft[], keys: Set<string>, config: Config, app: AppConfig, report: Report): void {
  for (const key of Object.keys(app.tools).sort()) {
    if (keys.has(normalizeKey(key))) continue;
    report.warn({
      code: "GW304",
      message: `${toolsPath(app.name, key)} matches no operation of the app`,
      ...configLocation(config, app, key),
      help: didYouMeanHelp(key, [...keys].sort()) ?? `key tools by ${keyForms(app)}`,
    });
  }
  if (Object.keys(app.tools).length < 2) return;
  for (const plan of plans) {
    const entries = overrideEntries(plan, app);
    if (entries.length < 2) continue;
    const [first, ...rest] = entries.map((e) => e.key);
    report.warn({
      code: "GW305",
      message: `${rest.map((k) => toolsPath(app.name, k)).join(", ")} and ${toolsPath(app.name, first!)} address the same operation; "${first}" wins where they differ`,
      ...configLocation(config, app, rest[0]),
      help: `merge them into one entry under tools["${first}"]`,
    });
  }
}
