// Serialises one argument for path, query, header or cookie per OpenAPI style/explode.
// @see https://spec.openapis.org/oas/v3.1.0#style-examples
import type { ParamBinding, ParamLocation, ParamStyle } from "../contract.js";
import { defaultExplode, defaultStyle } from "../shared/param-style.js";
import { type Pair, flattenBrackets, scalarText } from "./brackets.js";
import { encodeQuery, encodeStrict } from "./encode.js";

/** A binding with every default filled in, computed once per tool. */
export interface Binding {
  /** The argument name in the tool's input. */
  arg: string;
  in: ParamLocation;
  /** The name on the wire. */
  wire: string;
  style: ParamStyle;
  explode: boolean;
  allowReserved: boolean;
}

/** Fills in OpenAPI defaults: query/cookie → form (explode), path/header → simple (no explode). */
export function normaliseBinding(arg: string, binding: ParamBinding): Binding {
  const spec = typeof binding === "string" ? { in: binding } : binding;
  const style = spec.style ?? defaultStyle(spec.in);
  return {
    arg,
    in: spec.in,
    wire: spec.wire ?? arg,
    style,
    explode: spec.explode ?? defaultExplode(style),
    allowReserved: ("allowReserved" in spec && spec.allowReserved) || false,
  };
}

/** Scalars of an array or the `k, v` entries of an object, as text; null members dropped. */
function items(value: unknown[]): string[] {
  const out: string[] = [];
  for (const item of value) {
    const text = scalarText(item);
    if (text !== undefined) out.push(text);
  }
  return out;
}

function entries(value: object): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(value)) {
    const text = scalarText(v);
    if (text !== undefined) out.push([k, text]);
  }
  return out;
}

/** Path value, encoded (`encodeStrict`): simple `a,b` · label `.a.b` · matrix `;id=a;id=b`. */
export function serializePath(b: Binding, value: unknown): string {
  const name = encodeStrict(b.wire);
  const prefix = b.style === "label" ? "." : b.style === "matrix" ? ";" : "";
  if (Array.isArray(value)) {
    const parts = items(value).map(encodeStrict);
    if (b.style === "matrix") return b.explode ? parts.map((p) => `;${name}=${p}`).join("") : `;${name}=${parts.join(",")}`;
    return prefix + parts.join(b.explode && b.style === "label" ? "." : ",");
  }
  if (value !== null && typeof value === "object") {
    const kv = entries(value).map(([k, v]) => [encodeStrict(k), encodeStrict(v)]);
    if (b.explode) {
      const sep = b.style === "label" ? "." : b.style === "matrix" ? ";" : ",";
      return prefix + kv.map(([k, v]) => `${k}=${v}`).join(sep);
    }
    const flat = kv.flat().join(",");
    return b.style === "matrix" ? `;${name}=${flat}` : prefix + flat;
  }
  const text = encodeStrict(scalarText(value) ?? "");
  return b.style === "matrix" ? `;${name}=${text}` : prefix + text;
}

const DELIMITER: Partial<Record<ParamStyle, string>> = { form: ",", spaceDelimited: "%20", pipeDelimited: "|" };

/** Encodes a bracket key, keeping the brackets readable: `filter[status]`. */
function encodeKey(key: string): string {
  return encodeStrict(key).replace(/%5B/g, "[").replace(/%5D/g, "]");
}

/** Appends the encoded `k=v` pieces of one query argument to `out`. */
export function appendQuery(out: string[], b: Binding, value: unknown): void {
  if (value === null || value === undefined) return;
  const name = encodeStrict(b.wire);
  const enc = (v: string): string => encodeQuery(v, b.allowReserved);
  if (b.style === "deepObject") {
    const pairs: Pair[] = [];
    flattenBrackets(b.wire, value, pairs);
    for (const [k, v] of pairs) out.push(`${encodeKey(k)}=${enc(v)}`);
    return;
  }
  const delimiter = DELIMITER[b.style] ?? ",";
  if (Array.isArray(value)) {
    const parts = items(value).map(enc);
    if (parts.length === 0) return;
    if (b.explode) for (const p of parts) out.push(`${name}=${p}`);
    else out.push(`${name}=${parts.join(delimiter)}`);
    return;
  }
  if (typeof value === "object") {
    const kv = entries(value);
    if (b.explode) for (const [k, v] of kv) out.push(`${encodeStrict(k)}=${enc(v)}`);
    else if (kv.length > 0) out.push(`${name}=${kv.map(([k, v]) => `${enc(k)}${delimiter}${enc(v)}`).join(delimiter)}`);
    return;
  }
  out.push(`${name}=${enc(scalarText(value) as string)}`);
}

/** Header value (simple style): `a,b`; objects `k,v,k2,v2` or, exploded, `k=v,k2=v2`. Undefined → omit. */
export function serializeHeader(b: Binding, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return items(value).join(",");
  if (typeof value === "object") {
    const kv = entries(value);
    return b.explode ? kv.map(([k, v]) => `${k}=${v}`).join(",") : kv.flat().join(",");
  }
  return scalarText(value);
}

/** Cookie pair(s) (form style): `id=5`; arrays `id=3,4` or, exploded, `id=3; id=4`. Undefined → omit. */
export function serializeCookie(b: Binding, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const name = encodeStrict(b.wire);
  if (Array.isArray(value)) {
    const parts = items(value).map(encodeStrict);
    return b.explode ? parts.map((p) => `${name}=${p}`).join("; ") : `${name}=${parts.join(",")}`;
  }
  if (typeof value === "object") {
    const kv = entries(value).map(([k, v]) => [encodeStrict(k), encodeStrict(v)]);
    return b.explode ? kv.map(([k, v]) => `${k}=${v}`).join("; ") : `${name}=${kv.flat().join(",")}`;
  }
  return `${name}=${encodeStrict(scalarText(value) as string)}`;
}
