// The keywords of one (non-`$ref`) Schema Object: keep what helps a model or a validator, fix what 2020-12 spells differently.
// OpenAPI 3.0 `nullable` and 2.0 `x-nullable` → type arrays; 2.0/3.0 boolean `exclusiveMinimum` → numeric;
// 2.0 `type: file` → a string; `readOnly` properties leave request schemas, `writeOnly` ones response schemas.
import type { JsonSchema } from "../../plan/tool-plan.js";
import { isObj, type Obj } from "./guards.js";
import { joinPointer } from "../../../runtime/shared/json-pointer.js";
import {
  ANNOTATION_KEYWORDS, BOOLEAN_KEYWORDS, IGNORED_KEYWORDS, NUMBER_KEYWORDS, STRING_KEYWORDS, isJsonType, isValidPattern,
} from "./schema-checks.js";

/** Request schemas drop `readOnly` properties; response schemas drop `writeOnly` ones. */
export type SchemaMode = "request" | "response";

/** What keyword conversion calls back into for nested schemas; `SchemaConverter` (schemas.ts) implements it. */
export interface NodeConverter {
  /** Converts a nested schema (following `$ref`s) at `pointer`. */
  node(value: unknown, doc: string, pointer: string, mode: SchemaMode, depth: number, edges: Map<string, number>): JsonSchema;
  /** True when the property schema is dropped in this mode (`readOnly` in requests, `writeOnly` in responses). */
  hidden(value: unknown, doc: string, mode: SchemaMode): boolean;
  /** Reports a keyword dropped because its value is invalid (GW212). */
  invalid(doc: string, pointer: string, why: string): void;
}

/** Converts every keyword of `value` (a Schema Object without `$ref`). */
export function convertKeywords(
  conv: NodeConverter,
  value: Obj,
  doc: string,
  pointer: string,
  mode: SchemaMode,
  depth: number,
  edges: Map<string, number>,
): JsonSchema {
  const out: JsonSchema = {};
  const sub = (v: unknown, ...tokens: (string | number)[]): JsonSchema =>
    conv.node(v, doc, joinPointer(pointer, ...tokens.map(String)), mode, depth + 1, edges);
  const drop = (key: string, why: string): void => conv.invalid(doc, joinPointer(pointer, key), why);
  let hiddenProps: Set<string> | undefined;

  for (const key of Object.keys(value)) {
    const v = value[key];
    if (IGNORED_KEYWORDS.has(key) || key.startsWith("x-")) continue;
    if (STRING_KEYWORDS.has(key)) {
      if (typeof v === "string") out[key] = v;
      else drop(key, `${key} must be a string`);
    } else if (BOOLEAN_KEYWORDS.has(key)) {
      if (typeof v === "boolean") out[key] = v;
      else drop(key, `${key} must be a boolean`);
    } else if (key in NUMBER_KEYWORDS) {
      if (typeof v === "number" && NUMBER_KEYWORDS[key](v)) out[key] = v;
      else drop(key, `${key} has an invalid value ${JSON.stringify(v)}`);
    } else if (key === "type") {
      convertType(v, out, () => drop(key, `unknown type ${JSON.stringify(v)}`));
    } else if (key === "pattern") {
      if (isValidPattern(v)) out.pattern = v;
      else drop(key, `pattern ${JSON.stringify(v)} is not a valid Unicode regular expression`);
    } else if (key === "enum") {
      if (Array.isArray(v) && v.length > 0) out.enum = [...v];
      else drop(key, "enum must be a non-empty array");
    } else if (key === "const" || key === "default") {
      out[key] = v;
    } else if (key === "exclusiveMinimum" || key === "exclusiveMaximum") {
      convertExclusive(key, v, value, out);
    } else if (key === "required") {
      if (Array.isArray(v)) out.required = [...new Set(v.filter((r): r is string => typeof r === "string"))].sort();
      else drop(key, "required must be an array of property names");
    } else if (key === "properties") {
      if (!isObj(v)) {
        drop(key, "properties must be an object");
        continue;
      }
      const props: JsonSchema = {};
      for (const name of Object.keys(v)) {
        if (conv.hidden(v[name], doc, mode)) (hiddenProps ??= new Set()).add(name);
        else props[name] = sub(v[name], "properties", name);
      }
      out.properties = props;
    } else if (key === "patternProperties") {
      if (!isObj(v)) continue;
      const props: JsonSchema = {};
      for (const pattern of Object.keys(v)) if (isValidPattern(pattern)) props[pattern] = sub(v[pattern], key, pattern);
      out.patternProperties = props;
    } else if (key === "items") {
      if (Array.isArray(v)) out.prefixItems = v.map((item, i) => sub(item, key, i));
      else out.items = sub(v, key);
    } else if (key === "prefixItems") {
      if (Array.isArray(v)) out.prefixItems = v.map((item, i) => sub(item, key, i));
    } else if (key === "additionalProperties") {
      out.additionalProperties = typeof v === "boolean" ? v : sub(v, key);
    } else if (key === "allOf" || key === "anyOf" || key === "oneOf") {
      if (Array.isArray(v) && v.length > 0) out[key] = v.map((item, i) => sub(item, key, i));
      else drop(key, `${key} must be a non-empty array`);
    } else if (key === "not") {
      out.not = sub(v, key);
    }
  }
  if (hiddenProps && Array.isArray(out.required)) out.required = (out.required as string[]).filter((r) => !hiddenProps!.has(r));
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  // The bound moved into exclusiveMinimum/Maximum; keeping `minimum` too would be redundant.
  if (value.exclusiveMinimum === true && typeof value.minimum === "number") delete out.minimum;
  if (value.exclusiveMaximum === true && typeof value.maximum === "number") delete out.maximum;
  if (value.type === "file") out.description = joinText(out.description, "(file contents)");
  if (value.nullable === true || value["x-nullable"] === true) return makeNullable(out);
  return out;
}

