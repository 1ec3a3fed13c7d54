// One low-level MCP Server per session: tools from the session's mode, prompts from gateway.prompts.

import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "./log.js";
import type { ToolMode } from "./modes/mode.js";
import { errorResult } from "./modes/mode.js";
import type { Prompts } from "./prompts.js";
import type { Mode, Session } from "./session/store.js";

/** Everything sessions share, built once at start-up. */
export interface ServerContext {
  /** `serverInfo` sent at initialize. */
  info: { name: string; version: string };
  modes: Record<Mode, ToolMode>;
  prompts: Prompts;
  log: Logger;
}

// The SDK would build one Ajv instance per Server for elicitation, which the gateway never sends.
const noValidator = {
  getValidator: () => (input: unknown) => ({ valid: true as const, data: input as never, errorMessage: undefined }),
};

/** A Server bound to one session. Cheap: four handlers closing over shared, precomputed data. */
export function createSessionServer(ctx: ServerContext, session: Session): Server {
  const server = new Server(ctx.info, {
    capabilities: { tools: { listChanged: true }, prompts: {} },
    jsonSchemaValidator: noValidator,
  });
  const mode = () => ctx.modes[session.mode];
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: mode().list(session) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    try {
      return await mode().call(session, name, args, { signal: extra.signal, toolsChanged: () => server.sendToolListChanged() });
    } catch (error) {
      // callTool never throws by contract; this is the last guard so no stack ever reaches a client.
      ctx.log.error("tools/call failed", { tool: name, session: session.id, error });
      return errorResult(`internal error while calling "${name}"; the gateway log has details`);
    }
  });
  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: ctx.prompts.list }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => ctx.prompts.get(request.params.name, request.params.arguments));
  return server;
}
