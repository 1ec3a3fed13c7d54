// The JSON shape of the tool search index: written by `gateway build`, read by ToolSearch. Types and constants only.

/** Bump when the shape changes; ToolSearch refuses other versions. */
export const SEARCH_INDEX_VERSION = 1;

/** Term-frequency weight of each field of a tool: a word in the name counts three times one in the description. */
export const FIELD_WEIGHTS = { name: 3, title: 2, tags: 2, description: 1 } as const;

/** One tool as the search reports it: `[name, index into apps, one-line summary]`. */
export type SearchIndexTool = [name: string, app: number, summary: string];

export interface SearchIndexData {
  /** Format version. @example 1 */
  v: number;
  /** App names, sorted; tools refer to them by position. */
  apps: string[];
  /** Tools in index order (app, then name); a tool's position is its id in `postings`. */
  tools: SearchIndexTool[];
  /** Field-weighted length of each tool's text (sum of its weighted term frequencies), by tool id. */
  lens: number[];
  /** Mean of `lens`, rounded to 3 decimals. */
  avg: number;
  /** Every term, sorted by code unit order (so prefix lookups can binary-search). */
  terms: string[];
  /**
   * Postings of `terms[i]`: flat `[gap, tf, gap, tf, …]`, where `gap` is the tool id minus the previous
   * tool id in the list (the first is the id itself) and `tf` the field-weighted term frequency.
   */
  postings: number[][];
}
