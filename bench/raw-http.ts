// A bare MCP-over-HTTP caller on node:http (no SDK): initialize for a session id, then POST JSON-RPC into it.
// It separates the server's cost from the SDK client's when reading the HTTP figures.

import { Agent, request } from "node:http";

const PROTOCOL = "2025-06-18";
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

/** One answered POST. */
interface Answer {
  status: number;
  sessionId?: string;
  body: string;
}

/** POSTs `body` to `url` (inside `sessionId` when given) and reads the whole answer (JSON or an SSE stream). */
export function post(url: string, agent: Agent, body: string, sessionId?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...HEADERS, "content-length": Buffer.byteLength(body) };
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
