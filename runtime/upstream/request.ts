// Builds the upstream HTTP request (URL, headers, body) for one tool call from validated arguments.
import type { ResolvedApp } from "../config/secrets.js";
import type { HttpTool } from "../contract.js";
import { prepareAuth } from "./auth.js";
import { type UpstreamBody, buildBody } from "./body.js";
import { neutraliseDotSegments } from "./encode.js";
import { type Binding, appendQuery, normaliseBinding, serializeCookie, serializeHeader, serializePath } from "./serialize.js";

/** An argument the request cannot carry (a path value missing, a header with a line break); becomes an isError text. */
export class ArgumentError extends Error {
  override name = "ArgumentError";
}

/** Where an app lives, parsed once from its base URL. */
export interface Target {
  protocol: "http:" | "https:";
  hostname: string;
  port: number;
  /** The base URL's path without a trailing slash; "" for the root. @example "/v1" */
  basePath: string;
  /** `protocol//host[:port]`, for messages and redirects. */
  origin: string;
}

export interface UpstreamRequest {
  method: string;
  target: Target;
  /** Path and query, encoded, as sent on the request line. @example "/repos/o/r/issues?state=open" */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** A tool's bindings sorted by location, with the path template split once. */
interface CompiledPlan {
  /** Literal text and path bindings, alternating as in the template. */
  pathParts: (string | Binding)[];
  query: Binding[];
  header: Binding[];
  cookie: Binding[];
  body: Binding[];
}

const ACCEPT = "application/json, */*;q=0.5";
export const USER_AGENT = "mcp-gateway";
/** http.ts decodes these; the response cap applies to the decoded bytes. */
export const ACCEPT_ENCODING = "gzip, deflate, br";

const plans = new WeakMap<HttpTool, CompiledPlan>();
const targets = new WeakMap<ResolvedApp, Target>();

function compilePlan(tool: HttpTool): CompiledPlan {
  const plan: CompiledPlan = { pathParts: [], query: [], header: [], cookie: [], body: [] };
  const pathByWire = new Map<string, Binding>();
  for (const [arg, binding] of Object.entries(tool.request.params)) {
    const b = normaliseBinding(arg, binding);
    if (b.in === "path") pathByWire.set(b.wire, b);
    else plan[b.in].push(b);
  }
  for (const [i, piece] of tool.request.path.split(/\{([^}]+)\}/).entries()) {
    // Odd pieces are placeholder names; a placeholder without a binding is kept as literal text.
    if (i % 2 === 0) {
      if (piece) plan.pathParts.push(piece);
    } else plan.pathParts.push(pathByWire.get(piece) ?? `{${piece}}`);
  }
  return plan;
}

function compiledPlan(tool: HttpTool): CompiledPlan {
  let plan = plans.get(tool);
  if (!plan) plans.set(tool, (plan = compilePlan(tool)));
  return plan;
}

/** Parses and caches the app's base URL (already validated by `resolveRuntime`). */
export function targetOf(app: ResolvedApp): Target {
  let target = targets.get(app);
  if (!target) {
    const url = new URL(app.baseUrl);
    target = { ...targetOfUrl(url), basePath: url.pathname.replace(/\/+$/, "") };
    targets.set(app, target);
  }
  return target;
}

/** Where an http(s) URL points, with no base path (a redirect's or a token endpoint's target). */
export function targetOfUrl(url: URL): Target {
  const protocol = url.protocol === "https:" ? "https:" : "http:";
  return {
    protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : protocol === "https:" ? 443 : 80,
    basePath: "",
    origin: url.origin,
  };
}

/**
 * Characters a header value may not hold: control characters, C0 (CR, LF, NUL…), DEL and C1 (NEL, CSI…, which
 * some parsers and terminals act on), and anything past Latin-1. A tab is allowed, as HTTP allows it.
 */
export const BAD_HEADER_CHAR = /[^\t\x20-\x7e\xa0-\xff]/;

function checkHeader(b: Binding, value: string): string {
  if (BAD_HEADER_CHAR.test(value)) {
    throw new ArgumentError(`argument "${b.arg}": a ${b.in} value must be single-line Latin-1 text without control characters`);
  }
  return value;
}

