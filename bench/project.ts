// The temporary bench project: the vendored GitHub spec plus a gateway.yaml, in a fresh folder under the OS temp dir.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** Paths of the bench project. */
export interface BenchProject {
  /** The temp folder (deleted by `remove`). */
  dir: string;
  config: string;
  /** dist/server.mjs once built. */
  server: string;
  /** Bytes of the uncompressed spec. */
  specBytes: number;
  remove(): void;
}

const GATEWAY_YAML = `name: bench
version: 1.0.0
server:
  sessions: { max_sessions: 20000 }
apps:
  github:
    openapi: specs/github.json
    auth: { type: bearer, token: "\${GITHUB_TOKEN}" }
`;

/** Writes specs/github.json (from the gzipped fixture under `repo`) and gateway.yaml into a new temp folder. */
export function createProject(repo: string): BenchProject {
  const dir = mkdtempSync(join(tmpdir(), "gateway-bench-"));
  mkdirSync(join(dir, "specs"));
  const spec = gunzipSync(readFileSync(join(repo, "test/fixtures/specs/real/github.json.gz")));
  writeFileSync(join(dir, "specs/github.json"), spec);
  const config = join(dir, "gateway.yaml");
  writeFileSync(config, GATEWAY_YAML);
  return {
    dir,
    config,
    server: join(dir, "dist/server.mjs"),
    specBytes: spec.length,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
