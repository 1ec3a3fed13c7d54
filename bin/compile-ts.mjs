// Compiles a TypeScript entry of this package with esbuild into .cache/ and returns its file URL.
// Dependencies stay external (resolved from node_modules); several processes may compile at once.
// A compile is reused while none of the files it read has changed since: most runs then start without one.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** What decides a compile besides its inputs: the compiler, its settings and this file. */
const SETTINGS = ["bin/compile-ts.mjs", "tsconfig.json", "package.json", "node_modules/esbuild/package.json"];
/**
 * The coarsest step of file times a checkout may sit on (FAT 2 s; ext3, HFS+ 1 s): a file edited just after the
 * compile read it can carry a time up to this much before the edit, so only older files count as unchanged.
 */
const MTIME_STEP_MS = 2000;

export async function compileTs(entry, name) {
  const outfile = join(root, ".cache", `${name}.mjs`);
  const stampFile = join(root, ".cache", `${name}.inputs.json`);
  // A stamp is for the entry it names: a name reused for another entry (a script outside the package) compiles again.
  const source = relative(root, entry);
  if (isFresh(outfile, stampFile, source)) return pathToFileURL(outfile).href;
  mkdirSync(dirname(outfile), { recursive: true });
  // Before the first read: an edit made while esbuild runs is newer, and the next run compiles again.
  const startedAt = Date.now();
  const esbuild = await import("esbuild");
  const { outputFiles, metafile } = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "error",
    write: false,
    metafile: true,
  });
  const code = outputFiles[0].text;
  let current;
  try {
    current = readFileSync(outfile, "utf8");
  } catch {}
  if (current !== code) writeAtomically(outfile, code);
  // esbuild names inputs relative to the working directory; the stamp names them relative to this package, so
  // a copy of the package with its .cache/ checks its own files.
  const inputs = [...Object.keys(metafile.inputs).map((input) => relative(root, join(process.cwd(), input))), ...SETTINGS];
  writeAtomically(stampFile, JSON.stringify({ entry: source, startedAt, sha256: sha256(code), inputs }));
  return pathToFileURL(outfile).href;
}

/**
 * True when `outfile` is the compile of `entry` that `stampFile` describes (same hash: another process may have
 * replaced one of the two) and no input was modified since that compile started.
 */
function isFresh(outfile, stampFile, entry) {
  try {
    const { entry: compiled, startedAt, sha256: expected, inputs } = JSON.parse(readFileSync(stampFile, "utf8"));
    if (compiled !== entry || sha256(readFileSync(outfile, "utf8")) !== expected) return false;
    return inputs.every((input) => statSync(join(root, input)).mtimeMs < startedAt - MTIME_STEP_MS);
  } catch {
    return false;
  }
}

function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

/** A private file renamed over the shared one: a concurrent reader never sees half a file. */
function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
