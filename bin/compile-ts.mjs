// Compiles a TypeScript entry of this package with esbuild into .cache/ and returns its file URL.
// Dependencies stay external (resolved from node_modules); several processes may compile at once.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function compileTs(entry, name) {
  const outfile = join(root, ".cache", `${name}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  const { outputFiles } = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "error",
    write: false,
  });
  const code = outputFiles[0].text;
  let current;
  try {
    current = readFileSync(outfile, "utf8");
  } catch {}
  if (current !== code) {
    // A private file renamed over the shared one: a concurrent reader never sees half a file.
    const tmp = `${outfile}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, outfile);
  }
  return pathToFileURL(outfile).href;
}
