// Path globs for include/exclude: `*` matches within one path segment, `**` across any number of segments.

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
