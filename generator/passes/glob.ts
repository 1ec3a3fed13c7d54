// Globs of include/exclude: path globs (`*` within one segment, `**` across segments) and key globs over whole
// `operations:` keys (`*` any run of characters).

const cache = new Map<string, RegExp>();

/** Compiles a path glob to an anchored RegExp. `/**` also matches the bare prefix ("/repos/**" matches "/repos"). */
function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*" && glob[i + 1] === "*") {
      // "/**" may match nothing at all, so "/repos/**" covers "/repos" itself.
      if (source.endsWith("/")) source = source.slice(0, -1) + "(?:/.*)?";
      else source += ".*";
      i++;
    } else if (ch === "*") {
      source += "[^/]*";
    } else {
      source += ch.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  const re = new RegExp(`^${source}$`);
  cache.set(glob, re);
  return re;
}

/** True when `path` (e.g. "/repos/{owner}/{repo}") matches `glob`. */
export function matchesGlob(glob: string, path: string): boolean {
  return globToRegExp(glob).test(path);
}

const keyCache = new Map<string, RegExp>();

/** True when an include/exclude `operations:` entry is a glob over whole keys: it holds `*` or `?`. */
export function isKeyGlob(entry: string): boolean {
  return entry.includes("*") || entry.includes("?");
}

/**
 * True when `key` matches `glob` as a whole: `*` is any run of characters (`/` and spaces too), `?` one
 * character, the rest literal and case-sensitive.
 * @example matchesKeyGlob("issues/*", "issues/list-for-repo") → true; matchesKeyGlob("create*", "Mutation.createProduct") → false
 */
export function matchesKeyGlob(glob: string, key: string): boolean {
  let re = keyCache.get(glob);
  if (!re) {
    const source = [...glob].map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    re = new RegExp(`^${source}$`, "su");
    keyCache.set(glob, re);
  }
  return re.test(key);
}
