// Schema dialects at run time: each tool's inputSchema rewritten at build time for one model vendor's function
// calling (generator/dialects/), which a connection picks with ?dialect=, --dialect / GATEWAY_DIALECT, or by its
// client's name. The way back from a dialect's arguments is dialect-arguments.ts.

import type { DialectReverse, DialectRuntime, JsonSchema } from "./contract.js";
import { unescapeDataText } from "./packed-tool.js";
import { compareCodeUnits } from "./shared/compare.js";

/** Dialect name → tool name → JSON text of the tool's schema in it; read from the bundle when first needed. */
export type DialectData = () => ReadonlyMap<string, ReadonlyMap<string, string>>;

/** One dialect a connection can be served in. */
export interface Dialect {
  readonly name: string;
  readonly reverse: readonly DialectReverse[];
  /** The tool's inputSchema in this dialect, parsed from the bundle text (the catalog keeps it); undefined for an unknown tool. */
  inputSchema(tool: string): (JsonSchema & { type: "object" }) | undefined;
}

export interface Dialects {
  /** Names, sorted, for `?dialect=` and `--dialect` errors. */
  readonly names: readonly string[];
  /** True when some dialect names client globs: a connection's dialect may then follow its client's name. */
  readonly byClient: boolean;
  get(name: string): Dialect | undefined;
  /** The dialect whose `clients` globs match `clientName` (the first in name order), else null. */
  forClient(clientName: string | undefined): string | null;
}

export const NO_DIALECTS: Dialects = { names: [], byClient: false, get: () => undefined, forClient: () => null };

/**
 * `data`: the bundle's dialect data (or the build's values in tests), read at the first dialect schema a list
 * needs. `runtime`: gateway.yaml's dialects, with their client globs and reverse steps.
 */
export function createDialects(runtime: readonly DialectRuntime[] | undefined, data: DialectData): Dialects {
  if (!runtime || runtime.length === 0) return NO_DIALECTS;
  const byName = new Map<string, Dialect>();
  const matchers: { name: string; patterns: RegExp[] }[] = [];
  for (const { name, clients, reverse } of [...runtime].sort((a, b) => compareCodeUnits(a.name, b.name))) {
    byName.set(name, {
      name,
      reverse,
      inputSchema(tool) {
        const text = data().get(name)?.get(tool);
        return text === undefined ? undefined : (JSON.parse(text) as JsonSchema & { type: "object" });
      },
    });
    if (clients.length > 0) matchers.push({ name, patterns: clients.map(globToRegExp) });
  }
  return {
    names: [...byName.keys()],
    byClient: matchers.length > 0,
    get: (name) => byName.get(name),
    forClient(clientName) {
      if (clientName === undefined) return null;
      return matchers.find(({ patterns }) => patterns.some((p) => p.test(clientName)))?.name ?? null;
    },
  };
}

/** `*` matches any run of characters; everything else itself. Whole-name, case-sensitive. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/**
 * The dialect data comment (generator/bundle-entry.ts writes it): for each dialect a line `@<name>`, then one line
 * per tool of `<tool name>\t<schema JSON>`, each field escaped like the tool data. Read when first asked for, so
 * a server whose clients use no dialect never reads it; schemas stay text until a list needs them.
 */
export function unpackDialectData(source: string): DialectData {
  let data: Map<string, Map<string, string>> | undefined;
  return () => (data ??= readDialectData(source));
}

function readDialectData(source: string): Map<string, Map<string, string>> {
  const start = source.indexOf("/*\n");
  const end = source.lastIndexOf("\n*/");
  const out = new Map<string, Map<string, string>>();
  if (start < 0 || end < start) return out;
  let current: Map<string, string> | undefined;
  for (const line of source.slice(start + 3, end).split("\n")) {
    if (line.startsWith("@")) out.set(line.slice(1), (current = new Map()));
    else if (current && line !== "") {
      const tab = line.indexOf("\t");
      current.set(unescapeDataText(line.slice(0, tab)), unescapeDataText(line.slice(tab + 1)));
    }
  }
  return out;
}
