// Parse and check what a connection asks for, its mode, app set and schema dialect, from `?mode=`/`?apps=`/`?dialect=`
// or `--mode`/`--apps`/`--dialect`.

import type { Mode } from "./store.js";

const MODES: readonly Mode[] = ["static", "dynamic"];

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `static` or `dynamic`; anything else names the allowed values. */
export function parseMode(value: string, source: string): Parsed<Mode> {
  if ((MODES as readonly string[]).includes(value)) return { ok: true, value: value as Mode };
  return { ok: false, message: `${source}: unknown mode "${value}"; allowed values: ${MODES.join(", ")}` };
}

/**
 * A comma-separated app list, checked against the known apps, deduplicated and sorted (so equal sets share
 * one cached tool list). Empty entries are ignored; an empty list is an error.
 */
export function parseApps(value: string, known: readonly string[], source: string): Parsed<string[]> {
  const wanted = [...new Set(value.split(",").map((s) => s.trim()).filter(Boolean))].sort();
  if (wanted.length === 0) return { ok: false, message: `${source}: no app named; known apps: ${known.join(", ")}` };
  const unknown = wanted.filter((app) => !known.includes(app));
  if (unknown.length > 0) {
    const list = unknown.map((a) => `"${a}"`).join(", ");
    return { ok: false, message: `${source}: unknown app${unknown.length > 1 ? "s" : ""} ${list}; known apps: ${known.join(", ")}` };
  }
  return { ok: true, value: wanted };
}

/** The name that asks for the portable schemas even where a client-name match would pick a dialect. */
export const PORTABLE = "portable";

/**
 * A schema dialect this server offers (`null` for "portable"); anything else names the known ones. A server
 * without dialects knows only "portable".
 */
export function parseDialect(value: string, known: readonly string[], source: string): Parsed<string | null> {
  if (value === PORTABLE) return { ok: true, value: null };
  if (known.includes(value)) return { ok: true, value };
  const offered = known.length > 0 ? `known dialects: ${[...known, PORTABLE].join(", ")}` : `this server offers none (dialects: in gateway.yaml); known: ${PORTABLE}`;
  return { ok: false, message: `${source}: unknown dialect "${value}"; ${offered}` };
}
