// Exact token counts of what a model reads: o200k_base (the GPT-4o / GPT-5 encoding), a fair stand-in for the
// other tokenizers, which land near it on JSON. Every count is of JSON text as tools/list sends it.
import { createRequire } from "node:module";
import { sha256Hex, sha256Label } from "../digest.js";

type Encoding = typeof import("gpt-tokenizer/encoding/o200k_base");
let loaded: Encoding | undefined;

/** The encoding, loaded at the first count (~170 ms of its 4.6 MB of ranks): `gateway serve` never pays for it. */
function o200k(): Encoding {
  return (loaded ??= createRequire(import.meta.url)("gpt-tokenizer/encoding/o200k_base") as Encoding);
}

/**
 * A spec's text may hold a special token's spelling (OpenAI's own spec documents `<|endoftext|>`): a model's API
 * reads it as plain text, so it is counted as plain text, not refused.
 */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens of `text`. */
export function tokensOf(text: string): number {
  return o200k().countTokens(text, AS_TEXT);
}

/** The manifest's `listed` hash of a list entry's JSON: the encoding is part of it, so a new one counts again. */
export function listedHashOf(json: string): string {
  return sha256Label(sha256Hex(`o200k_base\n${json}`).slice(0, 16));
}

/**
 * Counts of list entries by their `listed` hash, from the manifest already in generated/: the entries a
 * build did not change are not counted again (on GitHub, ~0.25 s of a ~1.5 s build).
 */
export class TokenCache {
  readonly #known: Map<string, number>;

  constructor(previous: readonly { listed?: unknown; tokens?: unknown }[] = []) {
    this.#known = new Map();
    for (const line of previous) {
      if (typeof line.listed === "string" && Number.isSafeInteger(line.tokens) && (line.tokens as number) >= 0) this.#known.set(line.listed, line.tokens as number);
    }
  }

  /** `json`'s hash and tokens, counted only when no earlier build counted the same text. */
  count(json: string): { listed: string; tokens: number } {
    const listed = listedHashOf(json);
    return { listed, tokens: this.#known.get(listed) ?? tokensOf(json) };
  }
}

/**
 * Characters either side of a `,` between two list entries that decide how the join tokenises. BPE works on
 * pre-token chunks, and only the punctuation run around the comma (`}},{"`) spans two entries.
 */
const SEAM = 24;

/**
 * Tokens of `{"tools":[e1,e2,…]}` from the entries' JSON texts and their own counts, without encoding the
 * whole list again (on GitHub's 1,223 tools that would cost as much as counting every entry did): each entry
 * is counted alone, and each seam adds what joining its neighbours' edges costs beyond counting them apart.
 */
export function listTokensOf(entries: readonly { json: string; tokens: number }[]): number {
  if (entries.length === 0) return tokensOf('{"tools":[]}');
  let total = 0;
  for (const entry of entries) total += entry.tokens;
  total += seamCost("", '{"tools":[', entries[0].json);
  total += seamCost(entries[entries.length - 1].json, "]}", "");
  for (let i = 1; i < entries.length; i++) total += seamCost(entries[i - 1].json, ",", entries[i].json);
  return total;
}

/** What `left + glue + right` costs beyond `left` and `right` alone, judged on their edges. */
function seamCost(left: string, glue: string, right: string): number {
  const tail = left.slice(-SEAM);
  const head = right.slice(0, SEAM);
  return tokensOf(tail + glue + head) - (tail ? tokensOf(tail) : 0) - (head ? tokensOf(head) : 0);
}

/** What the build's summary line reports: tokens of each list a client can be sent at the start. */
export interface TokenSummary {
  /** The tools/list of each app alone (`?apps=<app>`), by app name. */
  apps: Record<string, number>;
  /** The static tools/list of every app. */
  staticList: number;
  /** The initial dynamic-mode tools/list: the meta tools alone. */
  dynamicList: number;
}

/** One tool's tools/list entry as JSON text, its manifest hash and its tokens. */
export interface CountedEntry {
  app: string;
  json: string;
  listed: string;
  tokens: number;
  /** Tokens of the entry with its full inputSchema, when budgets.cut listed it cut. */
  uncut?: number;
}

/** The summary of lists made of `entries` (in list order); `meta` is the dynamic mode's list entries. */
export function tokenSummaryOf(entries: readonly CountedEntry[], meta: readonly unknown[]): TokenSummary {
  const byApp = new Map<string, CountedEntry[]>();
  for (const entry of entries) {
    const list = byApp.get(entry.app);
    if (list) list.push(entry);
    else byApp.set(entry.app, [entry]);
  }
  const apps: Record<string, number> = {};
  for (const [app, appEntries] of byApp) apps[app] = listTokensOf(appEntries);
  return { apps, staticList: listTokensOf(entries), dynamicList: tokensOf(JSON.stringify({ tools: meta })) };
}
