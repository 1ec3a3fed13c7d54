// Pass: what a model reads first. Every tool gets a title (the spec's, else one made readable from its name),
// a description whose first sentence says what it does, and deprecated operations are marked or left out
// (`deprecated: mark | exclude`). Runs before the override pass, so a gateway.yaml title or description wins.
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolDraft } from "../plan/tool-plan.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import { appOf, configLocation } from "./keys.js";
import { titleFromName } from "../plan/title.js";

/**
 * Openings that are not a sentence about the operation: a markdown heading, quote or admonition, a list, a
 * table, a code fence, an HTML tag, a link or bare URL, an emphasised or plain "Note:"/"Warning:" lead-in.
 */
const NOT_A_SENTENCE = [
  /^#{1,6}\s/,
  /^>/,
  /^[-*+]\s/,
  /^\d+[.)]\s/,
  /^\|/,
  /^```/,
  /^</,
  /^!?\[[^\]]*\]\(/,
  /^https?:\/\//i,
  /^(\*\*|__)?(note|warning|important|caution|tip|deprecated|beta|preview|notice)\b[^\n]{0,40}?:/i,
];

/** True when `text` opens with a sentence, not with one of NOT_A_SENTENCE (a `<p>` wrapping it, as Stripe's do, is not in the way). */
export function opensWithSentence(text: string): boolean {
  const start = text.trimStart().replace(/^<p(\s[^>]*)?>\s*/i, "");
  return start !== "" && !NOT_A_SENTENCE.some((pattern) => pattern.test(start));
}

/** `title` as a sentence: a full stop added unless it ends in one. */
function asSentence(title: string): string {
  const trimmed = title.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The description with a first sentence that says what the tool does: as written when it opens with a
 * sentence; else the title as a sentence, then what was written (the title alone when nothing was).
 */
export function leadDescription(description: string, title: string, keys: readonly string[]): string {
  const text = description.trim();
  // A source's fallback is one of its own keys ("GET /pets", "Query.viewer"): no sentence at all.
  const written = keys.includes(text) ? "" : text;
  if (opensWithSentence(written)) return written;
  if (written === "" || written === title.trim()) return title.trim();
  return `${asSentence(title)} ${written}`;
}

/** "Deprecated: …" first in the description, "(deprecated)" last in the title; the reason when there is one. */
function markDeprecated(draft: Pick<ToolDraft, "title" | "description">, reason: string | undefined): { title: string; description: string } {
  const why = reason?.trim().replace(/\.$/, "");
  return {
    title: `${draft.title} (deprecated)`,
    description: `Deprecated${why ? ` (${why})` : ""}: ${draft.description}`,
  };
}

export function describe(drafts: ToolDraft[], config: Config, report: Report): ToolDraft[] {
  const excluded = new Map<string, number>();
  const out: ToolDraft[] = [];
  for (const draft of drafts) {
    const policy = appOf(config, draft.app)?.deprecated ?? "mark";
    if (draft.deprecated && policy === "exclude") {
      excluded.set(draft.app, (excluded.get(draft.app) ?? 0) + 1);
      continue;
    }
    const title = draft.title?.trim() ? draft.title : titleFromName(draft.source.operationId ?? draft.candidate);
    const described = { ...draft, title, description: leadDescription(draft.description, title, draft.source.keys) };
    out.push(draft.deprecated ? { ...described, ...markDeprecated(described, draft.deprecated.reason) } : described);
  }
  for (const [name, count] of [...excluded].sort(([a], [b]) => compareCodeUnits(a, b))) {
    const message = `apps.${name}: ${count} deprecated operation${count === 1 ? "" : "s"} left out (deprecated: exclude)`;
    report.info({ code: "GW307", message, ...configLocation(config, appOf(config, name)) });
  }
  return out;
}
