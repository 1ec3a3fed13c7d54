// generated/ + runtime/ → dist/server.mjs: one self-contained ESM file, so the server starts with one read.
import { join } from "node:path";
import * as esbuild from "esbuild";
import { toolDataAsJson } from "./bundle-data.js";
import { packageRoot } from "./package-root.js";

export interface BundleResult {
  outfile: string;
  bytes: number;
}

export async function bundleServer(root: string): Promise<BundleResult> {
  const outfile = join(root, "dist", "server.mjs");
  const generated = JSON.stringify(join(root, "generated", "index.ts"));
  const main = JSON.stringify(join(packageRoot(), "runtime", "main.ts"));
  const result = await esbuild.build({
    stdin: {
      contents: `import { tools, gateway, SEARCH_INDEX } from ${generated};\nimport { main } from ${main};\nawait main({ tools, gateway, searchIndex: SEARCH_INDEX }, process.argv.slice(2), process.env);\n`,
      resolveDir: root,
      sourcefile: "server-entry.ts",
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: "none",
    logLevel: "silent",
    metafile: true,
    plugins: [toolDataAsJson(join(root, "generated"), join(packageRoot(), "runtime", "packed-tool.ts"))],
    // CommonJS dependencies (ajv) call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __gatewayRequire } from 'node:module'; const require = __gatewayRequire(import.meta.url);" },
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { outfile, bytes };
}
