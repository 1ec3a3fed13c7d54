// Paths Object → one ToolDraft per operation, in path then method order (never spec key order).
// @see https://spec.openapis.org/oas/v3.1.0#paths-object
import type { ArgPlan, HttpMethod, JsonSchema, ToolDraft } from "../../plan/tool-plan.js";
import type { SpecContext } from "./context.js";
import { child, deref, reportOnce } from "./context.js";
import type { Located } from "./documents.js";
import { isObj, nonEmpty, sortedKeys } from "./guards.js";
import { malformed, mergedParameters, paramArg, paramView3, skipRuntimeHeader } from "./parameters.js";
import { joinPointer } from "../../../runtime/shared/json-pointer.js";
import { requestBody3 } from "./request-body.js";
import { okResponseSchema3 } from "./responses.js";
import { bodyArgs } from "./body-args.js";
import { resolveArgNames } from "./arg-names.js";
import { assembleSchemas } from "./schema-assemble.js";
import type { Converted, SchemaConverter } from "./schemas.js";
import { specHints } from "./hints.js";
import { methodRule } from "./method-hints.js";
import { operationView2 } from "./swagger2.js";
import type { OperationView } from "./views.js";

/**
 * Most characters of `$ref` targets one tool's inputs (and, separately, its outputSchema) may inline or share
 * as `$defs`; past it, the farthest targets are cut (GW211). Kubernetes' largest input (a CronJob body) is
 * ~140 KB uncut, and a Stripe response reaches ~650 KB of expandable objects: tools that size would dominate
 * the build and a model's context. Outputs get less: they only describe, they never gate a call.
 */
const INPUT_BUDGET = 64_000;
const OUTPUT_BUDGET = 16_000;

const METHODS = ["delete", "get", "head", "options", "patch", "post", "put", "trace"] as const;

type Item = { arg: ArgPlan; root: Converted };

/** Every operation of the spec as a ToolDraft. */
export function planOperations(ctx: SpecContext, conv: SchemaConverter): ToolDraft[] {
  const paths = child({ value: ctx.doc, doc: ctx.store.mainKey, pointer: "" }, "paths");
  if (paths.value === undefined || (isObj(paths.value) && Object.keys(paths.value).length === 0)) {
    ctx.report.warn({ code: "GW218", message: "the spec has no operations under `paths`", file: ctx.file, pointer: "/paths" });
    return [];
  }
  if (!isObj(paths.value)) {
    malformed(ctx, paths, "`paths` must be an object");
    return [];
  }
  const plans: ToolDraft[] = [];
  for (const path of sortedKeys(paths.value)) {
    if (path.startsWith("x-")) continue;
    const raw = child(paths, path);
    if (!path.startsWith("/")) {
      malformed(ctx, raw, `path "${path}" must start with "/"`);
      continue;
    }
    const item = deref(ctx, raw);
    if (!item) continue;
    if (!isObj(item.value)) {
      malformed(ctx, item, "a path item must be an object");
      continue;
    }
    for (const method of METHODS) {
      if (item.value[method] === undefined || (method === "trace" && ctx.version === "2.0")) continue;
      const op = child(item, method);
      if (!isObj(op.value)) malformed(ctx, op, "an operation must be an object");
      else plans.push(planOperation(ctx, conv, path, method, item, op));
    }
  }
  return plans;
}

