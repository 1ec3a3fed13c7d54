// How gateway.yaml refers to an operation: its keys (operationId or "METHOD /path"; operation or root field
// name), include/exclude entries and key globs over them, and the `tools:` entry of a plan.
import type { AppConfig, Config, Position, ToolOverride } from "../config/types.js";
import type { SourceRef } from "../plan/tool-plan.js";
import { isKeyGlob, matchesKeyGlob } from "./glob.js";

/** What the key helpers read of a draft or a plan. */
type Addressed = { source: SourceRef };

/** "get /pets" → "GET /pets"; operationIds are kept as written. */
export function normalizeKey(key: string): string {
  const m = /^([A-Za-z]+)\s+(\/.*)$/.exec(key.trim());
  return m ? `${m[1]!.toUpperCase()} ${m[2]}` : key;
}

/** Every key gateway.yaml may use for this plan, normalised, in `source.keys` order (the one a human types first). */
export function keysOf(plan: Addressed): string[] {
  const keys = plan.source.keys.map(normalizeKey);
  if (plan.source.operationId !== undefined) keys.push(plan.source.operationId);
  return [...new Set(keys)];
}

/** True when an include/exclude `operations:` entry names one of `keys` (from `keysOf`): equal, or matched as a key glob. */
export function entryMatches(entry: string, keys: readonly string[]): boolean {
  const normalized = normalizeKey(entry);
  return isKeyGlob(normalized) ? keys.some((key) => matchesKeyGlob(normalized, key)) : keys.includes(normalized);
}

/** The `tools:` entries of `app` that address `plan`, in the order of the plan's keys. */
export function overrideEntries(plan: Addressed, app: AppConfig | undefined): { key: string; override: ToolOverride }[] {
  if (!app) return [];
  const byKey = new Map<string, string>();
  for (const key of Object.keys(app.tools)) byKey.set(normalizeKey(key), key);
  const entries: { key: string; override: ToolOverride }[] = [];
  for (const key of keysOf(plan)) {
    const written = byKey.get(key);
    if (written !== undefined) entries.push({ key: written, override: app.tools[written]! });
  }
  return entries;
}

/** The plan's override, field by field from its entries; the first entry (operationId) wins a conflict. */
export function overrideFor(plan: Addressed, app: AppConfig | undefined): { key: string; override: ToolOverride } | undefined {
  const entries = overrideEntries(plan, app);
  if (entries.length === 0) return undefined;
  const override: ToolOverride = {};
  let annotations: ToolOverride["annotations"];
  for (const entry of [...entries].reverse()) {
    Object.assign(override, entry.override);
    if (entry.override.annotations) annotations = { ...annotations, ...entry.override.annotations };
  }
  if (annotations) override.annotations = annotations;
  else delete override.annotations;
  return { key: entries[0]!.key, override };
}

/** Looks up the config of the plan's app. */
export function appOf(config: Config, name: string): AppConfig | undefined {
  return config.apps.find((app) => app.name === name);
}

/** Where `apps.<app>.tools.<key>` sits in gateway.yaml, else the app itself, for a diagnostic. */
export function configLocation(config: Config, app: AppConfig | undefined, key?: string): { file: string } & Partial<Position> {
  const position = (key !== undefined ? app?.positions.tools[key] : undefined) ?? app?.positions.app;
  return position ? { file: config.file, line: position.line, column: position.column } : { file: config.file };
}

/** `apps.github.tools["repos/get"]`: how a help text names a tools entry. */
export function toolsPath(app: string, key: string): string {
  return `apps.${app}.tools[${JSON.stringify(key)}]`;
}
