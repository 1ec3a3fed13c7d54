// stdio: one connection for the life of the process, its caller the anonymous local one.

import { StdioTransport } from "./stdio-transport.js";
import { createMcpServer, type ServerContext } from "../server.js";
import { ANONYMOUS } from "../auth/caller.js";
import type { Connection } from "../context.js";
import type { AppSet, Mode, Session } from "../session/store.js";

export interface StdioGateway {
  /** Dynamic mode's in-memory session (its enabled tools); static mode keeps none. */
  session?: Session;
  /** Resolves when the client closes stdin or `close()` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Serve one connection on stdin/stdout (or the given streams, for tests). */
export async function startStdio(
  ctx: ServerContext,
  options: { mode: Mode; apps: AppSet },
  streams: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<StdioGateway> {
  const connection: Connection = { mode: options.mode, apps: options.apps };
  if (options.mode === "dynamic") {
    // Only dynamic mode has state to keep; it lives as long as the process, so there is no store to save to.
    const now = Date.now();
    connection.session = { id: "stdio", mode: options.mode, apps: options.apps && [...options.apps], enabled: [], owner: ANONYMOUS.subject, createdAt: now, lastSeen: now };
  }
  const server = createMcpServer(ctx, connection);
  const stdin = (streams.stdin ?? process.stdin) as NodeJS.ReadStream;
  const transport = new StdioTransport(stdin, streams.stdout ?? process.stdout, ANONYMOUS);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  server.onclose = () => resolveClosed();
  // A client that goes away (end of input) ends the server.
  stdin.once("end", () => void server.close());
  // A client that exits mid-write leaves a broken pipe; end quietly instead of crashing on EPIPE.
  if (!streams.stdout) process.stdout.once("error", () => void server.close());
  await server.connect(transport);
  return { ...(connection.session && { session: connection.session }), closed, close: () => server.close() };
}
