// The IR: everything the runtime needs to list and call one tool. Plain data, no classes, no functions.
import type { BodyPlan, HttpMethod, JsonSchema, ParamLocation, ParamStyle, ToolAnnotations } from "../../runtime/tool.js";

export type { BodyPlan, HttpMethod, JsonSchema, ParamLocation, ParamStyle, ToolAnnotations };

export interface ToolPlan {
  /** Final MCP tool name, unique across apps; set by the `name` pass. Sources put a raw candidate here. @example "issues_list_for_repo" */
  name: string;
  app: string;
  title?: string;
  /** Never empty after the sources: description, else summary, else "METHOD /path". */
  description: string;
  /** Set by the `annotate` pass; sources leave `undefined`. */
  annotations?: ToolAnnotations;
  /** `x-mcp-*` hints the spec gave for this operation, applied by `annotate` after the method table. */
  specHints?: Partial<ToolAnnotations>;
  /** One per inputSchema property; emit sorts by `name`. */
  args: ArgPlan[];
  /** Schemas shared by several args or cyclic, referenced as `#/$defs/<key>`. */
  defs: Record<string, JsonSchema>;
  /** The 2xx response schema when it is an object we trust; absent otherwise. */
  outputSchema?: JsonSchema;
  tags: string[];
  request: HttpRequestPlan;
  source: SourceRef;
}

export interface HttpRequestPlan {
  kind: "http";
  method: HttpMethod;
  /** @example "/repos/{owner}/{repo}/issues" */
  path: string;
  body?: BodyPlan;
}

export interface ArgPlan {
  /** The name the model sees. Differs from `wire` only after a clash rename. */
  name: string;
  in: ParamLocation;
  /** The name on the wire. @example "per_page" */
  wire: string;
  required: boolean;
  /** JSON Schema of the value, with `description` folded in; `$ref`s point at `#/$defs/…`. */
  schema: JsonSchema;
  /** Only when it differs from the default for `in` (query/cookie: form, path/header: simple). */
  style?: ParamStyle;
  /** Only when it differs from the default for `style`. */
  explode?: boolean;
  allowReserved?: boolean;
}

export interface SourceRef {
  /** Spec file, repo-relative. @example "specs/github.json" */
  file: string;
  /** JSON pointer of the operation inside `file`. @example "/paths/~1repos~1{owner}~1{repo}~1issues/get" */
  pointer: string;
  /** Keys gateway.yaml may use for this tool. @example ["issues/list-for-repo", "GET /repos/{owner}/{repo}/issues"] */
  keys: string[];
  /** The operationId, when the spec has one. */
  operationId?: string;
}
