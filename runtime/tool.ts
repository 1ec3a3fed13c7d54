// The data shapes shared by generated/ and the runtime: what one tool is, and how to call it. Types only.

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "TRACE";

/** Where one input argument goes on the wire. */
export type ParamLocation = "path" | "query" | "header" | "cookie" | "body";

/** OpenAPI serialisation styles we honour. @see https://spec.openapis.org/oas/v3.1.0#style-values */
export type ParamStyle = "form" | "simple" | "label" | "matrix" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** A parameter binding with something non-default about it. */
export interface ParamSpec {
  in: ParamLocation;
  /** The name on the wire, when it differs from the argument name (after a clash rename). */
  wire?: string;
  /** Only when it differs from the default for `in` (query/cookie: form, path/header: simple). */
  style?: ParamStyle;
  /** Only when it differs from the default for `style` (form: true, others: false). */
  explode?: boolean;
  /** Query only: send reserved characters unencoded (OpenAPI `allowReserved`). */
  allowReserved?: boolean;
}

/** The plain location string when everything else is default; a `ParamSpec` otherwise. */
export type ParamBinding = ParamLocation | ParamSpec;

export type BodyMediaType = "application/json" | "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain";

/** How the request body is assembled from `in: "body"` arguments. */
export interface BodyPlan {
  mediaType: BodyMediaType;
  /**
   * Set when the body is not an object (an array, a scalar) or could not be flattened: the named
   * argument is sent as the whole body. Absent: the body is an object made of every `in: "body"` argument.
   */
  whole?: string;
  /** The media type string as the spec wrote it, when it differs from `mediaType` (e.g. `application/vnd.github+json`). */
  contentType?: string;
}

export interface HttpRequestPlan<Input = Record<string, unknown>> {
  method: HttpMethod;
  /** Path template relative to the app's base URL. @example "/repos/{owner}/{repo}" */
  path: string;
  params: { [K in keyof Input]-?: ParamBinding };
  body?: BodyPlan;
}

/** All four hints, always present: absent would mean the MCP defaults, which reviewers forget. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export type JsonSchema = { [key: string]: unknown };

export interface HttpTool<Input = Record<string, unknown>> {
  name: string;
  app: string;
  title?: string;
  description: string;
  annotations: ToolAnnotations;
  inputSchema: JsonSchema & { type: "object" };
  /** Only when the 2xx response is an object schema we trust; enables `structuredContent`. */
  outputSchema?: JsonSchema & { type: "object" };
  /** Tags from the spec, used by search. */
  tags?: string[];
  request: HttpRequestPlan<Input>;
}
