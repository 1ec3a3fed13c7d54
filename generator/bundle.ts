// The build's values + runtime/ → dist/server.mjs: one self-contained ESM file, so the server starts with one read.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as esbuild from "esbuild";
import { BUNDLE_DATA_MARKER, DIALECT_DATA_MARKER, bundleDataComment, dialectDataComment, serverEntrySource } from "./bundle-entry.js";
import type { EmittedValues } from "./emit/emit.js";
import { packageRoot, runtimeEntryPath } from "./package-root.js";

/**
 * In place of the SDK's `@modelcontextprotocol/server/_shims`, whose Node flavour brings the SDK's default JSON
 * Schema validator: a private copy of Ajv (about 220 KB of the bundle, and ~9 ms of every start) that the gateway
 * never runs. Every Server gets its own `jsonSchemaValidator` (runtime/server.ts) and tool arguments are checked
 * by runtime/validate.ts on the package's own ajv. Should an SDK path ever reach for the default, it fails loudly
 * here instead of validating nothing; should the SDK add an export to `_shims`, the bundle fails to build.
 */
const SDK_SHIMS = `import process from "node:process";
export class DefaultJsonSchemaValidator {
  getValidator() {
    throw new Error("gateway: the server bundle has no default JSON Schema validator; pass jsonSchemaValidator to the SDK");
  }
}
export { process };`;

const sdkShims: esbuild.Plugin = {
  name: "gateway-sdk-shims",
  setup(build) {
    build.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({ path: "sdk-shims", namespace: "gateway" }));
    build.onLoad({ filter: /^sdk-shims$/, namespace: "gateway" }, () => ({ contents: SDK_SHIMS, loader: "js" }));
  },
};

/**
 * `@modelcontextprotocol/node` imports `@hono/node-server` for its NodeStreamableHTTPServerTransport, which the
 * gateway never uses (modern/http.ts needs only `toNodeHandler`, which does not touch Hono). Evaluating Hono
 * costs every start: its `node:http2` import is linked even on stdio (~4 ms), and on HTTP its module body reads
 * the global Request/Response, which makes Node load its fetch implementation (~13 ms). Declared free of side
 * effects (its top level only patches its own classes), Hono is left out as long as nothing we bundle uses it;
 * should a future adapter call into it, it is bundled and evaluated as before.
 */
const unusedHono: esbuild.Plugin = {
  name: "gateway-unused-hono",
  setup(build) {
    build.onResolve({ filter: /^@hono\/node-server$/ }, async (args) => {
      if (args.pluginData === unusedHono) return undefined;
      const { importer, namespace, resolveDir, kind } = args;
      const resolved = await build.resolve(args.path, { importer, namespace, resolveDir, kind, pluginData: unusedHono });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { ...resolved, sideEffects: false };
    });
  },
};

/**
 * Node built-ins are imported through `require` (the banner's) instead of an ESM `import`: esbuild hoists every
 * external import to the top of the one-file bundle, so each built-in any module names was loaded at start,
 * even those only a lazily imported module uses (the call path's node:http, node:https with tls and crypto,
 * and node:zlib: over 10 ms before the first initialize on stdio). Required, a built-in loads when the module
 * that imports it is first evaluated. Each gets a CommonJS stand-in; the runtime's `import x from` and
 * `import { y } from` read the same module object as before.
 */
const lazyBuiltins: esbuild.Plugin = {
  name: "gateway-lazy-builtins",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => (args.namespace === "gateway-builtin" ? undefined : { path: args.path, namespace: "gateway-builtin" }));
    build.onLoad({ filter: /^node:/, namespace: "gateway-builtin" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
  },
};

/**
 * OpenTelemetry (runtime/tracing/otel.ts, evaluated only when tracing is on) from its packages' ES module builds,
 * not the CommonJS `main` that Node's resolution picks for packages without an `exports` map: every package is
 * free of side effects, so in ES module form the parts tracing never uses (the OTLP logs and metrics
 * serialisers and their SDKs, the protobuf encoders) are shaken out — about 300 KB of the bundle.
 */
const esmOpenTelemetry: esbuild.Plugin = {
  name: "gateway-esm-opentelemetry",
  setup(build) {
    build.onResolve({ filter: /^@opentelemetry\/[^/]+$/ }, async (args) => {
      if (args.pluginData === esmOpenTelemetry) return undefined;
      const { importer, namespace, resolveDir, kind } = args;
      const manifest = await build.resolve(`${args.path}/package.json`, { importer, namespace, resolveDir, kind, pluginData: esmOpenTelemetry });
      if (manifest.errors.length > 0) return undefined;
      const { module } = JSON.parse(readFileSync(manifest.path, "utf8")) as { module?: string };
      return module ? { path: join(dirname(manifest.path), module), sideEffects: false } : undefined;
    });
  },
};

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
    // GATEWAY_READABLE_BUNDLE=1 keeps esbuild's `// module path` lines, which bench/cpuprofile-summary.ts reads to
    // name the module of every profiled function; same code otherwise.
    minifyWhitespace: process.env.GATEWAY_READABLE_BUNDLE !== "1",
    legalComments: "none",
    logLevel: "silent",
    write: false,
    plugins: [sdkShims, unusedHono, lazyBuiltins, esmOpenTelemetry],
    // CommonJS dependencies (ajv) call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __gatewayRequire } from 'node:module'; const require = __gatewayRequire(import.meta.url);" },
  });
  let code = withBundleData(result.outputFiles[0]!.text, BUNDLE_DATA_MARKER, bundleDataComment(values));
  if (Object.keys(values.dialects).length > 0) code = withBundleData(code, DIALECT_DATA_MARKER, dialectDataComment(values));
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, code);
  return { outfile, bytes: Buffer.byteLength(code) };
}

/** `code` with the entry's one `marker` string literal replaced by the data comment. */
function withBundleData(code: string, marker: string, comment: string): string {
  const literal = JSON.stringify(marker);
  const at = code.indexOf(literal);
  if (at < 0 || code.indexOf(literal, at + 1) >= 0) throw new Error(`gateway: the bundle should hold ${literal} exactly once`);
  return code.slice(0, at) + comment + code.slice(at + literal.length);
}
