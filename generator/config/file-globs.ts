// File globs of gateway.yaml (a GraphQL app's `operations:`) → the files they name under the config's directory.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { join, sep } from "node:path";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import { didYouMean } from "../../runtime/shared/did-you-mean.js";

/** One `/`-separated part of a glob: a name, `**` (any number of directories), or a pattern with `*` and `?`. */
type Segment = { kind: "name"; name: string } | { kind: "globstar" } | { kind: "pattern"; pattern: RegExp };

/**
 * Why `glob` is refused, as the end of a sentence about it, or `undefined` when it can be matched: a glob is
 * relative, uses `/` between directories, and never climbs out of its root with `..`.
 * @example globProblem("../specs/*.graphql") → 'climbs out of its directory with ".."'
 */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "is empty";
  if (glob.startsWith("/") || glob.startsWith("\\") || /^[A-Za-z]:/.test(glob)) return "is absolute";
  if (glob.includes("\\")) return 'separates directories with "\\" instead of "/"';
  if (glob.split("/").includes("..")) return 'climbs out of its directory with ".."';
  return undefined;
}

/** `*` any run of characters but `/`, `?` one character, the rest literal. */
function patternOf(segment: string): RegExp {
  let source = "";
  for (const ch of segment) source += ch === "*" ? "[^/]*" : ch === "?" ? "[^/]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${source}$`, "u");
}

/** `./a//b/**` → [a, b, **, *]: `.` and empty parts dropped, repeated `**` merged, a final `**` takes the files below it. */
function segmentsOf(glob: string): Segment[] {
  const parts = glob.split("/").filter((part) => part !== "" && part !== ".");
  if (parts[parts.length - 1] === "**") parts.push("*");
  const segments: Segment[] = [];
  for (const part of parts) {
    if (part === "**") {
      if (segments[segments.length - 1]?.kind !== "globstar") segments.push({ kind: "globstar" });
    } else if (/[*?]/.test(part)) segments.push({ kind: "pattern", pattern: patternOf(part) });
    else segments.push({ kind: "name", name: part });
  }
  return segments;
}

/** Wildcards never enter dot-files, dot-directories or node_modules; a literal name in the glob may. */
function wildcardMayMatch(name: string): boolean {
  return !name.startsWith(".") && name !== "node_modules";
}

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** One expansion: the real path of the root (symlinks must resolve inside it) and the files found so far. */
interface Walk {
  rootReal: string;
  segments: Segment[];
  found: Set<string>;
}

/** "file", "dir" or undefined; a symlink counts only when its target lies inside the root. */
function kindOf(walk: Walk, path: string): "file" | "dir" | undefined {
  try {
    let stats = lstatSync(path);
    if (stats.isSymbolicLink()) {
      const real = realpathSync(path);
      if (real !== walk.rootReal && !real.startsWith(walk.rootReal + sep)) return undefined;
      stats = statSync(path);
    }
    return stats.isFile() ? "file" : stats.isDirectory() ? "dir" : undefined;
  } catch {
    return undefined;
  }
}

/** `name` inside `dir` matched segment `index`: keep it as a file, or go on inside it. */
function enter(walk: Walk, dir: string, rel: string, name: string, index: number): void {
  const kind = kindOf(walk, join(dir, name));
  const path = rel === "" ? name : `${rel}/${name}`;
  if (index === walk.segments.length - 1) {
    if (kind === "file") walk.found.add(path);
  } else if (kind === "dir") visit(walk, join(dir, name), path, index + 1);
}

/** Matches segments from `index` on inside `dir` (`rel` from the root); reads only directories a segment can reach. */
function visit(walk: Walk, dir: string, rel: string, index: number): void {
  const segment = walk.segments[index];
  if (segment === undefined) return;
  if (segment.kind === "name") return enter(walk, dir, rel, segment.name, index);
  if (segment.kind === "pattern") {
    for (const entry of entriesOf(dir)) {
      if (wildcardMayMatch(entry.name) && segment.pattern.test(entry.name)) enter(walk, dir, rel, entry.name, index);
    }
    return;
  }
  visit(walk, dir, rel, index + 1); // `**` as no directory at all
  for (const entry of entriesOf(dir)) {
    // Dirent.isDirectory() is false for a symlink: `**` never follows one, so it cannot loop.
    if (entry.isDirectory() && wildcardMayMatch(entry.name)) {
      visit(walk, join(dir, entry.name), rel === "" ? entry.name : `${rel}/${entry.name}`, index);
    }
  }
}

/**
 * Regular files under `root` that `glob` matches, as `/`-separated paths relative to `root`, in code-unit order.
 * `*` matches within one path segment, `**` across any number of them (`a/**` is every file below `a`), `?` one
 * character; no braces or classes. Wildcards skip names starting with `.` and node_modules; a symlink is followed
 * only when its target is inside `root`, and `**` follows none. Throws when `globProblem` refuses the glob.
 * @example matchFiles("/repo", "graphql/github/*.graphql") → ["graphql/github/issues.graphql", "graphql/github/repo.graphql"]
 */
export function matchFiles(root: string, glob: string): string[] {
  const problem = globProblem(glob);
  if (problem !== undefined) throw new Error(`glob "${glob}" ${problem}: globs are relative to ${root}, use "/" and stay inside it`);
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
  } catch {
    return [];
  }
  const walk: Walk = { rootReal, segments: segmentsOf(glob), found: new Set() };
  visit(walk, rootReal, "", 0);
  return [...walk.found].sort(compareCodeUnits);
}

/**
 * For a glob that matched nothing: the same glob with its first missing literal name replaced by a close name
 * that exists, or `undefined`. Only the names before the first wildcard are checked.
 * @example suggestGlob(root, "graphql/gihub/*.graphql") → "graphql/github/*.graphql"
 */
export function suggestGlob(root: string, glob: string): string | undefined {
  if (globProblem(glob) !== undefined) return undefined;
  const parts = glob.split("/").filter((part) => part !== "" && part !== ".");
  let dir = root;
  for (const [index, part] of parts.entries()) {
    if (/[*?]/.test(part)) return undefined;
    const entries = entriesOf(dir);
    if (entries.some((entry) => entry.name === part)) {
      dir = join(dir, part);
      continue;
    }
    const last = index === parts.length - 1;
    const names = entries.filter((entry) => wildcardMayMatch(entry.name) && (last ? !entry.isDirectory() : !entry.isFile())).map((entry) => entry.name);
    const best = didYouMean(part, names.sort(compareCodeUnits));
    return best === undefined ? undefined : [...parts.slice(0, index), best, ...parts.slice(index + 1)].join("/");
  }
  return undefined;
}
