// Where the gateway package lives on disk, so the generator finds its templates and the runtime it bundles,
// whether it runs from source (vitest) or from the CLI bundle in .cache/.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "gateway") return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error("gateway: cannot find the package root (package.json named gateway)");
    dir = parent;
  }
}

export function templatesDir(): string {
  return join(packageRoot(), "generator", "emit", "templates");
}
