// Secret-bearing fields of gateway.yaml: which they are, and a copy of the source with literal ones masked.
import { yamlPath } from "./path-label.js";
import { nodeAt, type SourceFile } from "./yaml-position.js";

/** An `${ENV}` reference; a secret field holding one (even inside other text) is not a literal secret. */
export const ENV_REF = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

/** Header names that carry credentials. @example "Authorization", "X-Api-Key" */
export const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|password/i;

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Paths of every secret-bearing field present in `data` (any shape: it may not have passed the schema). */
function secretPaths(data: unknown): string[][] {
  const out: string[][] = [];
  if (!isMap(data)) return out;
  const server = isMap(data.server) && isMap(data.server.auth) && isMap(data.server.auth.bearer) ? data.server.auth.bearer.tokens : undefined;
  // A token is a bare `${ENV}` string or a map with a `token:` field.
  if (Array.isArray(server)) server.forEach((entry, i) => out.push(["server", "auth", "bearer", "tokens", String(i), ...(isMap(entry) ? ["token"] : [])]));
  const oauth = isMap(data.server) && isMap(data.server.auth) && isMap(data.server.auth.oauth) ? data.server.auth.oauth : undefined;
  if (oauth && isMap(oauth.introspection) && "client_secret" in oauth.introspection) out.push(["server", "auth", "oauth", "introspection", "client_secret"]);
  const sessions = isMap(data.server) && isMap(data.server.sessions) ? data.server.sessions : undefined;
  // A Redis URL may carry a password (redis://:password@host).
  if (sessions && isMap(sessions.store) && isMap(sessions.store.redis) && "url" in sessions.store.redis) out.push(["server", "sessions", "store", "redis", "url"]);
  for (const [app, def] of Object.entries(isMap(data.apps) ? data.apps : {})) {
    if (!isMap(def)) continue;
    if (isMap(def.auth)) for (const field of ["token", "password", "value", "client_id", "client_secret"]) if (field in def.auth) out.push(["apps", app, "auth", field]);
    if (isMap(def.headers)) for (const name of Object.keys(def.headers)) if (CREDENTIAL_HEADER.test(name)) out.push(["apps", app, "headers", name]);
  }
  return out;
}

/** The value at `path` inside `data`. */
function valueAt(data: unknown, path: readonly string[]): unknown {
  let cur = data;
  for (const s of path) cur = isMap(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[s] : undefined;
  return cur;
}

/** True when the secret field at `path` holds a literal value rather than an `${ENV}` reference. */
function isLiteralSecret(data: unknown, path: readonly string[]): boolean {
  const value = valueAt(data, path);
  return value !== undefined && value !== null && !(typeof value === "string" && ENV_REF.test(value));
}

/**
 * `src.text` with every literal secret replaced by `*`s of the same length (line breaks kept), so an excerpt
 * of any diagnostic on that line, whatever it is about, never shows a secret.
 */
export function maskSecrets(src: SourceFile, data: unknown): string {
  const chars = [...src.text];
  const text = src.text;
  let masked = false;
  for (const path of secretPaths(data)) {
    if (!isLiteralSecret(data, path)) continue;
    const yp = yamlPath(path);
    const { node, depth } = nodeAt(src.doc, yp);
    if (!node?.range || depth !== yp.length) continue;
    for (let i = node.range[0]; i < node.range[1] && i < text.length; i++) if (text[i] !== "\n" && text[i] !== "\r") chars[i] = "*";
    masked = true;
  }
  return masked ? chars.join("") : text;
}
