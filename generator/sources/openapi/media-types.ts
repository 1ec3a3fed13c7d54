// Picks the request/response media type the gateway can speak, deterministically, from what the spec offers.
import type { BodyMediaType } from "../../../runtime/contract.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

export interface MediaChoice {
  /** The key in the spec's `content` map (or `consumes` entry). */
  key: string;
  mediaType: BodyMediaType;
  /** The spec's media type when it differs from `mediaType` and is concrete (not a wildcard). */
  contentType?: string;
}

/**
 * Rank of a media type; lower wins, ties break on the key's code-unit order (never on spec order).
 * JSON first; a wildcard (`*\/*`, Kubernetes) means JSON is accepted; among `+json` variants merge-patch is the
 * one a model can write naturally; then form-urlencoded (Stripe), then multipart, then any text type as a string.
 */
function rank(type: string): { rank: number; mediaType: BodyMediaType } | undefined {
  if (type === "application/json") return { rank: 0, mediaType: "application/json" };
  if (type === "*/*" || type === "application/*") return { rank: 1, mediaType: "application/json" };
  if (type === "application/merge-patch+json") return { rank: 2, mediaType: "application/json" };
  if (type.endsWith("+json") || type === "text/json") return { rank: 3, mediaType: "application/json" };
  if (type === "application/x-www-form-urlencoded") return { rank: 4, mediaType: "application/x-www-form-urlencoded" };
  if (type === "multipart/form-data") return { rank: 5, mediaType: "multipart/form-data" };
  // GitHub's POST /markdown/raw takes text/plain or text/x-markdown: one string argument, sent as it is.
  if (type.startsWith("text/")) return { rank: 6, mediaType: "text/plain" };
  return undefined;
}

/** The best media type among `keys`, or undefined when none is JSON, form, multipart or text. */
export function chooseMediaType(keys: string[]): MediaChoice | undefined {
  let best: { key: string; rank: number; mediaType: BodyMediaType } | undefined;
  for (const key of keys) {
    const type = key.split(";")[0].trim().toLowerCase();
    const r = rank(type);
    if (!r) continue;
    if (!best || r.rank < best.rank || (r.rank === best.rank && compareCodeUnits(key, best.key) < 0)) best = { key, ...r };
  }
  if (!best) return undefined;
  const concrete = best.rank !== 1;
  return { key: best.key, mediaType: best.mediaType, ...(concrete && best.key !== best.mediaType ? { contentType: best.key } : {}) };
}

/** True when a response media type carries JSON. */
export function isJsonMedia(key: string): boolean {
  const type = key.split(";")[0].trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json") || type === "text/json" || type === "*/*";
}
