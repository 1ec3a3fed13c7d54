// The test bundle of fixtures.ts built into one server file with esbuild, as the hostile-input tests run it: a
// child process, so a crash, a hang or a stack trace shows as what a client would see.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "../../..");

/** Builds the bundled server; `entry` is its path, `remove` deletes it. */
export async function buildBundledServer(): Promise<{ entry: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "gateway-bundled-"));
  const source = join(dir, "entry.ts");
  writeFileSync(
    source,
    [
      `import { makeBundle } from ${JSON.stringify(join(ROOT, "test/runtime/server/fixtures.ts"))};`,
      `import { main } from ${JSON.stringify(join(ROOT, "runtime/main.ts"))};`,
      `await main(makeBundle(), process.argv.slice(2), process.env);`,
    ].join("\n"),
  );
  const entry = join(dir, "server.mjs");
  await build({
    entryPoints: [source],
    outfile: entry,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { entry, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
