// 3.x Request Body Objects → the one BodyView the gateway sends. @see https://spec.openapis.org/oas/v3.1.0#request-body-object
import type { SpecContext } from "./context.js";
import { child, deref, reportOnce } from "./context.js";
import type { Located } from "./documents.js";
import { isObj, nonEmpty } from "./guards.js";
import { chooseMediaType } from "./media-types.js";
import { malformed } from "./parameters.js";
import type { BodyView } from "./views.js";
import { asStyle } from "./views.js";

/** The operation's request body, or undefined when it has none we can send (GW209 says why). */
export function requestBody3(ctx: SpecContext, op: Located): BodyView | undefined {
  if ((op.value as Record<string, unknown>).requestBody === undefined) return undefined;
  const body = deref(ctx, child(op, "requestBody"));
  if (!body) return undefined;
  const rb = body.value;
  if (!isObj(rb) || !isObj(rb.content)) {
    malformed(ctx, body, "a request body needs a `content` map");
    return undefined;
  }
  const keys = Object.keys(rb.content);
  const choice = chooseMediaType(keys);
  if (!choice) {
    unsupportedBody(ctx, body, keys);
    return undefined;
  }
  const media = child(child(body, "content"), choice.key);
  const m = isObj(media.value) ? media.value : {};
  return {
    mediaType: choice.mediaType,
    ...(choice.contentType ? { contentType: choice.contentType } : {}),
    schema: m.schema !== undefined ? child(media, "schema") : undefined,
    required: rb.required === true,
    description: nonEmpty(rb.description),
    encoding: encodings(m.encoding),
    at: body,
  };
}

function encodings(value: unknown): BodyView["encoding"] {
  const out: BodyView["encoding"] = {};
  if (!isObj(value)) return out;
  for (const [name, enc] of Object.entries(value)) {
    if (!isObj(enc)) continue;
    out[name] = { style: asStyle(enc.style), explode: typeof enc.explode === "boolean" ? enc.explode : undefined };
  }
  return out;
}

/** GW209: the body's media types are all ones the gateway cannot send; the tool goes on without a body. */
export function unsupportedBody(ctx: SpecContext, at: Located, keys: string[]): void {
  reportOnce(ctx, `media:${at.doc}:${at.pointer}`, at, {
    code: "GW209",
    severity: "warning",
    message: `request body media type${keys.length === 1 ? "" : "s"} ${keys.sort().join(", ") || "(none)"} not supported; the tool is produced without a body`,
    help: "offer application/json in the spec, or hide the tool in gateway.yaml",
  });
}
