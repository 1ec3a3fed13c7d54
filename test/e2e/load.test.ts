// The CI variant of `npm run load` (scripts/load.ts), shortened to stay near 20 s: 50 concurrent 2025-era HTTP
// sessions calling tools for 3 s with 0 errors, and 1,000 idle sessions opened and expired (1 s idle timeout)
// with the server's heap, after GC, back within HEAP_SLACK_MB of its baseline. The full sizes are the script's.

import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildLoadProject, busy, describe as describeLoad, idle, verdict, HEAP_SLACK_MB } from "../../bench/load.js";
import type { BenchProject } from "../../bench/project.js";
import { startUpstream, type Upstream } from "../../bench/upstream.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
/** Busy sessions must not expire while 50 of them open on a loaded CI machine: their own, long idle timeout. */
let busyProject: BenchProject;
let project: BenchProject;
let upstream: Upstream;

beforeAll(async () => {
  busyProject = await buildLoadProject(repo, 60_000);
  project = await buildLoadProject(repo, 1_000);
  upstream = await startUpstream();
});

afterAll(async () => {
  await upstream?.close();
  busyProject?.remove();
  project?.remove();
});

it("50 concurrent sessions call tools for 3 s with 0 errors", async () => {
  const result = await busy(busyProject, upstream, { sessions: 50, seconds: 3 });
  process.stderr.write(describeLoad(result, undefined) + "\n");
  expect(verdict(result, undefined)).toEqual([]);
  expect(result.sessions).toBe(50);
  expect(result.upstreamRequests).toBe(result.calls);
});

it(`1,000 idle sessions expire and the heap returns to within ${HEAP_SLACK_MB} MB of its baseline`, async () => {
  const result = await idle(project, upstream, { idle: 1_000, idleTimeoutMs: 1_000 });
  process.stderr.write(describeLoad(undefined, result) + "\n");
  expect(verdict(undefined, result)).toEqual([]);
  expect(result.opened).toBe(1_000);
  expect(result.peak.heapUsedMb).toBeGreaterThan(result.before.heapUsedMb);
});
