#!/usr/bin/env node
// The `gateway` command: compiles the TypeScript CLI into .cache/ (tens of milliseconds), then runs it.
import { join } from "node:path";
import { compileTs, root } from "./compile-ts.mjs";

const { runCli } = await import(await compileTs(join(root, "generator", "cli-main.ts"), "gateway-cli"));
const exit = await runCli(process.argv.slice(2));
if (exit >= 0) process.exitCode = exit;
