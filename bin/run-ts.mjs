#!/usr/bin/env node
// Runs one TypeScript script of this package (bench/, scripts/): `node bin/run-ts.mjs bench/run.ts [args…]`.
import { basename, isAbsolute, relative, resolve } from "node:path";
import { compileTs, root } from "./compile-ts.mjs";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node bin/run-ts.mjs <file.ts> [args…]\n");
  process.exit(2);
}
process.argv = [process.argv[0], resolve(entry), ...args];
// A script of the package is named by its path there, so bench/load.ts and scripts/load.ts never share one
// compiled file; one from elsewhere (a test's temporary script) by its file name, so reruns reuse one file.
const inside = relative(root, resolve(entry));
const name = (inside.startsWith("..") || isAbsolute(inside) ? basename(entry) : inside).replace(/\.ts$/, "").replace(/[^A-Za-z0-9_-]+/g, "-");
await import(await compileTs(resolve(entry), `script-${name}`));
