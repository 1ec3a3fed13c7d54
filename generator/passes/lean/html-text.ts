// Lean rule: HTML in a description becomes the plain text (with markdown code spans and list dashes) a
// model reads just as well: Stripe writes every operation description as `<p>…</p>`.
import type { ToolPlan } from "../../plan/tool-plan.js";
import { mapDescriptions } from "./schema-walk.js";

/** Tags the rule knows; anything else in angle brackets (`<owner>/<repo>`, `a < b`) is text and stays. */
const TAG = /<\/?(p|br|code|pre|a|ul|ol|li|strong|b|em|i|span|div|h[1-6]|table|thead|tbody|tr|td|th|blockquote|sup|sub|hr)\b[^<>]*>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/** What a tag turns into: block ends become line breaks, code keeps its backticks, the rest goes. */
function replacement(tag: string, name: string): string {
  const closing = tag.startsWith("</");
  switch (name.toLowerCase()) {
    case "p": case "div": case "ul": case "ol": case "table": case "blockquote": case "pre":
      return closing ? "\n\n" : "";
    case "h1": case "h2": case "h3": case "h4": case "h5": case "h6":
      return closing ? "\n\n" : "";
    case "br": case "hr": case "tr":
      return "\n";
    case "li":
      return closing ? "\n" : "- ";
    case "code":
      return "`";
    case "td": case "th":
      return closing ? " " : "";
    default:
      return "";
  }
}

export function htmlText(text: string): string {
  if (!TAG.test(text)) return text;
  TAG.lastIndex = 0;
  const plain = text
    .replace(TAG, (tag, name: string) => replacement(tag, name))
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n");
  return plain.trim();
}

export function plainHtml(plan: ToolPlan): ToolPlan {
  return mapDescriptions(plan, htmlText);
}
