#!/usr/bin/env node
// The `gateway` command. Installed (no generator/ beside bin/), it runs the prebuilt dist/cli.mjs and writes
// nothing into its own folder. In a source checkout it compiles the TypeScript CLI into .cache/ (tens of
// milliseconds), so edits take effect without a rebuild.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let cli;
if (existsSync(join(root, "generator", "cli-main.ts"))) {
  const { compileTs } = await import("./compile-ts.mjs");
  cli = await compileTs(join(root, "generator", "cli-main.ts"), "gateway-cli");
} else {
  const built = join(root, "dist", "cli.mjs");
  if (!existsSync(built)) {
    process.stderr.write(`gateway: ${built} is missing: this copy of the package was not packed (npm pack runs \`npm run build:dist\`)\n`);
    process.exit(1);
  }
  cli = pathToFileURL(built).href;
}
const { runCli } = await import(cli);
const exit = await runCli(process.argv.slice(2));
if (exit >= 0) process.exitCode = exit;
