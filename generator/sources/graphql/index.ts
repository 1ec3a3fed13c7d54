// A GraphQL app (schema + optional operation documents) → ToolDraft[], its endpoint and its input hash. Never throws.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { AppConfig, Config, GraphqlAppConfig } from "../../config/types.js";
import { matchFiles } from "../../config/file-globs.js";
import type { Report } from "../../diagnostics/diagnostic.js";
import { sha256Hex } from "../../digest.js";
import type { ToolDraft } from "../../plan/tool-plan.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";
import type { GraphqlContext } from "./context.js";
import { type OperationFile, operationDrafts } from "./operations.js";
import { rootFieldDrafts } from "./root-fields.js";
import { loadSchema } from "./schema-load.js";

export interface GraphqlSource {
  drafts: ToolDraft[];
  /** The configured endpoint. */
  baseUrl?: string;
  /** sha256 (hex) of the schema bytes. */
  hash: string;
  /** sha256 (hex) of each operation document, by path relative to gateway.yaml. */
  documents: Record<string, string>;
}

export async function loadGraphql(app: AppConfig & { graphql: GraphqlAppConfig }, config: Config, report: Report): Promise<GraphqlSource | undefined> {
  const file = app.graphql.schema;
  const loaded = await loadSchema(app.name, file, resolve(config.root, file), report);
  if (!loaded) return undefined;
  const ctx: GraphqlContext = { app: app.name, file, schema: loaded.schema, config: app.graphql, report };
  const documents = app.graphql.operations ? await readOperations(app.graphql.operations, config.root) : undefined;
  const drafts = documents ? operationDrafts(ctx, documents) : rootFieldDrafts(ctx);
  if (drafts.length === 0 && !report.hasErrors) {
    report.warn({
      code: "GW255",
      file: documents ? config.file : file,
      message: documents
        ? `app "${app.name}": the operation documents hold no named query or mutation`
        : `app "${app.name}": the schema has no Query or Mutation fields`,
      help: documents ? `check apps.${app.name}.operations` : "check that the file is the API's schema",
    });
  }
  const hashes = Object.fromEntries((documents ?? []).map((d) => [d.file, sha256Hex(d.text)]));
  return { drafts, baseUrl: app.baseUrl, hash: sha256Hex(loaded.bytes), documents: hashes };
}

/** Every file the globs match, once, sorted by path. Missing matches are the config stage's diagnostic. */
async function readOperations(globs: readonly string[], root: string): Promise<OperationFile[]> {
  const files = [...new Set(globs.flatMap((glob) => matchFiles(root, glob)))].sort(compareCodeUnits);
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(resolve(root, file), "utf8") })));
}
