// One MCP session's Streamable HTTP transport on node:http, behind the SDK's Transport seam.
//
// The SDK's node transport (NodeStreamableHTTPServerTransport of @modelcontextprotocol/node, a wrapper over
// WebStandardStreamableHTTPServerTransport) converts every node request into a web Request and answers through
// web streams, a conversion that cost more than the rest of a tools/call. This one writes to the node response
// directly. What it does, per the MCP transport spec (2025-06-18, "Streamable HTTP"):
// - POST with requests: each answer goes back on that POST. It is one JSON body when the answers come before
//   anything else; as soon as a server message related to the POST (a notification such as list_changed)
//   comes first, the answer switches to an SSE stream and ends after the last answer. POST with only
//   notifications or responses: 202.
// - GET opens the session's one standalone SSE stream (a second one is a 409) for unrelated server messages.
// - DELETE ends the session.
// Routing, auth, Origin and session lookup happen before this (http.ts); the request body arrives parsed, and
// the request's caller with it, handed to the Server on every message as the SDK's `authInfo` (handlers read it
// as `ctx.http.authInfo`).
// @see https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#streamable-http

import type { IncomingMessage, ServerResponse } from "node:http";
import { SUPPORTED_PROTOCOL_VERSIONS, type AuthInfo, type JSONRPCMessage, type RequestId, type Transport, type TransportSendOptions } from "@modelcontextprotocol/server";
import { authInfoOf, type Caller } from "../auth/caller.js";
import { withInbound } from "../auth/inbound.js";
import { serializeMessage } from "../raw-json.js";
import type { SessionToolCall } from "../server.js";
import { cancelledRequestId, fastCallParams, thrownError, type FastCallParams } from "./fast-call.js";
import { acceptsJsonAndSse, sendJsonError } from "./http-guard.js";
import { isJsonRpcMessage } from "./jsonrpc.js";
import { utf8 } from "./utf8.js";

export interface StreamableOptions {
  sessionIdGenerator: () => string;
  /** Called once the initialize request is accepted, before it is answered. */
  onsessioninitialized: (sessionId: string) => void | Promise<void>;
  /** Called when the client ends the session with DELETE. */
  onsessionclosed: (sessionId: string) => void | Promise<void>;
  /** Inbound headers (lower case) some app's `forward` auth sends upstream; each request's own go with its messages. */
  forwardHeaders?: readonly string[];
  /**
   * The id of a session initialized earlier, maybe on another replica, whose transport is rebuilt here: it then
   * serves that session's requests without an initialize. Absent: a new session, waiting for its initialize.
   */
  sessionId?: string;
  /** Where a message unrelated to any request goes when this transport holds no GET stream (another replica may). */
  relay?: (message: JSONRPCMessage) => void;
  /**
   * The session's tools/call handler, the one its Server calls: a POST of one plain tools/call (fast-call.ts) is
   * answered with it directly. Absent: the Server answers every request.
   */
  fastCall?: SessionToolCall;
}

const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" };

export class StreamableNodeTransport implements Transport {
  sessionId?: string;
  onmessage?: Transport["onmessage"];
  onclose?: () => void;
  onerror?: (error: Error) => void;

  /** The POST that answers each open request. */
  readonly #answers = new Map<RequestId, PostAnswer>();
  /** Calls the fast path is running, by id, so a notifications/cancelled or a close aborts them as the Server would. */
  readonly #fast = new Map<RequestId, AbortController>();
  #standalone: ServerResponse | undefined;
  #closed = false;

  constructor(private readonly options: StreamableOptions) {
    if (options.sessionId !== undefined) this.sessionId = options.sessionId;
  }

  /** True while this transport holds the session's standalone GET stream. */
  get hasStream(): boolean {
    return this.#standalone !== undefined;
  }

  /** Writes `message` on the GET stream if this transport holds it (a message relayed from another replica). */
  deliver(message: JSONRPCMessage): void {
    this.#standalone?.write(sseEvent(message));
  }

  async start(): Promise<void> {}

