// The head-match boost: how closely a tool's name and summary say exactly what the query asks for.
import { tokenize } from "../shared/search-tokenize.js";

/**
 * Jaccard similarity of the query's terms and the tool's head terms (name + summary), in [0, 1].
 * BM25 alone ranks "List issue events for a repository" above "List repository issues" for
 * "list issues in a repository" (a longer description costs more than an extra title word); this
 * rewards the tool whose head says nothing the query did not ask for.
 */
export function coverage(queryTerms: ReadonlySet<string>, headTerms: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of queryTerms) if (headTerms.has(term)) shared++;
  const union = queryTerms.size + headTerms.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The head terms of one tool: its name and summary, tokenized. */
export function headTerms(name: string, summary: string): Set<string> {
  return new Set([...tokenize(name), ...tokenize(summary)]);
}

/** Final score: BM25 scaled by up to 2× for a perfect head match. */
const COVERAGE_BOOST = 1;

export function boosted(bm25: number, cover: number): number {
  return bm25 * (1 + COVERAGE_BOOST * cover);
}