function convertType(v: unknown, out: JsonSchema, onInvalid: () => void): void {
  if (v === "file") out.type = "string";
  else if (isJsonType(v)) out.type = v;
  else if (Array.isArray(v)) {
    const types = [...new Set(v.filter(isJsonType))];
    if (types.length !== v.length) onInvalid();
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.type = types;
  } else onInvalid();
}

/** 2.0/3.0 spell `exclusiveMinimum: true` beside `minimum`; 2020-12 wants the bound in `exclusiveMinimum`. */
function convertExclusive(key: "exclusiveMinimum" | "exclusiveMaximum", v: unknown, value: Obj, out: JsonSchema): void {
  if (typeof v === "number") out[key] = v;
  else if (v === true) {
    const bound = key === "exclusiveMinimum" ? "minimum" : "maximum";
    if (typeof value[bound] === "number") out[key] = value[bound];
  }
}

/** Marks a JSON Schema nullable the 2020-12 way: `null` joins `type` (and `enum`), or an `anyOf` with null. */
function makeNullable(out: JsonSchema): JsonSchema {
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === "string") out.type = out.type === "null" ? "null" : [out.type, "null"];
  else if (Array.isArray(out.type)) {
    if (!out.type.includes("null")) out.type = [...out.type, "null"];
  } else if (out.enum === undefined) {
    const annotations: JsonSchema = {};
    const rest: JsonSchema = {};
    for (const [k, v] of Object.entries(out)) ((ANNOTATION_KEYWORDS as readonly string[]).includes(k) ? annotations : rest)[k] = v;
    if (Object.keys(rest).length > 0) return { ...annotations, anyOf: [rest, { type: "null" }] };
  }
  return out;
}

/** Joins two optional texts with a space. */
function joinText(a: unknown, b: string): string {
  return typeof a === "string" && a.trim() !== "" ? `${a.trim()} ${b}` : b;
}
