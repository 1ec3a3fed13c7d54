// Responses Object → the schema of the first 2xx JSON response (3.x). @see https://spec.openapis.org/oas/v3.1.0#responses-object
import type { SpecContext } from "./context.js";
import { child, deref } from "./context.js";
import type { Located } from "./documents.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";
import { isObj } from "./guards.js";
import { isJsonMedia } from "./media-types.js";

/** Success status keys in order: "200" … "299", then "2XX". */
export function successCodes(responses: Record<string, unknown>): string[] {
  return Object.keys(responses)
    .filter((code) => /^2(\d\d|xx)$/i.test(code))
    .sort((a, b) => compareCodeUnits(a.toUpperCase(), b.toUpperCase()));
}

/** The raw schema of the first 2xx response that has a JSON one, if any. */
export function okResponseSchema3(ctx: SpecContext, op: Located): Located | undefined {
  const responses = child(op, "responses");
  if (!isObj(responses.value)) return undefined;
  for (const code of successCodes(responses.value)) {
    const response = deref(ctx, child(responses, code));
    if (!response || !isObj(response.value) || !isObj(response.value.content)) continue;
    const content = child(response, "content");
    // application/json itself first, then other JSON types in code-unit order.
    const key = Object.keys(response.value.content)
      .filter(isJsonMedia)
      .sort((a, b) => Number(!a.startsWith("application/json")) - Number(!b.startsWith("application/json")) || compareCodeUnits(a, b))[0];
    if (key === undefined) continue;
    const media = child(content, key);
    if (isObj(media.value) && media.value.schema !== undefined) return child(media, "schema");
  }
  return undefined;
}
