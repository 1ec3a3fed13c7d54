// OpenAPI's serialisation defaults, in one place: the generator prints only what differs from them, and the
// runtime fills them back in. Both sides import this module, so they cannot drift apart.
// @see https://spec.openapis.org/oas/v3.1.0#style-values
import type { ParamLocation, ParamStyle } from "../contract.js";

/** query, cookie and form-encoded body fields: `form`; path and header: `simple`. */
export function defaultStyle(location: ParamLocation): ParamStyle {
  return location === "path" || location === "header" ? "simple" : "form";
}

/** `form` explodes by default; every other style does not. */
export function defaultExplode(style: ParamStyle): boolean {
  return style === "form";
}

/** The style and explode worth writing down for `location`: only what differs from the defaults. */
export function nonDefaultStyle(location: ParamLocation, style: ParamStyle | undefined, explode: boolean | undefined): { style?: ParamStyle; explode?: boolean } {
  const resolved = style ?? defaultStyle(location);
  const out: { style?: ParamStyle; explode?: boolean } = {};
  if (resolved !== defaultStyle(location)) out.style = resolved;
  if (explode !== undefined && explode !== defaultExplode(resolved)) out.explode = explode;
  return out;
}
