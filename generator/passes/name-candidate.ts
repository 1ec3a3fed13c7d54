// Tool-name building blocks: the candidate the source suggested, the length budget, the hash suffix.
import { sha256Hex } from "../digest.js";
import type { Config } from "../config/types.js";
import type { SourceRef, ToolDraft } from "../plan/tool-plan.js";

/** What the OpenAI and Anthropic APIs accept as a tool name. */
export const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Used when `naming.maxLength` is absent: 64 minus room for a client prefix such as `mcp__server__`. */
const DEFAULT_MAX_LENGTH = 48;

/** Length of the `_<hash>` suffix: an underscore and 6 hex characters. */
const SUFFIX_LENGTH = 7;

/** The configured budget, clamped to what the pattern allows and to room for a suffix. */
export function maxNameLength(config: Config): number {
  const wanted = config.naming?.maxLength ?? DEFAULT_MAX_LENGTH;
  return Math.min(64, Math.max(SUFFIX_LENGTH + 1, Math.floor(wanted)));
}

/**
 * Snake case: `issues/list-for-repo` → `issues_list_for_repo`, `getHTTPServerById` → `get_http_server_by_id`.
 * Word boundaries (camelCase, acronyms, non-word runs) become one `_`, trimmed at both ends.
 */
export function sanitizeName(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * The name before budget and collisions: the source's candidate sanitised, else the first of its keys that
 * sanitises to something (`GET /repos/{owner}` → `get_repos_owner`), else `tool`.
 */
export function candidateName(draft: Pick<ToolDraft, "candidate" | "source">): string {
  for (const text of [draft.candidate, ...draft.source.keys]) {
    const name = sanitizeName(text);
    if (name !== "") return name;
  }
  return "tool";
}

/** First 6 hex characters of sha256(text). */
export function shortHash(text: string): string {
  return sha256Hex(text).slice(0, 6);
}

/** The hash input identifying a plan: `specs/github.json#/paths/~1repos/get`, stable under spec reordering. */
export function pointerOf(plan: { source: SourceRef }): string {
  return `${plan.source.file}#${plan.source.pointer}`;
}

/** `base` cut to fit `max` with the suffix, then `_<hash>`. */
export function withHash(base: string, hash: string, max: number): string {
  const cut = base.slice(0, max - SUFFIX_LENGTH).replace(/_+$/, "");
  return `${cut}_${hash}`;
}

/** The candidate within the budget: unchanged when short enough, else cut and suffixed with its pointer hash. */
export function fitName(candidate: string, plan: { source: SourceRef }, max: number): string {
  return candidate.length <= max ? candidate : withHash(candidate, shortHash(pointerOf(plan)), max);
}
