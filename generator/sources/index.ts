// One app's spec → ToolDrafts: picks the source by the app's spec kind.
import type { AppConfig, Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import { type GraphqlSource, loadGraphql } from "./graphql/index.js";
import { loadOpenApi, type OpenApiSource } from "./openapi/index.js";

export type Source = OpenApiSource | GraphqlSource;

/** The app's drafts, or undefined after an error diagnostic. */
export async function loadSource(app: AppConfig, config: Config, report: Report): Promise<Source | undefined> {
  if (app.graphql) return loadGraphql({ ...app, graphql: app.graphql }, config, report);
  return loadOpenApi(app, config, report);
}
