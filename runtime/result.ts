// Shapes an upstream response into an MCP tool result: JSON/text, image, audio, blob, or an error text.
import { STATUS_CODES } from "node:http";
import type { CallToolResult } from "@modelcontextprotocol/server";
import type { Redactor } from "./redact.js";
import type { HttpTool } from "./contract.js";
import type { UpstreamResponse } from "./upstream/http.js";
import { formatBytes, truncateText } from "./upstream/truncate.js";

/** How much of a failing upstream body an error result quotes. */
const ERROR_BODY_CHARS = 2000;

/** An `isError` result whose text has passed through the redactor. */
export function errorResult(text: string, redactor: Redactor): CallToolResult {
  return { content: [{ type: "text", text: redactor.redact(text) }], isError: true };
}

function isJsonType(mediaType: string): boolean {
  return mediaType === "application/json" || mediaType.endsWith("+json") || mediaType === "text/json";
}

function isTextType(mediaType: string): boolean {
  return (
    mediaType.startsWith("text/") ||
    mediaType.endsWith("+xml") ||
    /^application\/(xml|yaml|x-yaml|javascript|ecmascript|x-www-form-urlencoded|graphql|x-ndjson|jsonl|csv|sql)$/.test(mediaType)
  );
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** True when the bytes read as UTF-8 text without NULs: an untyped or octet-stream body that is really text. */
function looksLikeText(body: Uint8Array): boolean {
  if (body.includes(0)) return false;
  try {
    strictUtf8.decode(body.subarray(0, 65536));
    return true;
  } catch {
    // A cut in the middle of a character at 64 KiB is fine; anything else is binary.
    return body.length > 65536;
  }
}

/** Compact JSON for pretty-printed bodies (fewer tokens); the body as received otherwise. */
function compactJson(text: string): { text: string; parsed?: unknown } {
  if (!text.includes("\n")) return { text };
  try {
    const parsed: unknown = JSON.parse(text);
    return { text: JSON.stringify(parsed), parsed };
  } catch {
    return { text };
  }
}

export function statusLine(res: UpstreamResponse): string {
  return `${res.status} ${res.statusText || STATUS_CODES[res.status] || ""}`.trimEnd();
}

/**
 * `result` with every secret value replaced, in its texts and its structured content: an upstream that echoes
 * its API key or a fetched token back in a 200 must not hand it to the model. The same object when there is
 * none (the usual case costs a few `includes` scans of the text).
 */
export function redactResult(result: CallToolResult, redactor: Redactor): CallToolResult {
  let changed = false;
  const content = result.content.map((item) => {
    if (item.type !== "text") return item;
    const text = redactor.redactSecrets(item.text);
    if (text === item.text) return item;
    changed = true;
    return { ...item, text };
  });
  if (!changed) return result;
  const redacted: CallToolResult = { ...result, content };
  if (result.structuredContent) redacted.structuredContent = redactValues(result.structuredContent, redactor) as Record<string, unknown>;
  return redacted;
}

function redactValues(value: unknown, redactor: Redactor): unknown {
  if (typeof value === "string") return redactor.redactSecrets(value);
  if (Array.isArray(value)) return value.map((item) => redactValues(item, redactor));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redactor.redactSecrets(key)] = redactValues(item, redactor);
    return out;
  }
  return value;
}

/** `upstream returned 404 Not Found: <trimmed body>`, redacted. */
export function failureResult(res: UpstreamResponse, redactor: Redactor): CallToolResult {
  let detail = "";
  if (res.body.length > 0 && (isJsonType(res.mediaType) || isTextType(res.mediaType) || looksLikeText(res.body))) {
    detail = compactJson(res.body.toString("utf8")).text.replace(/\s+/g, " ").trim();
    if (detail.length > ERROR_BODY_CHARS || res.totalBytes > res.body.length) detail = `${detail.slice(0, ERROR_BODY_CHARS)}…`;
  } else if (res.body.length > 0) {
    detail = `(${res.mediaType || "binary"} body, ${formatBytes(res.totalBytes)} bytes)`;
  }
  return errorResult(`upstream returned ${statusLine(res)}${res.note ? ` (${res.note})` : ""}${detail ? `: ${detail}` : ""}`, redactor);
}

