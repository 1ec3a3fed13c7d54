// The temporary bench projects: a vendored GitHub spec (REST, or GraphQL as SDL or introspection JSON) plus a gateway.yaml, in a fresh folder under the OS temp dir.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
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

/** GitHub's GraphQL schema as one app of root-field tools (no `operations:`): a tool per Query and Mutation field. */
const graphqlYaml = (spec: string) => `name: bench-graphql
version: 1.0.0
apps:
  github:
    graphql: ${spec}
    endpoint: https://api.github.com/graphql
    auth: { type: bearer, token: "\${GITHUB_TOKEN}" }
`;

/** The two forms GitHub publishes its GraphQL schema in (@octokit/graphql-schema), vendored in test/fixtures/graphql/. */
export const GRAPHQL_FORMS = {
  sdl: { fixture: "test/fixtures/graphql/github.graphql.gz", spec: "specs/github.graphql", label: "SDL" },
  introspection: { fixture: "test/fixtures/graphql/github.json.gz", spec: "specs/github.json", label: "introspection JSON" },
} as const;

export type GraphqlForm = keyof typeof GRAPHQL_FORMS;

/** Writes specs/github.json (from the gzipped fixture under `repo`) and gateway.yaml into a new temp folder. */
export function createProject(repo: string): BenchProject {
  return projectOf(repo, "test/fixtures/specs/real/github.json.gz", "specs/github.json", GATEWAY_YAML);
}

/** Writes GitHub's GraphQL schema in `form` and its gateway.yaml into a new temp folder. */
export function createGraphqlProject(repo: string, form: GraphqlForm): BenchProject {
  const { fixture, spec } = GRAPHQL_FORMS[form];
  return projectOf(repo, fixture, spec, graphqlYaml(spec));
}

/**
 * One OpenAPI spec as one app with no auth, for a build-only measurement: `spec` is a path under `repo` (gzipped
 * when it ends in .gz) or an absolute path.
 */
export function createSpecProject(repo: string, app: string, spec: string): BenchProject {
  const yaml = `name: bench-${app}\nversion: 1.0.0\napps:\n  ${app}:\n    openapi: specs/${app}.json\n`;
  return projectOf(repo, spec, `specs/${app}.json`, yaml);
}

function projectOf(repo: string, fixture: string, specPath: string, yaml: string): BenchProject {
  const dir = mkdtempSync(join(tmpdir(), "gateway-bench-"));
  mkdirSync(join(dir, "specs"));
  const file = readFileSync(isAbsolute(fixture) ? fixture : join(repo, fixture));
  const spec = fixture.endsWith(".gz") ? gunzipSync(file) : file;
  writeFileSync(join(dir, specPath), spec);
  const config = join(dir, "gateway.yaml");
  writeFileSync(config, yaml);
  return {
    dir,
    config,
    server: join(dir, "dist/server.mjs"),
    specBytes: spec.length,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
