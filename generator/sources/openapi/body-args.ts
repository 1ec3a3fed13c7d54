// A BodyView → arguments: an object body is flattened (one `in: "body"` arg per property, allOf merged);
// anything else (array, scalar, map, oneOf) becomes one arg `body` sent whole. Multipart binary fields are
// dropped with GW210: a model cannot pass file bytes as a JSON argument.
import type { ArgPlan, BodyPlan } from "../../plan/tool-plan.js";
import type { SpecContext } from "./context.js";
import { child, deref, reportOnce } from "./context.js";
import type { Located } from "./documents.js";
import { isObj, sortedKeys } from "./guards.js";
import type { Converted, SchemaConverter } from "./schemas.js";
import type { BodyView } from "./views.js";
import { nonDefaultStyle } from "../../../runtime/shared/param-style.js";

export interface BodyArgs {
  args: { arg: ArgPlan; root: Converted }[];
  plan: BodyPlan;
}

interface FlatProperty {
  name: string;
  schema: Located;
  required: boolean;
}

/** The body's arguments and BodyPlan; `whole` names the arg before clash renaming (the caller updates it). */
export function bodyArgs(ctx: SpecContext, conv: SchemaConverter, body: BodyView): BodyArgs {
  const plan: BodyPlan = { mediaType: body.mediaType, ...(body.contentType ? { contentType: body.contentType } : {}) };
  // A text body is one string, whatever its schema says: never flattened into fields.
  const props = body.schema && body.mediaType !== "text/plain" ? flatten(ctx, conv, body.schema, 0) : undefined;
  if (!props) {
    const root = body.schema ? conv.convert(body.schema, "request") : { schema: {}, edges: new Map<string, number>() };
    if (body.description) root.schema = { ...root.schema, description: body.description };
    plan.whole = "body";
    return { plan, args: [{ arg: { name: "body", in: "body", wire: "body", required: body.required, schema: {} }, root }] };
  }
  const args: BodyArgs["args"] = [];
  for (const prop of props) {
    if (body.mediaType === "multipart/form-data" && isBinary(ctx, prop.schema)) {
      reportOnce(ctx, `bin:${prop.schema.doc}:${prop.schema.pointer}`, prop.schema, {
        code: "GW210",
        severity: "info",
        message: `multipart field "${prop.name}" holds binary data and was dropped`,
      });
      continue;
    }
    const arg: ArgPlan = { name: prop.name, in: "body", wire: prop.name, required: body.required && prop.required, schema: {} };
    const enc = body.encoding[prop.name];
    Object.assign(arg, nonDefaultStyle("body", enc?.style, enc?.explode));
    args.push({ arg, root: conv.convert(prop.schema, "request") });
  }
  return { plan, args };
}

/** The properties of an object schema (through `$ref`s and `allOf`), or undefined when it is not a plain object. */
function flatten(ctx: SpecContext, conv: SchemaConverter, at: Located, depth: number): FlatProperty[] | undefined {
  const loc = deref(ctx, at);
  if (!loc || !isObj(loc.value) || depth > 8) return undefined;
  const s = loc.value;
  if (s.oneOf !== undefined || s.anyOf !== undefined || s.not !== undefined) return undefined;
  if (s.type !== undefined && s.type !== "object") return undefined;
  const byName = new Map<string, FlatProperty>();
  if (Array.isArray(s.allOf)) {
    for (let i = 0; i < s.allOf.length; i++) {
      const part = flatten(ctx, conv, child(child(loc, "allOf"), i), depth + 1);
      if (!part) return undefined;
      for (const p of part) byName.set(p.name, { ...p, required: p.required || byName.get(p.name)?.required === true });
    }
  }
  const required = new Set(Array.isArray(s.required) ? s.required : []);
  if (isObj(s.properties)) {
    const props = child(loc, "properties");
    for (const name of sortedKeys(s.properties)) {
      if (conv.hidden(s.properties[name], loc.doc, "request")) continue;
      byName.set(name, { name, schema: child(props, name), required: required.has(name) });
    }
  }
  for (const name of required) {
    const p = byName.get(name as string);
    if (p) p.required = true;
  }
  if (byName.size === 0) return depth === 0 ? undefined : [];
  return [...byName.values()];
}

/** Binary content: 2.0 `type: file`, `format: binary`, or a non-text `contentMediaType` without an encoding (3.1). */
function isBinary(ctx: SpecContext, at: Located): boolean {
  const loc = deref(ctx, at);
  if (!loc || !isObj(loc.value)) return false;
  const s = loc.value;
  if (s.type === "array" && s.items !== undefined) return isBinary(ctx, child(loc, "items"));
  if (s.type === "file" || s.format === "binary") return true;
  return typeof s.contentMediaType === "string" && s.contentEncoding === undefined && !s.contentMediaType.startsWith("text/");
}
