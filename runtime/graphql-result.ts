// Shapes a GraphQL response into an MCP tool result: `data` as structured content, and every error named with
// its path. `data` with `errors` is a partial success (not isError); `errors` alone is a failure.
import type { CallToolResult } from "@modelcontextprotocol/server";
import type { GraphqlTool } from "./contract.js";
import type { Redactor } from "./redact.js";
import { errorResult, failureResult, statusLine } from "./result.js";
import type { UpstreamResponse } from "./upstream/http.js";
import { truncateText } from "./upstream/truncate.js";

/** One entry of a response's `errors`, as far as we read it. */
interface GraphqlError {
  message?: unknown;
  path?: unknown;
}

interface GraphqlResponse {
  data?: unknown;
  errors?: GraphqlError[];
}

/** How many errors a result spells out; the rest are counted. */
const ERRORS_LISTED = 10;
const MESSAGE_CHARS = 500;

export function graphqlResult(tool: GraphqlTool, res: UpstreamResponse, maxBytes: number, redactor: Redactor): CallToolResult {
  const ok = res.status >= 200 && res.status < 300;
  const { text, truncated } = truncateText(res.body, res.totalBytes, res.totalExact, maxBytes);
  // A cut body is not JSON any more: what arrived is all the model gets.
  if (truncated) return ok ? { content: [{ type: "text", text }], ...(tool.outputSchema ? { structuredContent: {} } : {}) } : failureResult(res, redactor);
  const response = parse(text);
  if (!ok) {
    if (!response?.errors?.length) return failureResult(res, redactor);
    return errorResult(`upstream returned ${statusLine(res)}${res.note ? ` (${res.note})` : ""}; ${describeErrors(response.errors)}`, redactor);
  }
  if (!response) return errorResult(`upstream answered ${statusLine(res)} with a body that is not a GraphQL response: ${text.slice(0, 200).replace(/\s+/g, " ")}`, redactor);
  const data = response.data;
  const errors = response.errors ?? [];
  if (data === null || data === undefined) {
    return errorResult(errors.length > 0 ? describeErrors(errors) : "upstream answered without data or errors", redactor);
  }
  const structured = typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const content: CallToolResult["content"] = [{ type: "text", text: JSON.stringify(data) }];
  if (errors.length > 0) content.push({ type: "text", text: redactor.redact(`Partial result: some fields are null because of ${describeErrors(errors)}`) });
  return tool.outputSchema ? { content, structuredContent: structured } : { content };
}

function parse(text: string): GraphqlResponse | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    const response = value as GraphqlResponse;
    if (response.errors !== undefined && !Array.isArray(response.errors)) return undefined;
    if (!("data" in response) && !response.errors) return undefined;
    return response;
  } catch {
    return undefined;
  }
}

/** `2 GraphQL errors: "Not found" at repository.issues.0; "Forbidden" at viewer` */
function describeErrors(errors: GraphqlError[]): string {
  const listed = errors.slice(0, ERRORS_LISTED).map((error) => {
    const message = typeof error?.message === "string" ? error.message.slice(0, MESSAGE_CHARS) : "(no message)";
    const path = Array.isArray(error?.path) && error.path.length > 0 ? ` at ${error.path.join(".")}` : "";
    return `${JSON.stringify(message)}${path}`;
  });
  const more = errors.length > ERRORS_LISTED ? `; and ${errors.length - ERRORS_LISTED} more` : "";
  return `${errors.length} GraphQL error${errors.length === 1 ? "" : "s"}: ${listed.join("; ")}${more}`;
}
