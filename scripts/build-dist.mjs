#!/usr/bin/env node
// `npm run build:dist` (and `prepack`): the prebuilt files an installed package runs, so it never compiles
// TypeScript into its own folder. Writes only its own outputs under dist/ (dist/server.mjs of the example stays):
//   dist/cli.mjs      the `gateway` command (bin/gateway.mjs imports it when generator/ is absent)
//   dist/index.mjs    the public API (`import { build } from "mcp-gateway-compiler"`)
//   dist/chunks/      code the two share
//   dist/runtime.mjs  the server runtime that `gateway build` bundles with a project's generated/
//   dist/contract.mjs an empty module for "./contract" (types only; lets a side-effect import resolve)
//   dist/index.d.ts, dist/contract.d.ts   declarations for "." and "./contract", one file each (dts-bundle-generator)
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const started = performance.now();

for (const path of ["cli.mjs", "index.mjs", "runtime.mjs", "contract.mjs", "index.d.ts", "contract.d.ts", "chunks"]) rmSync(join(dist, path), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outExtension: { ".js": ".mjs" },
  outdir: dist,
  logLevel: "warning",
  legalComments: "none",
};
await esbuild.build({
  ...common,
  entryPoints: { cli: join(root, "generator", "cli-main.ts"), index: join(root, "generator", "index.ts") },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
await esbuild.build({ ...common, entryPoints: { runtime: join(root, "runtime", "main.ts"), contract: join(root, "runtime", "contract.ts") } });

// Declarations: only what the entry exports is exported; the types it refers to are inlined, dependencies' types
// are imported from the dependency. Type errors are `npm run typecheck`'s business, not this step's.
const { generateDtsBundle } = createRequire(import.meta.url)("dts-bundle-generator");
const entries = { "index.d.ts": "generator/index.ts", "contract.d.ts": "runtime/contract.ts" };
const output = { noBanner: true, exportReferencedTypes: false };
const texts = generateDtsBundle(
  Object.values(entries).map((filePath) => ({ filePath: join(root, filePath), output })),
  { preferredConfigPath: join(root, "tsconfig.json") },
);
Object.keys(entries).forEach((name, i) => writeFileSync(join(dist, name), `// ${entries[name]}, declarations (npm run build:dist)\n${texts[i]}`));
process.stderr.write(`dist/: cli.mjs index.mjs chunks/ runtime.mjs contract.mjs index.d.ts contract.d.ts [${((performance.now() - started) / 1000).toFixed(1)}s]\n`);
