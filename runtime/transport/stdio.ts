// stdio: one connection for the life of the process, its caller the anonymous local one. The first message pins
// the connection's era (the SDK's serveStdio decides): `initialize` serves 2025-11-25 as before, a request with
// the 2026-07-28 `_meta` envelope (server/discover first, usually) serves the stateless era.

import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { ANONYMOUS } from "../auth/caller.js";
import type { Connection } from "../context.js";
import { createModernServer } from "../modern/server.js";
import { createMcpServer, type ServerContext } from "../server.js";
import type { AppSet, Mode, Session } from "../session/store.js";
import { StdioTransport } from "./stdio-transport.js";
import { withRequestId } from "../log.js";
import type { ToolMode } from "../modes/mode.js";

export interface StdioGateway {
  /** Dynamic mode's in-memory session (its enabled tools) on a 2025 connection; static mode keeps none. */
  session?: Session;
  /** Resolves when the client closes stdin or `close()` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Serve one connection on stdin/stdout (or the given streams, for tests). */
export async function startStdio(
  ctx: ServerContext,
  options: {
    mode: Mode;
    apps: AppSet;
    /** Longest message line; longer ones are refused. @default unlimited */
    maxLineBytes?: number;
    /** `--dialect` / GATEWAY_DIALECT (`null`: portable, asked for); absent: the one the client's name matches, if any. */
    dialect?: string | null;
  },
  streams: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<StdioGateway> {
  // What the command line asked for; the 2025 connection adds its session to a copy (and learns its dialect there).
  const asked: Connection = { mode: options.mode, apps: options.apps, ...(options.dialect !== undefined && { dialect: options.dialect }) };
  const connection: Connection = { ...asked };
  if (options.mode === "dynamic") {
    // Only dynamic mode has state to keep; it lives as long as the process, so there is no store to save to.
    const now = Date.now();
    connection.session = { id: "stdio", mode: options.mode, apps: options.apps && [...options.apps], enabled: [], owner: ANONYMOUS.subject, createdAt: now, lastSeen: now };
  }
  ctx = withCallIds(ctx);
  const stdin = (streams.stdin ?? process.stdin) as NodeJS.ReadStream;
  const transport = new StdioTransport(stdin, streams.stdout ?? process.stdout, ANONYMOUS, options.maxLineBytes);
  // The caller is fixed for the connection: serveStdio does not pass a transport's authInfo on to handlers.
  const handle = serveStdio(
    ({ era }) =>
      era === "modern"
        ? createModernServer(ctx, asked, ANONYMOUS)
        : createMcpServer(ctx, connection, undefined, ANONYMOUS),
    { transport, onerror: (error) => ctx.log.debug("stdio message refused", { error: error.message }) },
  );
  const close = () => handle.close();
  // A client that goes away (end of input) ends the server, once the requests it sent are answered.
  void transport.ended.then(close);
  // A client that exits mid-write leaves a broken pipe; end quietly instead of crashing on EPIPE.
  if (!streams.stdout) process.stdout.once("error", () => void close());
  return { ...(connection.session && { session: connection.session }), closed: transport.closed, close };
}

/**
 * Each tools/call gets an id of its own, as an HTTP request has: on the log lines and the audit line of the call.
 * Given here, around the mode, not where a line is read: the SDK's stdio entry handles messages in a queue of its
 * own, so a scope opened as a line is read would reach the handler of the next line too.
 */
function withCallIds(ctx: ServerContext): ServerContext {
  const identified = <M extends ToolMode>(mode: M): M => ({ ...mode, call: (request, name, args, extras) => withRequestId(crypto.randomUUID(), () => mode.call(request, name, args, extras)) });
  return {
    ...ctx,
    modes: { static: identified(ctx.modes.static), dynamic: identified(ctx.modes.dynamic) },
    statelessModes: { static: identified(ctx.statelessModes.static), dynamic: identified(ctx.statelessModes.dynamic) },
  };
}
