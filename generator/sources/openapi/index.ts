// OpenAPI 2.0 / 3.0 / 3.1 spec of one app → ToolDraft[] (plus its base URL and input hash). Never throws.
import { resolve, relative, sep } from "node:path";
import type { AppConfig, Config } from "../../config/types.js";
import type { Report } from "../../diagnostics/diagnostic.js";
import type { ToolDraft } from "../../plan/tool-plan.js";
import type { SpecContext, SpecVersion } from "./context.js";
import { DocumentStore } from "./documents.js";
import { isObj } from "./guards.js";
import { sha256Hex } from "../../digest.js";
import { parseSpecFile, readSpecBytes } from "./load.js";
import { planOperations } from "./operations.js";
import { SchemaConverter } from "./schemas.js";
import { baseUrl } from "./servers.js";

export interface OpenApiSource {
  drafts: ToolDraft[];
  /** First server URL (2.0: scheme+host+basePath), `{variables}` at their defaults. */
  baseUrl?: string;
  /** sha256 (hex) of the spec bytes; with external `$ref` files, of the spec and each of them (sorted by path). */
  hash: string;
}

/** Loads `app.openapi` and plans one tool per operation; undefined (with an error diagnostic) when the spec is unusable. */
export async function loadOpenApi(app: AppConfig, config: Config, report: Report): Promise<OpenApiSource | undefined> {
  const file = app.openapi;
  if (!file) return undefined;
  const abs = resolve(config.root, file);
  const read = await readSpecBytes(abs);
  if (!read.bytes) {
    report.error({ code: "GW201", message: `cannot read spec of app "${app.name}": ${read.error}`, file, help: `check apps.${app.name}.openapi in ${config.file}` });
    return undefined;
  }
  const text = read.bytes.toString("utf8");
  const parsed = await parseSpecFile(abs, text);
  if (!parsed.ok) {
    report.error({ code: "GW202", message: `spec is not valid JSON or YAML: ${parsed.message}`, file, line: parsed.line, column: parsed.column });
    return undefined;
  }
  const version = specVersion(parsed.value);
  if (!version) {
    report.error({
      code: "GW203",
      message: "not an OpenAPI 2.0, 3.0 or 3.1 document (no supported `openapi` or `swagger` version field)",
      file,
      pointer: isObj(parsed.value) && "openapi" in parsed.value ? "/openapi" : isObj(parsed.value) && "swagger" in parsed.value ? "/swagger" : "",
    });
    return undefined;
  }
  const mainKey = relative(config.root, abs).split(sep).join("/");
  const store = new DocumentStore(mainKey, abs, parsed.value, { root: config.root, allowRemoteRefs: config.allowRemoteRefs, report });
  await store.prefetch(text);
  const ctx: SpecContext = { app, report, file, version, doc: parsed.value as Record<string, unknown>, store, seen: new Set() };
  const drafts = planOperations(ctx, new SchemaConverter(ctx));
  return { drafts, baseUrl: baseUrl(ctx), hash: inputHash(read.bytes, store) };
}

/** "2.0", "3.0" or "3.1", or undefined for anything else. */
export function specVersion(doc: unknown): SpecVersion | undefined {
  if (!isObj(doc)) return undefined;
  if (doc.swagger === "2.0" || doc.swagger === 2) return "2.0";
  if (typeof doc.openapi !== "string") return undefined;
  if (/^3\.0(\.\d+)?$/.test(doc.openapi)) return "3.0";
  if (/^3\.1(\.\d+)?$/.test(doc.openapi)) return "3.1";
  return undefined;
}

/** The spec's bytes, then each external document's key (NUL-delimited) and bytes, sorted by key. */
function inputHash(bytes: Uint8Array, store: DocumentStore): string {
  return sha256Hex(bytes, ...store.externals().flatMap(({ key, bytes: more }) => [`\u0000${key}\u0000`, more]));
}
