// Parameter Objects: path-level and operation-level merged (operation wins by name+in), 3.x ones viewed,
// and any view turned into an ArgPlan. @see https://spec.openapis.org/oas/v3.1.0#parameter-object
import type { ArgPlan, ParamStyle } from "../../plan/tool-plan.js";
import type { SpecContext } from "./context.js";
import { child, deref, reportOnce } from "./context.js";
import type { Located } from "./documents.js";
import { isObj, nonEmpty } from "./guards.js";
import type { Converted, SchemaConverter } from "./schemas.js";
import type { ParamView } from "./views.js";
import { asStyle } from "./views.js";
import { nonDefaultStyle } from "../../../runtime/shared/param-style.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

/** Headers the runtime sets itself; a spec parameter for them is skipped (GW208). */
const RUNTIME_HEADERS = new Set(["accept", "content-type", "authorization"]);

const LOCATIONS = new Set(["path", "query", "header", "cookie", "body", "formData"]);

/** Merged, resolved Parameter Objects of an operation: path item's first, replaced by the operation's with the same name+in. */
export function mergedParameters(ctx: SpecContext, pathItem: Located, op: Located): Located[] {
  const byKey = new Map<string, Located>();
  for (const owner of [pathItem, op]) {
    const list = child(owner, "parameters");
    if (list.value === undefined) continue;
    if (!Array.isArray(list.value)) {
      malformed(ctx, list, "parameters must be an array");
      continue;
    }
    for (let i = 0; i < list.value.length; i++) {
      const param = deref(ctx, child(list, i));
      if (!param) continue;
      const p = param.value;
      if (!isObj(p) || typeof p.name !== "string" || typeof p.in !== "string" || !LOCATIONS.has(p.in)) {
        malformed(ctx, param, "a parameter needs a string `name` and an `in` of path, query, header or cookie");
        continue;
      }
      byKey.set(`${p.in}\u0000${p.name}`, param);
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, loc]) => loc);
}

/** The view of a 3.x Parameter Object (`schema`, or the schema of its single `content` entry). */
export function paramView3(param: Located): ParamView {
  const p = param.value as Record<string, unknown>;
  let schema: Located | undefined = p.schema !== undefined ? child(param, "schema") : undefined;
  if (!schema && isObj(p.content)) {
    const content = child(param, "content");
    const key = Object.keys(p.content).sort()[0];
    if (key !== undefined && isObj(p.content[key]) && (p.content[key] as Record<string, unknown>).schema !== undefined) {
      schema = child(child(content, key), "schema");
    }
  }
  return {
    name: p.name as string,
    in: p.in as ParamView["in"],
    required: p.in === "path" || p.required === true,
    schema,
    description: nonEmpty(p.description),
    style: asStyle(p.style),
    explode: typeof p.explode === "boolean" ? p.explode : undefined,
    allowReserved: p.allowReserved === true ? true : undefined,
    at: param,
  };
}

/** True when the runtime owns this header; reports GW208 once per parameter. */
export function skipRuntimeHeader(ctx: SpecContext, view: ParamView): boolean {
  if (view.in !== "header" || !RUNTIME_HEADERS.has(view.name.toLowerCase())) return false;
  reportOnce(ctx, `hdr:${view.at.doc}:${view.at.pointer}`, view.at, {
    code: "GW208",
    severity: "info",
    message: `header parameter "${view.name}" skipped: the gateway sets it itself`,
    help: "configure upstream credentials with apps.<app>.auth",
  });
  return true;
}

/** The ArgPlan of a parameter (schema left to assembly) and its converted root schema. */
export function paramArg(conv: SchemaConverter, view: ParamView): { arg: ArgPlan; root: Converted } {
  const root = view.schema ? conv.convert(view.schema, "request") : { schema: {}, edges: new Map<string, number>() };
  if (view.description) root.schema = { ...root.schema, description: view.description };
  const arg: ArgPlan = { name: view.name, in: view.in, wire: view.name, required: view.required, schema: {} };
  Object.assign(arg, nonDefaultStyle(view.in, view.style, view.explode));
  if (view.allowReserved) arg.allowReserved = true;
  return { arg, root };
}

/** Reports a malformed spec object (GW204, an error: the object is skipped). */
export function malformed(ctx: SpecContext, at: Located, why: string): void {
  reportOnce(ctx, `bad:${at.doc}:${at.pointer}`, at, { code: "GW204", severity: "error", message: `malformed spec object: ${why}` });
}
