// ToolSearch: BM25 search over the build-time index, parsed lazily at the first query.
import { addTermScores } from "./bm25.js";
import { boosted, coverage, headTerms } from "./coverage.js";
import { SEARCH_INDEX_VERSION, type SearchIndexData } from "../shared/search-index-format.js";
import { tokenize } from "../shared/search-tokenize.js";
import { compareCodeUnits } from "../shared/compare.js";

/** One search hit. */
export interface ToolSearchHit {
  /** The MCP tool name. @example "issues_list_for_repo" */
  name: string;
  /** The app the tool belongs to. @example "github" */
  app: string;
  /** One-line summary: the title, else the description's first sentence. */
  summary: string;
  /** BM25 score, rounded to 4 decimals; higher is better. */
  score: number;
}

export interface ToolSearchOptions {
  /** Most hits returned. @default 10 */
  limit?: number;
  /** Keeps only tools it returns true for (e.g. the session's apps). @default every tool */
  allowed?: (name: string) => boolean;
}

/** A query word absent from the index matches index terms it is a prefix of ("deploy" → "deployment"), at this weight. */
const PREFIX_WEIGHT = 0.5;
/** Most index terms one missing query word expands to. */
const PREFIX_EXPANSIONS = 8;
const MIN_PREFIX = 3;

export const DEFAULT_LIMIT = 10;

function parse(json: string): SearchIndexData {
  const data = JSON.parse(json) as SearchIndexData;
  if (data.v !== SEARCH_INDEX_VERSION) {
    throw new Error(`search index version ${String(data.v)} is not ${SEARCH_INDEX_VERSION}: rebuild with \`gateway build\``);
  }
  return data;
}

/** First position in sorted `terms` whose term is ≥ `key`. */
function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class ToolSearch {
  readonly #json: string;
  #data: SearchIndexData | undefined;
  /** Head terms (name + summary) by tool id, tokenized on first use. */
  readonly #heads: (Set<string> | undefined)[] = [];

  /** `json` is `SEARCH_INDEX` from generated/search-index.ts; nothing is parsed until the first search. */
  constructor(json: string) {
    this.#json = json;
  }

  get #index(): SearchIndexData {
    return (this.#data ??= parse(this.#json));
  }

  /** Number of tools in the index (parses it). */
  get size(): number {
    return this.#index.tools.length;
  }

  /** Index positions of `term` (exact), or of up to PREFIX_EXPANSIONS terms it prefixes when it is absent. */
  #lookup(term: string): { at: number; weight: number }[] {
    const { terms } = this.#index;
    const at = lowerBound(terms, term);
    if (terms[at] === term) return [{ at, weight: 1 }];
    if (term.length < MIN_PREFIX) return [];
    const found: number[] = [];
    for (let i = at; i < terms.length && terms[i]!.startsWith(term); i++) found.push(i);
    found.sort((a, b) => terms[a]!.length - terms[b]!.length || a - b);
    return found.slice(0, PREFIX_EXPANSIONS).map((i) => ({ at: i, weight: PREFIX_WEIGHT }));
  }

  /**
   * Best tools for `query`: BM25 over the field-weighted index, scaled by how well the tool's name and
   * summary cover the query (coverage.ts); ties broken by name. Tools scoring 0 are never returned.
   */
  search(query: string, options: ToolSearchOptions = {}): ToolSearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const querySet = new Set(tokenize(query));
    if (limit <= 0 || querySet.size === 0) return [];
    const index = this.#index;
    const stats = { count: index.tools.length, lens: index.lens, avg: index.avg };
    const scores = new Float64Array(index.tools.length);
    for (const term of querySet) {
      for (const { at, weight } of this.#lookup(term)) addTermScores(stats, index.postings[at]!, weight, scores);
    }
    const hits: number[] = [];
    for (let id = 0; id < scores.length; id++) {
      if (scores[id]! > 0 && (!options.allowed || options.allowed(index.tools[id]![0]))) hits.push(id);
    }
    for (const id of hits) {
      const [toolName, , summary] = index.tools[id]!;
      const head = (this.#heads[id] ??= headTerms(toolName, summary));
      // Rounded before sorting, so hits showing equal scores are in name order.
      scores[id] = Math.round(boosted(scores[id]!, coverage(querySet, head)) * 10_000) / 10_000;
    }
    const name = (id: number): string => index.tools[id]![0];
    hits.sort((a, b) => scores[b]! - scores[a]! || compareCodeUnits(name(a), name(b)));
    return hits.slice(0, limit).map((id) => {
      const [toolName, app, summary] = index.tools[id]!;
      return { name: toolName, app: index.apps[app]!, summary, score: scores[id]! };
    });
  }
}
