#!/usr/bin/env node
// Runs one TypeScript script of this package (bench/, scripts/): `node bin/run-ts.mjs bench/run.ts [args…]`.
import { basename, resolve } from "node:path";
import { compileTs } from "./compile-ts.mjs";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node bin/run-ts.mjs <file.ts> [args…]\n");
  process.exit(2);
}
process.argv = [process.argv[0], resolve(entry), ...args];
await import(await compileTs(resolve(entry), `script-${basename(entry, ".ts")}`));
