// The app's default base URL: the first Server Object (variables at their defaults) or 2.0 scheme+host+basePath.
// @see https://spec.openapis.org/oas/v3.1.0#server-object
import type { SpecContext } from "./context.js";
import { isObj } from "./guards.js";
import { baseUrl2 } from "./swagger2.js";

/** The first server URL with `{variables}` replaced by their defaults, without a trailing slash. */
export function baseUrl(ctx: SpecContext): string | undefined {
  if (ctx.version === "2.0") return baseUrl2(ctx.doc);
  const servers = ctx.doc.servers;
  if (!Array.isArray(servers) || !isObj(servers[0]) || typeof servers[0].url !== "string") return undefined;
  const server = servers[0];
  const variables = isObj(server.variables) ? server.variables : {};
  const url = (server.url as string).replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObj(variable) && typeof variable.default === "string" ? variable.default : whole;
  });
  return url.length > 1 ? url.replace(/\/$/, "") : url;
}
