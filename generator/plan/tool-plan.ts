// The IR: what sources produce (ToolDraft) and what the passes complete (ToolPlan). Plain data, no functions.
// Nothing here is specific to one kind of source: the request is a tagged union, and everything a pass
// matches on (keys, tags, routes) was put into `source` by the source that knew its rules.
import type { BodyPlan, HttpMethod, JsonSchema, ParamLocation, ParamStyle, RetryConfig, ToolAnnotations } from "../../runtime/contract.js";

export type { BodyPlan, HttpMethod, JsonSchema, ParamLocation, ParamStyle, RetryConfig, ToolAnnotations };

/** One operation as a source read it: everything but the final name, which the `name` pass decides. */
export interface ToolDraft {
  /** The raw name the source suggests, sanitised by the `name` pass. @example "issues/list-for-repo" */
  candidate: string;
  /** The gateway.yaml app it belongs to. */
  app: string;
  /** The spec's summary or name for the operation; the describe pass makes one from the name when absent. */
  title?: string;
  /**
   * As the spec words it; may be empty or open with a note or a heading: the describe pass makes its first
   * sentence say what the tool does.
   */
  description: string;
  /** Set when the spec deprecates the operation, with its reason if it gives one. */
  deprecated?: { reason?: string };
  /** The source's hints: its rule table, then the spec's own extensions. gateway.yaml overrides come later. */
  annotations: ToolAnnotations;
  /** What the source's rule table alone says, so the annotate pass can flag overrides that contradict it. */
  rule: HintRule;
  /** One per inputSchema property; emit sorts by `name`. */
  args: ArgPlan[];
  /** Schemas shared by several args or cyclic, referenced as `#/$defs/<key>`. */
  defs: Record<string, JsonSchema>;
  /** The success response's schema when it is an object we trust; absent otherwise. */
  outputSchema?: JsonSchema;
  /** Tags from the spec, as written. */
  tags: string[];
  request: RequestPlan;
  source: SourceRef;
  /** A `tools:` entry's `retry:`, set by the override pass; absent: the app's policy. */
  retry?: RetryConfig | false;
}

/** A draft the passes kept and named: what emit prints. */
export interface ToolPlan extends Omit<ToolDraft, "candidate"> {
  /** Final MCP tool name, unique across apps. @example "issues_list_for_repo" */
  name: string;
  /**
   * OAuth scopes a caller needs, sorted; set by the `scope` pass (the last one). Absent only on plans made by
   * hand: emit then uses the default by readOnlyHint. @example ["mcp:write"]
   */
  scopes?: string[];
}

/** The hints a source's rule table gives for one operation, and what the rule went by. */
export interface HintRule {
  /** How a warning names the operation's kind. @example "a DELETE" */
  label: string;
  annotations: ToolAnnotations;
}

/** How to call the upstream, tagged by the kind of source. */
export type RequestPlan = HttpRequestPlan | GraphqlRequestPlan;

export interface HttpRequestPlan {
  kind: "http";
  method: HttpMethod;
  /** @example "/repos/{owner}/{repo}/issues" */
  path: string;
  /** Absent: no request body. */
  body?: BodyPlan;
}

/** One GraphQL operation; its args are its variables (`in: "variable"`). */
export interface GraphqlRequestPlan {
  kind: "graphql";
  operation: "query" | "mutation";
  operationName: string;
  /** The operation and the fragments it uses, printed; validated against the schema. */
  document: string;
}

export interface ArgPlan {
  /** The name the model sees. Differs from `wire` only after a clash rename. */
  name: string;
  /** Where the value goes: an HTTP location, or a GraphQL variable. */
  in: ParamLocation | "variable";
  /** The name on the wire (the variable name for GraphQL). @example "per_page" */
  wire: string;
  required: boolean;
  /** JSON Schema of the value, with `description` folded in; `$ref`s point at `#/$defs/…`. */
  schema: JsonSchema;
  /** Only when it differs from the default for `in` (see runtime/shared/param-style.ts). */
  style?: ParamStyle;
  /** Only when it differs from the default for `style`. */
  explode?: boolean;
  allowReserved?: boolean;
}

/** Where a tool came from, and every handle gateway.yaml may use to address it. */
export interface SourceRef {
  /** Spec file, repo-relative. @example "specs/github.json" */
  file: string;
  /** JSON pointer of the operation inside `file`. @example "/paths/~1repos~1{owner}~1{repo}~1issues/get" */
  pointer: string;
  /** Keys gateway.yaml may use for this tool, the one a human would type first. @example ["issues/list-for-repo", "GET /repos/{owner}/{repo}/issues"] */
  keys: string[];
  /** The operationId (or operation name), when the spec has one. */
  operationId?: string;
  /** The operation's route, for include/exclude by `methods:` and `paths:`; absent for sources without routes (GraphQL). */
  route?: { method: string; path: string };
}
