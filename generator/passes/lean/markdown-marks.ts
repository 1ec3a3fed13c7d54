// Lean rule: markdown marks that only shape how a page renders go: bold and italic markers, GitHub's
// `> [!NOTE]` call-out syntax (kept as a "Note:" word), hard line wraps inside a paragraph and blank lines
// between paragraphs. Code spans, list dashes and table rows stay: they carry meaning.
import type { ToolPlan } from "../../plan/tool-plan.js";
import { mapDescriptions } from "./schema-walk.js";

const CALLOUT = /(^|\n)> \[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\n> /g;
/** A line that must stay on its own: a list item, a quote, a table row, a heading, a fence. */
const BLOCK_LINE = /^\s*(?:[-*+] |\d+[.)] |>|\||#|```)/;

function prose(text: string): string {
  return text
    .replace(/\*\*([^*\n]+?)\*\*/g, "$1")
    .replace(/(^|[\s(])__([^_\n]+?)__(?=[\s.,;:!?)]|$)/g, "$1$2")
    .replace(/(^|[\s(])_([^_\n]+?)_(?=[\s.,;:!?)]|$)/g, "$1$2")
    .replace(/(^|[\s(])\*([^*\n]+?)\*(?=[\s.,;:!?)]|$)/g, "$1$2");
}

/** Joins wrapped lines of one paragraph; drops blank lines between paragraphs. Fenced code stays as written. */
function unwrap(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let fenced = false;
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced || /^\s*```/.test(line)) {
      out.push(line);
      continue;
    }
    if (line.trim() === "") continue;
    const joins = previous !== undefined && !BLOCK_LINE.test(line) && !BLOCK_LINE.test(previous) && !/[.:!?]$/.test(previous.trimEnd());
    if (joins) out[out.length - 1] = `${previous.trimEnd()} ${line.trimStart()}`;
    else out.push(line);
  }
  return out.join("\n");
}

export function withoutMarks(text: string): string {
  if (text.includes("```")) return unwrap(text);
  const called = text.replace(CALLOUT, (_, before: string, kind: string) => `${before}${kind[0]}${kind.slice(1).toLowerCase()}: `);
  // Code spans are left as written: `__init__` and `*` mean themselves there.
  const parts = called.split(/(`[^`\n]*`)/);
  const marked = parts.map((part, i) => (i % 2 === 1 ? part : prose(part))).join("");
  return unwrap(marked).replace(/(^|\n)> /g, "$1");
}

export function dropMarkdownMarks(plan: ToolPlan): ToolPlan {
  return mapDescriptions(plan, withoutMarks);
}