/** How much of a body that is not what its content type says an error result quotes. */
const EXCERPT_CHARS = 200;

/** `upstream answered 200 OK with a body that is not valid JSON (application/json, 12 bytes): <excerpt>` */
function invalidJsonResult(res: UpstreamResponse, text: string, redactor: Redactor): CallToolResult {
  const flat = text.replace(/\s+/g, " ").trim();
  const excerpt = flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
  return errorResult(
    `upstream answered ${statusLine(res)} but sent invalid JSON (content type ${res.mediaType}, ${formatBytes(res.totalBytes)} bytes): ${JSON.stringify(excerpt)}`,
    redactor,
  );
}

function jsonResult(tool: HttpTool, res: UpstreamResponse, maxBytes: number, redactor: Redactor): CallToolResult {
  const { text, truncated } = truncateText(res.body, res.totalBytes, res.totalExact, maxBytes);
  // A cut JSON text is not JSON any more: send it as text only.
  if (truncated) return { content: [{ type: "text", text }] };
  const compact = compactJson(text);
  // A JSON content type promises JSON: a body that is not is the upstream's fault, not a result.
  let parsed = compact.parsed;
  if (parsed === undefined) {
    try {
      parsed = JSON.parse(text);
    } catch {
      return invalidJsonResult(res, text, redactor);
    }
  }
  if (!tool.outputSchema) return { content: [{ type: "text", text: compact.text }] };
  const isObject = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
  return isObject
    ? { content: [{ type: "text", text: compact.text }], structuredContent: parsed as Record<string, unknown> }
    : { content: [{ type: "text", text: compact.text }] };
}

function binaryResult(res: UpstreamResponse, maxBytes: number): CallToolResult {
  const mimeType = res.mediaType || "application/octet-stream";
  // base64 grows the payload by 4/3; the cap applies to what the client receives.
  if (res.totalBytes > res.body.length || Math.ceil(res.totalBytes / 3) * 4 > maxBytes) {
    return {
      content: [{ type: "text", text: `upstream returned ${mimeType} of ${formatBytes(res.totalBytes)} bytes, over the response limit of ${formatBytes(maxBytes)} bytes (base64-encoded); not returned` }],
    };
  }
  const data = res.body.toString("base64");
  if (mimeType.startsWith("image/")) return { content: [{ type: "image", data, mimeType }] };
  if (mimeType.startsWith("audio/")) return { content: [{ type: "audio", data, mimeType }] };
  return { content: [{ type: "resource", resource: { uri: res.url, mimeType, blob: data } }] };
}

/** The MCP result for an upstream response: 2xx shaped by media type, anything else an isError text. */
export function toResult(tool: HttpTool, res: UpstreamResponse, maxBytes: number, redactor: Redactor): CallToolResult {
  if (res.status < 200 || res.status >= 300) return failureResult(res, redactor);
  const result = successResult(tool, res, maxBytes, redactor);
  // MCP clients reject a success without structuredContent from a tool that declares an outputSchema (the
  // SDK client does). The emitted outputSchema requires nothing, so an empty object is valid for a 204, an
  // array body or a truncated one; the text content carries what there is.
  if (tool.outputSchema && !result.structuredContent) result.structuredContent = {};
  return result;
}

function successResult(tool: HttpTool, res: UpstreamResponse, maxBytes: number, redactor: Redactor): CallToolResult {
  if (res.totalBytes === 0) return { content: [{ type: "text", text: `(no content, status ${res.status})` }] };
  const type = res.mediaType;
  if (isJsonType(type)) return jsonResult(tool, res, maxBytes, redactor);
  if (type.startsWith("image/") || type.startsWith("audio/")) return binaryResult(res, maxBytes);
  if (isTextType(type) || looksLikeText(res.body)) {
    return { content: [{ type: "text", text: truncateText(res.body, res.totalBytes, res.totalExact, maxBytes).text }] };
  }
  return binaryResult(res, maxBytes);
}
