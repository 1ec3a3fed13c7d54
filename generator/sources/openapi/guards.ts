// Small type guards for walking untyped spec JSON.
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

export type Obj = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The string, trimmed, when it is a non-empty string; else undefined. */
export function nonEmpty(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Own keys of an object in code-unit order, so output never depends on spec key order. */
export function sortedKeys(obj: Obj): string[] {
  return Object.keys(obj).sort(compareCodeUnits);
}
