// A bare MCP-over-HTTP caller on node:http (no SDK), for both protocol eras: 2025 initializes for a session id,
// then POSTs JSON-RPC into it; 2026-07-28 POSTs each request on its own, with the `_meta` envelope in the body
// and the MCP-Protocol-Version, Mcp-Method and Mcp-Name headers. It separates the server's cost from the SDK
// client's when reading the HTTP figures.

import { Agent, request } from "node:http";

const PROTOCOL = "2025-06-18";
/** The stateless era's protocol revision. */
export const MODERN_PROTOCOL = "2026-07-28";
/** Which protocol era a caller speaks. */
export type Era = "2025" | "modern";
/** The per-request envelope every 2026-07-28 request carries in `params._meta`. */
export const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": MODERN_PROTOCOL,
  "io.modelcontextprotocol/clientCapabilities": {},
} as const;
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

/** One answered POST. */
export interface Answer {
  status: number;
  sessionId?: string;
  body: string;
}

/** POSTs `body` to `url` (inside `sessionId` when given) and reads the whole answer (JSON or an SSE stream). */
export function post(url: string, agent: Agent, body: string, sessionId?: string, extraHeaders?: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...HEADERS, ...extraHeaders, "content-length": Buffer.byteLength(body) };
    if (sessionId) Object.assign(headers, { "mcp-session-id": sessionId, "mcp-protocol-version": PROTOCOL });
    const req = request(url, { method: "POST", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const id = res.headers["mcp-session-id"];
        resolve({ status: res.statusCode ?? 0, ...(typeof id === "string" && { sessionId: id }), body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error("no answer in 10 s")));
    req.on("error", reject);
    req.end(body);
  });
}

export const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: "gateway-bench-raw", version: "1.0.0" } },
});

/** initialize + notifications/initialized; returns the session id. */
export async function openSession(url: string, agent: Agent): Promise<string> {
  const answer = await post(url, agent, INITIALIZE);
  if (answer.status !== 200 || !answer.sessionId) throw new Error(`initialize answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  await post(url, agent, JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }), answer.sessionId);
  return answer.sessionId;
}

/** A tools/call in `sessionId`; throws unless the answer is a non-error result. */
export async function callTool(url: string, agent: Agent, sessionId: string, name: string, args: Record<string, unknown>, id: number): Promise<void> {
  const answer = await post(url, agent, JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } }), sessionId);
  if (answer.status !== 200 || !answer.body.includes('"result"') || answer.body.includes('"isError":true')) {
    throw new Error(`tools/call ${name} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
}

/** A tools/list in `sessionId`; resolves with the answer's body (JSON, or an SSE stream). */
export async function listTools(url: string, agent: Agent, sessionId: string, id: number): Promise<string> {
  const answer = await post(url, agent, JSON.stringify({ jsonrpc: "2.0", id, method: "tools/list" }), sessionId);
  if (answer.status !== 200 || !answer.body.includes('"tools"')) throw new Error(`tools/list answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  return answer.body;
}

/**
 * One stateless (2026-07-28) request: the envelope goes into `params._meta`, the method (and for tools/call and
 * prompts/get the name) into the Mcp-Method and Mcp-Name headers, as the transport requires them to match.
 */
export function modernPost(url: string, agent: Agent, method: string, params: Record<string, unknown>, id: number): Promise<Answer> {
  const headers: Record<string, string> = { "mcp-protocol-version": MODERN_PROTOCOL, "mcp-method": method };
  if (typeof params.name === "string") headers["mcp-name"] = params.name;
  const body = JSON.stringify({ jsonrpc: "2.0", id, method, params: { ...params, _meta: MODERN_META } });
  return post(url, agent, body, undefined, headers);
}

/** A stateless tools/call; throws unless the answer is a non-error result. */
export async function modernCallTool(url: string, agent: Agent, name: string, args: Record<string, unknown>, id: number): Promise<void> {
  const answer = await modernPost(url, agent, "tools/call", { name, arguments: args }, id);
  if (answer.status !== 200 || !answer.body.includes('"result"') || answer.body.includes('"isError":true')) {
    throw new Error(`tools/call ${name} (2026-07-28) answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
}

/** A stateless tools/list; resolves with the answer's body. */
export async function modernListTools(url: string, agent: Agent, id: number): Promise<string> {
  const answer = await modernPost(url, agent, "tools/list", {}, id);
  if (answer.status !== 200 || !answer.body.includes('"tools"')) throw new Error(`tools/list (2026-07-28) answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  return answer.body;
}
