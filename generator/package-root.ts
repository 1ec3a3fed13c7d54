// Where the mcp-gateway-compiler package lives on disk, so the generator finds the files of its own that it reads
// or bundles, whether it runs from source (vitest, the CLI compiled into .cache/) or installed (dist/cli.mjs).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The `name` in this package's package.json. */
export const PACKAGE_NAME = "mcp-gateway-compiler";

let root: string | undefined;

/** The folder holding this package's package.json: the repo in a source checkout, node_modules/<name> installed. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === PACKAGE_NAME) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`gateway: cannot find the package root (package.json named ${PACKAGE_NAME})`);
    dir = parent;
  }
}

/** runtime/contract.ts, the types that `gateway build` copies verbatim to generated/contract.ts (shipped in the tarball). */
export function contractSourcePath(): string {
  return join(packageRoot(), "runtime", "contract.ts");
}

/** The runtime entry the server bundle is made from: runtime/main.ts in a source checkout, dist/runtime.mjs installed. */
export function runtimeEntryPath(): string {
  const source = join(packageRoot(), "runtime", "main.ts");
  return existsSync(source) ? source : join(packageRoot(), "dist", "runtime.mjs");
}
