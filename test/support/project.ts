// Builds a throwaway gateway project (gateway.yaml + specs) in a temp folder: generated/ and dist/server.mjs.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { build, type BuildResult } from "../../generator/build.js";
import { bundleServer } from "../../generator/bundle.js";
import { diffFiles, writeFiles } from "../../generator/write.js";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");

/** A vendored real spec, gunzipped when needed. @example realSpec("github.json.gz") */
export function realSpec(name: string): string {
  const bytes = readFileSync(join(FIXTURES, "specs", "real", name));
  return (name.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

export interface Project {
  root: string;
  result: BuildResult;
  server: string;
}

/** Writes `files` (path → text) into a new temp folder, builds it and bundles the server. */
export async function buildProject(files: Record<string, string>, options: { bundle?: boolean } = {}): Promise<Project> {
  const root = mkdtempSync(join(tmpdir(), "gateway-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const result = await build({ configPath: join(root, "gateway.yaml") });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`build failed:\n${errors.map((d) => `${d.code} ${d.file}${d.pointer ? "#" + d.pointer : ""}: ${d.message}`).join("\n")}`);
  writeFiles(result.generatedDir, result.files, diffFiles(result.generatedDir, result.files));
  const server = options.bundle === false ? "" : (await bundleServer(root, result.values!)).outfile;
  return { root, result, server };
}
