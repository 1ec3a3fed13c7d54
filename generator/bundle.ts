// The build's values + runtime/ → dist/server.mjs: one self-contained ESM file, so the server starts with one read.
import { join } from "node:path";
import * as esbuild from "esbuild";
import { serverEntrySource } from "./bundle-entry.js";
import type { EmittedValues } from "./emit/emit.js";
import { packageRoot, runtimeEntryPath } from "./package-root.js";

export interface BundleResult {
  outfile: string;
  bytes: number;
}

/** Bundles the server of the project at `root` from `values`, the build that just wrote (or checked) its generated/. */
export async function bundleServer(root: string, values: EmittedValues): Promise<BundleResult> {
  const outfile = join(root, "dist", "server.mjs");
  const result = await esbuild.build({
    stdin: {
      contents: serverEntrySource(values, runtimeEntryPath()),
      // The runtime's dependencies resolve from this package, wherever the user's project is.
      resolveDir: packageRoot(),
      sourcefile: "server-entry.js",
      loader: "js",
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
    // CommonJS dependencies (ajv) call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __gatewayRequire } from 'node:module'; const require = __gatewayRequire(import.meta.url);" },
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { outfile, bytes };
}
