#!/usr/bin/env node
// `npm start`: build the example gateway, then serve it on 127.0.0.1. Credentials the example's gateway.yaml
// references but the environment lacks get placeholders (said on stderr), so a fresh clone starts and lists its
// tools; calls then reach the real APIs, which answer 401 until real credentials are set.
import { spawnSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = spawnSync(process.execPath, [join(root, "bin", "gateway.mjs"), "build"], { cwd: root, stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);

const env = { ...process.env };
const referenced = new Set([...readFileSync(join(root, "gateway.yaml"), "utf8").matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]));
const placeholders = [...referenced].filter((name) => !env[name]);
for (const name of placeholders) env[name] = `placeholder-${name.toLowerCase()}`;
if (placeholders.length > 0) {
  process.stderr.write(`gateway: ${placeholders.join(", ")} not set: serving with placeholders; set them for real upstream calls\n`);
}
const server = spawn(process.execPath, [join(root, "dist", "server.mjs"), ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
