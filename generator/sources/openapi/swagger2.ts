// OpenAPI 2.0 (Swagger) specifics normalised to the 3.x view: `collectionFormat`, `in: body`, `in: formData`,
// `consumes`, response `schema`, and scheme+host+basePath. @see https://spec.openapis.org/oas/v2.0
import type { ParamStyle } from "../../plan/tool-plan.js";
import type { SpecContext } from "./context.js";
import { child, deref, reportOnce } from "./context.js";
import type { Located } from "./documents.js";
import { isObj, nonEmpty } from "./guards.js";
import { chooseMediaType } from "./media-types.js";
import { unsupportedBody } from "./request-body.js";
import { successCodes } from "./responses.js";
import type { BodyView, OperationView, ParamView } from "./views.js";

/** `collectionFormat` → style/explode; csv is 2.0's default. `tsv` has no 3.x style (GW217, sent as csv). */
const COLLECTION: Record<string, { style: ParamStyle; explode: boolean }> = {
  csv: { style: "form", explode: false },
  ssv: { style: "spaceDelimited", explode: false },
  pipes: { style: "pipeDelimited", explode: false },
  multi: { style: "form", explode: true },
};

/** Keys of a 2.0 non-body parameter that are not schema keywords. */
const PARAM_ONLY = new Set(["name", "in", "required", "description", "collectionFormat", "allowEmptyValue"]);

/** The view of a 2.0 operation, from its merged, resolved parameters. */
export function operationView2(ctx: SpecContext, op: Located, params: Located[]): OperationView {
  const view: OperationView = { params: [] };
  const form: Located[] = [];
  for (const param of params) {
    const p = param.value as Record<string, unknown>;
    if (p.in === "body") view.body = jsonBody(ctx, op, param);
    else if (p.in === "formData") form.push(param);
    else view.params.push(paramView2(ctx, param));
  }
  if (form.length > 0 && !view.body) view.body = formBody(ctx, op, form);
  view.output = okResponseSchema2(ctx, op);
  return view;
}

function paramView2(ctx: SpecContext, param: Located): ParamView {
  const p = param.value as Record<string, unknown>;
  const view: ParamView = {
    name: p.name as string,
    in: p.in as ParamView["in"],
    required: p.in === "path" || p.required === true,
    schema: paramSchema(param),
    description: nonEmpty(p.description),
    at: param,
  };
  if (p.type === "array") {
    const format = typeof p.collectionFormat === "string" ? p.collectionFormat : "csv";
    if (format === "tsv") {
      reportOnce(ctx, `tsv:${param.doc}:${param.pointer}`, param, {
        code: "GW217",
        severity: "info",
        message: `collectionFormat tsv of "${view.name}" is not supported; values are sent comma-separated`,
      });
    }
    // Path and header arrays are always comma-separated (`simple`); only query/cookie distinguish formats.
    if (view.in === "query" || view.in === "cookie") Object.assign(view, COLLECTION[format] ?? COLLECTION.csv);
  }
  return view;
}

/** A 2.0 non-body parameter carries its schema keywords on itself. */
function paramSchema(param: Located): Located {
  const schema: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(param.value as Record<string, unknown>)) if (!PARAM_ONLY.has(k)) schema[k] = v;
  return { value: schema, doc: param.doc, pointer: param.pointer };
}

function consumes(ctx: SpecContext, op: Located): string[] {
  const list = (op.value as Record<string, unknown>).consumes ?? ctx.doc.consumes;
  return Array.isArray(list) ? list.filter((c): c is string => typeof c === "string") : [];
}

function jsonBody(ctx: SpecContext, op: Located, param: Located): BodyView | undefined {
  const types = consumes(ctx, op);
  const choice = chooseMediaType(types.length > 0 ? types : ["application/json"]);
  if (!choice || choice.mediaType !== "application/json") {
    unsupportedBody(ctx, param, types);
    return undefined;
  }
  const p = param.value as Record<string, unknown>;
  return {
    mediaType: "application/json",
    ...(choice.contentType ? { contentType: choice.contentType } : {}),
    schema: p.schema !== undefined ? child(param, "schema") : undefined,
    required: p.required === true,
    description: nonEmpty(p.description),
    encoding: {},
    at: param,
  };
}

/** formData parameters → one object schema, sent multipart when `consumes` says so or a file is among them. */
function formBody(ctx: SpecContext, op: Located, form: Located[]): BodyView {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const encoding: BodyView["encoding"] = {};
  for (const param of form) {
    const p = param.value as Record<string, unknown>;
    const schema = paramSchema(param).value as Record<string, unknown>;
    if (typeof p.description === "string") schema.description = p.description;
    properties[p.name as string] = schema;
    if (p.required === true) required.push(p.name as string);
    if (p.type === "array") encoding[p.name as string] = COLLECTION[String(p.collectionFormat ?? "csv")] ?? COLLECTION.csv;
  }
  const types = consumes(ctx, op).map((t) => t.split(";")[0].trim().toLowerCase());
  const multipart = types.includes("multipart/form-data") || form.some((f) => (f.value as Record<string, unknown>).type === "file");
  const at = child(op, "parameters");
  return {
    mediaType: multipart ? "multipart/form-data" : "application/x-www-form-urlencoded",
    schema: { value: { type: "object", properties, required }, doc: at.doc, pointer: at.pointer },
    required: true,
    encoding,
    at,
  };
}

/** The schema of the first 2xx response that has one (2.0 responses are JSON unless `produces` says otherwise). */
function okResponseSchema2(ctx: SpecContext, op: Located): Located | undefined {
  const responses = child(op, "responses");
  if (!isObj(responses.value)) return undefined;
  for (const code of successCodes(responses.value)) {
    const response = deref(ctx, child(responses, code));
    if (response && isObj(response.value) && response.value.schema !== undefined) return child(response, "schema");
  }
  return undefined;
}

/** scheme://host/basePath of a 2.0 spec (https preferred), or undefined without a host. */
export function baseUrl2(doc: Record<string, unknown>): string | undefined {
  if (typeof doc.host !== "string" || doc.host === "") return undefined;
  const schemes = Array.isArray(doc.schemes) ? doc.schemes : [];
  const scheme = schemes.includes("https") || schemes.length === 0 ? "https" : String(schemes[0]);
  const basePath = typeof doc.basePath === "string" && doc.basePath !== "/" ? doc.basePath.replace(/\/$/, "") : "";
  return `${scheme}://${doc.host}${basePath}`;
}