function buildPath(plan: CompiledPlan, args: Record<string, unknown>): string {
  let path = "";
  for (const part of plan.pathParts) {
    if (typeof part === "string") {
      path += part;
      continue;
    }
    const value = args[part.arg];
    if (value === undefined || value === null) throw new ArgumentError(`missing required argument "${part.arg}" (path)`);
    const text = serializePath(part, value);
    if (text === "") throw new ArgumentError(`argument "${part.arg}": must not be empty (it is part of the URL path)`);
    path += text;
  }
  return neutraliseDotSegments(path);
}

/** Builds the request for `tool` with validated `args` against the resolved `app`. Rejects with ArgumentError. */
export async function buildRequest(tool: HttpTool, args: Record<string, unknown>, app: ResolvedApp): Promise<UpstreamRequest> {
  return requestFor(tool, args, app);
}

/**
 * `buildRequest` without the promise when none is needed: the request itself, built synchronously, unless its
 * body is multipart (encoded asynchronously), then a promise of it. Throws ArgumentError.
 */
export function requestFor(tool: HttpTool, args: Record<string, unknown>, app: ResolvedApp): UpstreamRequest | Promise<UpstreamRequest> {
  try {
    return assemble(tool, args, app);
  } catch (err) {
    // encodeURIComponent refuses a lone UTF-16 surrogate (JSON can carry one): name the argument that holds it.
    if (!(err instanceof URIError)) throw err;
    const arg = Object.keys(args).find((name) => !wellFormed(args[name]));
    throw new ArgumentError(`argument "${arg ?? "?"}": holds a lone UTF-16 surrogate, which is not valid Unicode text`);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when every string in `value`, keys included, is well-formed Unicode. */
function wellFormed(value: unknown): boolean {
  if (typeof value === "string") return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value !== null && typeof value === "object") return Object.entries(value).every(([key, item]) => !LONE_SURROGATE.test(key) && wellFormed(item));
  return true;
}

function assemble(tool: HttpTool, args: Record<string, unknown>, app: ResolvedApp): UpstreamRequest | Promise<UpstreamRequest> {
  const plan = compiledPlan(tool);
  const auth = prepareAuth(app);
  const target = targetOf(app);
  let path = target.basePath + buildPath(plan, args);
  if (!path.startsWith("/")) path = `/${path}`;

  const query: string[] = [];
  for (const b of plan.query) appendQuery(query, b, args[b.arg]);
  if (auth.query) query.push(auth.query);
  if (query.length > 0) path += (path.includes("?") ? "&" : "?") + query.join("&");

  const headers: Record<string, string> = { accept: ACCEPT, "accept-encoding": ACCEPT_ENCODING, "user-agent": USER_AGENT };
  for (const b of plan.header) {
    const value = serializeHeader(b, args[b.arg]);
    if (value !== undefined) headers[b.wire.toLowerCase()] = checkHeader(b, value);
  }
  const cookies: string[] = [];
  for (const b of plan.cookie) {
    const value = serializeCookie(b, args[b.arg]);
    if (value !== undefined) cookies.push(value);
  }
  if (auth.cookie) cookies.push(auth.cookie);
  // App headers and auth come last: an argument never overrides a credential.
  Object.assign(headers, auth.headers);
  if (cookies.length > 0) headers.cookie = headers.cookie ? `${headers.cookie}; ${cookies.join("; ")}` : cookies.join("; ");

  const request: UpstreamRequest = { method: tool.request.method, target, path, headers };
  const bodyPlan = tool.request.body;
  if (!bodyPlan) return request;
  const fields: Record<string, unknown> = {};
  for (const b of plan.body) if (args[b.arg] !== undefined && b.arg !== bodyPlan.whole) fields[b.wire] = args[b.arg];
  const body = buildBody(bodyPlan, fields, bodyPlan.whole !== undefined ? args[bodyPlan.whole] : undefined);
  return body instanceof Promise ? body.then((encoded) => withBody(request, encoded)) : withBody(request, body);
}

function withBody(request: UpstreamRequest, body: UpstreamBody | undefined): UpstreamRequest {
  if (body) {
    request.body = body.data;
    request.headers["content-type"] = body.contentType;
  }
  return request;
}