function planOperation(ctx: SpecContext, conv: SchemaConverter, path: string, method: (typeof METHODS)[number], item: Located, op: Located): ToolDraft {
  const o = op.value as Record<string, unknown>;
  const METHOD = method.toUpperCase() as HttpMethod;
  const source = { doc: ctx.store.mainKey, pointer: joinPointer("/paths", path, method) };
  const view = operationView(ctx, item, op);

  const items: Item[] = [];
  for (const param of view.params) if (!skipRuntimeHeader(ctx, param)) items.push(paramArg(conv, param));
  const pathItems = checkPathTemplate(ctx, path, items, source);
  const body = view.body ? bodyArgs(ctx, conv, view.body) : undefined;
  const ordered = resolveArgNames(ctx, [...pathItems, ...(body?.args ?? [])], source);
  if (body?.plan.whole) body.plan.whole = ordered.find((i) => i.arg.in === "body")!.arg.name;

  const inputs = assembleSchemas(conv, ordered.map((i) => i.root), "request", { budget: INPUT_BUDGET });
  reportCut(ctx, source, "input", inputs.cut);
  const operationId = nonEmpty(o.operationId);
  const summary = nonEmpty(o.summary);
  const rule = methodRule(METHOD);
  const plan: ToolDraft = {
    candidate: operationId ?? `${METHOD} ${path}`,
    app: ctx.app.name,
    ...(summary ? { title: summary } : {}),
    description: nonEmpty(o.description) ?? summary ?? "",
    ...(o.deprecated === true ? { deprecated: {} } : {}),
    annotations: { ...rule.annotations, ...specHints(ctx, op) },
    rule,
    args: ordered.map((i, n) => ({ ...i.arg, schema: inputs.schemas[n] })),
    defs: inputs.defs,
    tags: Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === "string") : [],
    request: { kind: "http", method: METHOD, path, ...(body ? { body: body.plan } : {}) },
    source: {
      file: ctx.file,
      pointer: source.pointer,
      keys: operationId ? [operationId, `${METHOD} ${path}`] : [`${METHOD} ${path}`],
      ...(operationId ? { operationId } : {}),
      route: { method: METHOD, path },
    },
  };
  const output = view.output ? outputSchema(ctx, conv, view.output, source) : undefined;
  if (output) plan.outputSchema = output;
  return plan;
}

function operationView(ctx: SpecContext, item: Located, op: Located): OperationView {
  const params = mergedParameters(ctx, item, op);
  if (ctx.version === "2.0") return operationView2(ctx, op, params);
  const view: OperationView = { params: [], body: requestBody3(ctx, op), output: okResponseSchema3(ctx, op) };
  for (const param of params) {
    const where = (param.value as Record<string, unknown>).in;
    if (where === "body" || where === "formData") malformed(ctx, param, `\`in: ${where}\` is OpenAPI 2.0; use requestBody in ${ctx.version}`);
    else view.params.push(paramView3(param));
  }
  return view;
}

/** Adds a string arg for each undeclared `{name}` (GW214) and drops path args missing from the template (GW215). */
function checkPathTemplate(ctx: SpecContext, path: string, items: Item[], at: { doc: string; pointer: string }): Item[] {
  const names = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
  const declared = new Set(items.filter((i) => i.arg.in === "path").map((i) => i.arg.wire));
  const kept = items.filter((i) => {
    if (i.arg.in !== "path" || names.has(i.arg.wire)) return true;
    reportOnce(ctx, `unused:${at.pointer}:${i.arg.wire}`, at, {
      code: "GW215",
      severity: "warning",
      message: `path parameter "${i.arg.wire}" does not appear in ${path}; dropped`,
    });
    return false;
  });
  for (const name of [...names].sort()) {
    if (declared.has(name)) continue;
    reportOnce(ctx, `undeclared:${at.pointer}:${name}`, at, {
      code: "GW214",
      severity: "warning",
      message: `path parameter "{${name}}" is not declared; added as a required string`,
      help: `declare it under parameters with \`in: path\``,
    });
    kept.push({ arg: { name, in: "path", wire: name, required: true, schema: {} }, root: { schema: { type: "string" }, edges: new Map() } });
  }
  return kept;
}

/** The output schema when the response is an object with properties; its own `$defs` travel inside it. */
function outputSchema(ctx: SpecContext, conv: SchemaConverter, at: Located, source: { doc: string; pointer: string }): JsonSchema | undefined {
  const { schemas, defs, cut } = assembleSchemas(conv, [conv.convert(at, "response")], "response", { inlineRoots: true, budget: OUTPUT_BUDGET });
  const schema = schemas[0];
  if (schema.type !== "object" || !isObj(schema.properties) || Object.keys(schema.properties).length === 0) return undefined;
  reportCut(ctx, source, "output", cut);
  return Object.keys(defs).length > 0 ? { ...schema, $defs: defs } : schema;
}

function reportCut(ctx: SpecContext, at: { doc: string; pointer: string }, what: "input" | "output", cut: string[]): void {
  if (cut.length === 0) return;
  const shown = cut.slice(0, 5).join(", ") + (cut.length > 5 ? `, … (${cut.length} in all)` : "");
  reportOnce(ctx, `budget:${what}:${at.pointer}`, at, {
    code: "GW211",
    severity: "info",
    message: `${what} schema too large; cut to {} where it refers to ${shown}`,
    help: "hide or trim the operation, or accept the looser schema",
  });
}
