// Builds the request body from `in: "body"` arguments: JSON, form-urlencoded (bracket notation), multipart or text.
import type { BodyPlan } from "../contract.js";
import { type Pair, flattenBrackets, scalarText } from "./brackets.js";
import { encodeStrict } from "./encode.js";

/** A body ready to send. Multipart bytes come with their own boundary in `contentType`. */
export interface UpstreamBody {
  contentType: string;
  /** A string (JSON, form) or the multipart bytes. */
  data: string | Uint8Array;
}

/** Form keys keep their brackets readable (`metadata[order_id]`), as Stripe's client sends them. */
function encodeFormKey(key: string): string {
  return encodeStrict(key).replace(/%5B/g, "[").replace(/%5D/g, "]");
}

/** `application/x-www-form-urlencoded`, nested objects/arrays in bracket notation; null omitted. */
function encodeForm(fields: Record<string, unknown>): string {
  const pairs: Pair[] = [];
  for (const [key, value] of Object.entries(fields)) flattenBrackets(key, value, pairs);
  let out = "";
  for (const [k, v] of pairs) out += `${out ? "&" : ""}${encodeFormKey(k)}=${encodeStrict(v)}`;
  return out;
}

/**
 * `multipart/form-data` via FormData (non-file fields): scalars as text, arrays as one part per item,
 * objects (and objects inside arrays) as JSON strings; null omitted. Serialised through `Response`,
 * which writes the parts and picks the boundary.
 */
async function encodeMultipart(fields: Record<string, unknown>): Promise<UpstreamBody> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      const text = scalarText(item);
      if (text !== undefined) form.append(key, text);
    }
  }
  const response = new Response(form);
  const contentType = response.headers.get("content-type") ?? "multipart/form-data";
  return { contentType, data: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * The body for `plan`: `whole` sends that one argument as the body; otherwise the object of body
 * fields (keyed by wire name). No fields given → no body. JSON keeps `null` (it can mean "clear this
 * field", as in GitHub's `milestone: null`); form and multipart cannot say null, so they omit it.
 * Synchronous but for multipart, whose encoding is a promise.
 */
export function buildBody(plan: BodyPlan, fields: Record<string, unknown>, whole: unknown): UpstreamBody | undefined | Promise<UpstreamBody> {
  const contentType = plan.contentType ?? plan.mediaType;
  if (plan.whole !== undefined) {
    if (whole === undefined) return undefined;
    if (plan.mediaType === "application/json") return { contentType, data: JSON.stringify(whole) };
    if (plan.mediaType === "text/plain") return { contentType, data: typeof whole === "string" ? whole : JSON.stringify(whole) };
    fields = whole !== null && typeof whole === "object" && !Array.isArray(whole) ? (whole as Record<string, unknown>) : { [plan.whole]: whole };
  } else {
    let any = false;
    for (const _ in fields) { any = true; break; }
    if (!any) return undefined;
  }
  switch (plan.mediaType) {
    case "application/json":
      return { contentType, data: JSON.stringify(fields) };
    case "application/x-www-form-urlencoded":
      return { contentType, data: encodeForm(fields) };
    case "multipart/form-data":
      return encodeMultipart(fields);
    case "text/plain":
      // Only `whole` bodies are text; fields would have no text form.
      return { contentType, data: JSON.stringify(fields) };
  }
}
