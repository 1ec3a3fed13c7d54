// One app's spec → ToolDrafts: picks the source by the app's spec kind.
import type { AppConfig, Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import { loadOpenApi, type OpenApiSource } from "./openapi/index.js";

export type Source = OpenApiSource;

/** The app's drafts, or undefined after an error diagnostic. */
export async function loadSource(app: AppConfig, config: Config, report: Report): Promise<Source | undefined> {
  if (app.openapi) return loadOpenApi(app, config, report);
  report.error({
    code: "GW290",
    file: config.file,
    ...app.positions.app,
    message: `app "${app.name}": GraphQL sources are not supported yet`,
    help: "serve this API through an OpenAPI spec for now, or leave the app out",
  });
  return undefined;
}