  /** Serves one HTTP request of this session, sent by `caller`; POST bodies arrive parsed. */
  async handleRequest(req: IncomingMessage, res: ServerResponse, caller: Caller, body?: unknown): Promise<void> {
    if (this.#closed) return sendJsonError(res, 404, -32001, "Session not found: it was ended");
    if (req.method === "POST") return this.#post(req, res, body, caller);
    if (req.method === "GET") return this.#get(req, res);
    if (req.method === "DELETE") return this.#delete(res);
    sendJsonError(res, 405, -32000, "Method not allowed", { allow: "GET, POST, DELETE" });
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const isAnswer = "result" in message || "error" in message;
    const requestId = isAnswer ? (message as { id: RequestId }).id : options?.relatedRequestId;
    if (requestId === undefined) {
      // Unrelated server messages travel on the GET stream; without one here, to whichever replica holds it.
      if (this.#standalone) this.#standalone.write(sseEvent(message));
      else this.options.relay?.(message);
      return;
    }
    const answer = this.#answers.get(requestId);
    if (!answer) return; // the client went away before the answer: nothing to do
    if (isAnswer) this.#answers.delete(requestId);
    answer.deliver(message, isAnswer);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const call of this.#fast.values()) call.abort(new Error("Connection closed"));
    this.#fast.clear();
    for (const answer of new Set(this.#answers.values())) answer.abandon();
    this.#answers.clear();
    this.#standalone?.end();
    this.#standalone = undefined;
    this.onclose?.();
  }

  async #post(req: IncomingMessage, res: ServerResponse, body: unknown, caller: Caller): Promise<void> {
    if (!acceptsJsonAndSse(req)) {
      return sendJsonError(res, 406, -32000, "Not Acceptable: the client must accept both application/json and text/event-stream");
    }
    const messages = Array.isArray(body) ? body : [body];
    if (messages.length === 0 || !messages.every(isJsonRpcMessage)) return sendJsonError(res, 400, -32600, "Invalid Request: not a JSON-RPC 2.0 message");
    const initialize = messages.some((m) => "method" in m && m.method === "initialize");
    if (initialize) {
      if (this.sessionId !== undefined) return sendJsonError(res, 400, -32600, "Invalid Request: the session is already initialized");
      if (messages.length > 1) return sendJsonError(res, 400, -32600, "Invalid Request: initialize must be sent alone");
      this.sessionId = this.options.sessionIdGenerator();
      await this.options.onsessioninitialized(this.sessionId);
    } else {
      const refused = checkProtocolVersion(req);
      if (refused) return sendJsonError(res, 400, -32000, refused);
    }
    const extra = { authInfo: withInbound(authInfoOf(caller), req.headers, this.options.forwardHeaders ?? []) };
    const requests = messages.filter((m): m is JSONRPCMessage & { id: RequestId; method: string } => "method" in m && "id" in m);
    // Answers are routed by id: a second request with an id still in flight would take the first one's answer and
    // leave both POSTs waiting (JSON-RPC 2.0: ids are unique among a client's open requests). Refuse it at once.
    const ids = new Set<RequestId>();
    const taken = requests.find((r) => this.#answers.has(r.id) || ids.size === ids.add(r.id).size);
    if (taken) return sendJsonError(res, 400, -32600, "Invalid Request: request id already in use", {}, taken.id);
    if (requests.length === 0) {
      res.writeHead(202).end();
      for (const message of messages) this.#dispatch(message, extra);
      return;
    }
    const answer = new PostAnswer(res, this.sessionId, requests.length, Array.isArray(body));
    for (const request of requests) this.#answers.set(request.id, answer);
    res.on("close", () => {
      for (const request of requests) if (this.#answers.get(request.id) === answer) this.#answers.delete(request.id);
    });
    // One request, not in a batch (a batch of one is the Server's too).
    const fast = this.options.fastCall && !Array.isArray(body) ? fastCallParams(body as JSONRPCMessage) : undefined;
    if (fast) return void this.#fastCall(requests[0]!.id, fast, extra).catch((error: unknown) => this.onerror?.(error as Error));
    for (const message of messages) this.#dispatch(message, extra);
  }

  /** Hands a message to the Server; a cancellation of a call the fast path runs aborts it here too. */
  #dispatch(message: JSONRPCMessage, extra: { authInfo: AuthInfo }): void {
    const cancelled = this.#fast.size > 0 ? cancelledRequestId(message) : undefined;
    if (cancelled !== undefined) this.#fast.get(cancelled)?.abort((message as { params: { reason?: unknown } }).params.reason);
    this.onmessage?.(message, extra);
  }

  /**
   * Answers one tools/call as the Server would (its `_onrequest`): the same handler, aborted by a cancellation or
   * a close (and then unanswered), its result or thrown error sent through `send` as the same JSON-RPC message.
   */
  async #fastCall(id: RequestId, params: FastCallParams, extra: { authInfo: AuthInfo }): Promise<void> {
    const controller = new AbortController();
    this.#fast.set(id, controller);
    let response: JSONRPCMessage;
    try {
      const result = await this.options.fastCall!(params, {
        http: { authInfo: extra.authInfo },
        signal: controller.signal,
        notify: (notification) => this.send({ jsonrpc: "2.0", ...notification }, { relatedRequestId: id }),
      });
      response = { result, jsonrpc: "2.0", id } as JSONRPCMessage;
    } catch (error) {
      response = thrownError(id, error);
    } finally {
      if (this.#fast.get(id) === controller) this.#fast.delete(id);
    }
    if (controller.signal.aborted) return;
    await this.send(response);
  }

  #get(req: IncomingMessage, res: ServerResponse): void {
    if (!(req.headers.accept ?? "").includes("text/event-stream")) {
      return sendJsonError(res, 406, -32000, "Not Acceptable: the client must accept text/event-stream");
    }
    const refused = checkProtocolVersion(req);
    if (refused) return sendJsonError(res, 400, -32000, refused);
    if (this.#standalone) return sendJsonError(res, 409, -32000, "Conflict: this session already has its SSE stream");
    res.writeHead(200, { ...SSE_HEADERS, "mcp-session-id": this.sessionId ?? "" });
    res.flushHeaders();
    this.#standalone = res;
    res.on("close", () => {
      if (this.#standalone === res) this.#standalone = undefined;
    });
  }

  async #delete(res: ServerResponse): Promise<void> {
    if (this.sessionId !== undefined) await this.options.onsessionclosed(this.sessionId);
    await this.close();
    res.writeHead(200).end();
  }
}

/** The HTTP answer to one POST: JSON when only answers come, SSE once anything else must go first. */
class PostAnswer {
  #pending: number;
  #sse = false;
  /** Answers of a batch, held until the last one arrives (JSON mode only). */
  readonly #held: JSONRPCMessage[] = [];

  constructor(
    private readonly res: ServerResponse,
    private readonly sessionId: string | undefined,
    requests: number,
    private readonly batch: boolean,
  ) {
    this.#pending = requests;
  }

  deliver(message: JSONRPCMessage, isAnswer: boolean): void {
    if (this.res.writableEnded) return;
    if (isAnswer) this.#pending--;
    if (!this.#sse && isAnswer) {
      this.#held.push(message);
      if (this.#pending === 0) this.#sendJson();
      return;
    }
    if (!this.#sse) this.#startSse();
    this.res.write(sseEvent(message));
    if (this.#pending === 0) this.res.end();
  }

  abandon(): void {
    if (!this.res.writableEnded) this.res.end();
  }

  #sendJson(): void {
    const body = utf8(this.batch ? `[${this.#held.map(serializeMessage).join(",")}]` : serializeMessage(this.#held[0]));
    this.res.writeHead(200, { "content-type": "application/json", "content-length": body.length, ...this.#sessionHeader() });
    this.res.end(body);
  }

  #startSse(): void {
    this.#sse = true;
    this.res.writeHead(200, { ...SSE_HEADERS, ...this.#sessionHeader() });
    for (const held of this.#held.splice(0)) this.res.write(sseEvent(held));
  }

  #sessionHeader(): Record<string, string> {
    return this.sessionId === undefined ? {} : { "mcp-session-id": this.sessionId };
  }
}

function sseEvent(message: JSONRPCMessage): Buffer {
  return utf8(`event: message\ndata: ${serializeMessage(message)}`, "\n\n");
}

/** A missing MCP-Protocol-Version is taken as 2025-03-26 (mcp-remote 0.1.29 never sends it); an unknown one is refused. */
function checkProtocolVersion(req: IncomingMessage): string | undefined {
  const version = req.headers["mcp-protocol-version"];
  if (version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) return undefined;
  return `Bad Request: unsupported MCP-Protocol-Version ${String(version)} (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")})`;
}
