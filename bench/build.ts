// Wall time and peak RSS of a clean `gateway build` (bundle included), run as the real CLI in a child.

import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import type { BenchProject } from "./project.js";

/** One clean build. */
export interface BuildRun {
  wallMs: number;
  /** Peak resident set of the build process in MB (null if it could not be read). */
  peakRssMb: number | null;
  /** The CLI's summary line, e.g. `✔ 1,223 tools from 1 spec → …`. */
  summary: string;
  /** Bytes of the dist/server.mjs this build wrote. */
  serverBytes: number;
}

/** Where the peak RSS came from. */
export type RssSource = "/usr/bin/time -v" | "process.resourceUsage()";

const TIME = "/usr/bin/time";
const BUILD_TIMEOUT_MS = 60_000;

/** `runs` clean builds in a row: generated/ and dist/ are deleted before each one. Throws if a build fails. */
export async function benchBuild(repo: string, project: BenchProject, runs: number): Promise<{ runs: BuildRun[]; rssSource: RssSource }> {
  const rssSource: RssSource = existsSync(TIME) ? "/usr/bin/time -v" : "process.resourceUsage()";
  const result: BuildRun[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(join(project.dir, "generated"), { recursive: true, force: true });
    rmSync(join(project.dir, "dist"), { recursive: true, force: true });
    result.push(await buildOnce(repo, project, rssSource));
  }
  if (!existsSync(project.server)) throw new Error(`the build did not produce ${project.server}`);
  return { runs: result, rssSource };
}

async function buildOnce(repo: string, project: BenchProject, rssSource: RssSource): Promise<BuildRun> {
  const cli = join(repo, "bin/gateway.mjs");
  const cliArgs = ["build", "--config", project.config];
  const timeFile = join(project.dir, "time.txt");
  const [command, args] =
    rssSource === "/usr/bin/time -v"
      ? [TIME, ["-v", "-o", timeFile, process.execPath, cli, ...cliArgs]]
      : [process.execPath, ["--input-type=module", "-e", reportingWrapper(cli), ...cliArgs]];
  const t0 = performance.now();
  const { code, stdout, stderr } = await run(command, args, project.dir);
  const wallMs = performance.now() - t0;
  if (code !== 0) throw new Error(`gateway build exited ${code}:\n${tail(stderr || stdout)}`);
  const peakKb = rssSource === "/usr/bin/time -v" ? parseTimeRss(readFileSync(timeFile, "utf8")) : parseWrapperRss(stderr);
  const summary = stdout.split("\n").find((line) => line.startsWith("✔"))?.trim() ?? "";
  const serverBytes = existsSync(project.server) ? statSync(project.server).size : NaN;
  return { wallMs, peakRssMb: peakKb === null ? null : peakKb / 1024, summary, serverBytes };
}

/** A module that runs the CLI, then prints its own peak RSS (KB) to stderr on exit. */
function reportingWrapper(cli: string): string {
  return [
    `process.argv.splice(1, 0, ${JSON.stringify(cli)});`,
    `process.on("exit", () => process.stderr.write("\\nMAXRSS_KB=" + process.resourceUsage().maxRSS + "\\n"));`,
    `await import(${JSON.stringify(pathToFileURL(cli).href)});`,
  ].join("\n");
}

export function parseTimeRss(text: string): number | null {
  const match = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

function parseWrapperRss(stderr: string): number | null {
  const match = /MAXRSS_KB=(\d+)/.exec(stderr);
  return match ? Number(match[1]) : null;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function tail(text: string): string {
  return text.split("\n").slice(-20).join("\n");
}
