// Lean rule: a link becomes its text. A model cannot follow a URL in a tool list, so `[List pull
// requests](https://docs.github.com/…)` and `<a href="/docs/…">confirm</a>` cost tokens and say nothing more
// than `List pull requests` and `confirm`.
import type { ToolPlan } from "../../plan/tool-plan.js";
import { mapDescriptions } from "./schema-walk.js";

/** `[text](target)` and `![alt](target)`: the target has no spaces (a parenthesis after `]` in prose has). */
const MARKDOWN_LINK = /!?\[([^\]\n]*)\]\(\s*<?[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*>?(?:\s+"[^"\n]*")?\s*\)/g;
/** `<a …>text</a>`, the text possibly holding other tags. */
const HTML_ANCHOR = /<a\s[^>]*>([\s\S]*?)<\/a\s*>/gi;

export function linkText(text: string): string {
  if (!text.includes("](") && !/<a\s/i.test(text)) return text;
  return text.replace(MARKDOWN_LINK, "$1").replace(HTML_ANCHOR, "$1");
}

export function plainLinks(plan: ToolPlan): ToolPlan {
  return mapDescriptions(plan, linkText);
}
