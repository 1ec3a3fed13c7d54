// Test helpers for the OpenAPI source: run loadOpenApi on inline specs or fixture files, compile schemas with ajv.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { AppConfig, Config } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import type { Diagnostic } from "../../../generator/diagnostics/diagnostic.js";
import type { HttpRequestPlan, JsonSchema, ToolDraft } from "../../../generator/plan/tool-plan.js";
import { loadOpenApi, type OpenApiSource } from "../../../generator/sources/openapi/index.js";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/specs");

export function appConfig(openapi: string): AppConfig {
  return { name: "app", openapi, baseUrlEnv: "GATEWAY_APP_BASE_URL", auth: { type: "none" }, headers: {}, redirectOrigins: [], scopes: { read: ["mcp:read"], write: ["mcp:write"] }, tools: {}, deprecated: "mark", positions: { tools: {} } };
}

export function config(root: string, allowRemoteRefs = false): Config {
  return { root, allowRemoteRefs, file: "gateway.yaml" } as Config;
}

export interface Loaded {
  source?: OpenApiSource;
  diagnostics: Diagnostic[];
}

/** Loads `file` (relative to `root`). */
export async function loadFile(root: string, file: string, allowRemoteRefs = false): Promise<Loaded> {
  const report = new Report();
  const source = await loadOpenApi(appConfig(file), config(root, allowRemoteRefs), report);
  return { source, diagnostics: report.diagnostics };
}

/** Writes `files` (path → object or text) into a fresh temp dir and loads the first one. */
export async function loadSpec(files: Record<string, unknown> | unknown, allowRemoteRefs = false): Promise<Loaded> {
  const root = mkdtempSync(join(tmpdir(), "gw-openapi-"));
  const map = isSpecMap(files) ? files : { "spec.json": files };
  for (const [path, content] of Object.entries(map)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content));
  }
  return loadFile(root, Object.keys(map)[0], allowRemoteRefs);
}

function isSpecMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.keys(value).every((k) => /\.(json|ya?ml)$/.test(k));
}

/** A minimal 3.0 spec with the given paths (and components). */
export function oas3(paths: Record<string, unknown>, components: Record<string, unknown> = {}, openapi = "3.0.3"): object {
  return { openapi, info: { title: "t", version: "1" }, paths, components };
}

/** The plan of one operation. */
export function planOf(loaded: Loaded, method = "GET", path?: string): ToolDraft & { request: HttpRequestPlan } {
  const plan = loaded.source?.drafts.find(
    (p): p is ToolDraft & { request: HttpRequestPlan } => p.request.kind === "http" && p.request.method === method && (path === undefined || p.request.path === path),
  );
  if (!plan) throw new Error(`no plan for ${method} ${path ?? ""}: ${JSON.stringify(loaded.diagnostics)}`);
  return plan;
}

export function argOf(plan: ToolDraft, name: string) {
  const arg = plan.args.find((a) => a.name === name);
  if (!arg) throw new Error(`no arg ${name} in ${plan.args.map((a) => a.name).join(",")}`);
  return arg;
}

export function codes(loaded: Loaded, severity?: Diagnostic["severity"]): string[] {
  return loaded.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => d.code);
}

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });

/** The tool's inputSchema as the emitter will build it: properties from args, `$defs` from plan.defs. */
export function inputSchema(plan: Pick<ToolDraft, "args" | "defs">): JsonSchema {
  const properties: JsonSchema = {};
  for (const arg of plan.args) properties[arg.name] = arg.schema;
  const required = plan.args.filter((a) => a.required).map((a) => a.name).sort();
  return { type: "object", properties, ...(required.length ? { required } : {}), ...(Object.keys(plan.defs).length ? { $defs: plan.defs } : {}) };
}

/** Compiles a schema with ajv (2020-12, strict: false); throws when it does not compile. */
export function compile(schema: JsonSchema) {
  return ajv.compile(schema);
}
