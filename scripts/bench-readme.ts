// Copies bench/results/latest.md (written by a full `npm run bench`) into README.md between the
// `<!-- bench:begin -->` and `<!-- bench:end -->` markers. `--check` exits 1 when the README block is stale.
//
// Usage: node bin/run-ts.mjs scripts/bench-readme.ts [--check]

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BEGIN = "<!-- bench:begin (generated from bench/results/latest.md by scripts/bench-readme.ts; do not edit) -->";
const END = "<!-- bench:end -->";

const repo = fileURLToPath(new URL("..", import.meta.url));
const readmePath = join(repo, "README.md");
const readme = readFileSync(readmePath, "utf8");
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  process.stderr.write(`bench-readme: README.md has no ${BEGIN} … ${END} block\n`);
  process.exit(1);
}
// The report's own "# gateway bench" title is dropped: the README section has one.
const table = readFileSync(join(repo, "bench/results/latest.md"), "utf8").replace(/^# .*\n+/, "");
const next = `${readme.slice(0, start)}${BEGIN}\n${table.trimEnd()}\n${readme.slice(end)}`;
if (process.argv.includes("--check")) {
  if (next !== readme) {
    process.stderr.write("bench-readme: README.md's benchmark block differs from bench/results/latest.md; run node bin/run-ts.mjs scripts/bench-readme.ts\n");
    process.exit(1);
  }
} else if (next !== readme) {
  writeFileSync(readmePath, next);
  process.stderr.write("bench-readme: README.md updated from bench/results/latest.md\n");
}
