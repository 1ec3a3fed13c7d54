// stdio: one session for the life of the process.

import { StdioTransport } from "./stdio-transport.js";
import { createSessionServer, type ServerContext } from "../server.js";
import type { Mode, Session } from "../session/store.js";

export interface StdioGateway {
  session: Session;
  /** Resolves when the client closes stdin or `close()` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Serve one session on stdin/stdout (or the given streams, for tests). */
export async function startStdio(
  ctx: ServerContext,
  scope: { mode: Mode; apps: string[] | null },
  streams: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<StdioGateway> {
  const now = Date.now();
  const session: Session = { id: "stdio", mode: scope.mode, apps: scope.apps, enabled: [], createdAt: now, lastSeen: now };
  const server = createSessionServer(ctx, session);
  const stdin = (streams.stdin ?? process.stdin) as NodeJS.ReadStream;
  const transport = new StdioTransport(stdin, streams.stdout ?? process.stdout);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  server.onclose = () => resolveClosed();
  // A client that goes away (end of input) ends the server.
  stdin.once("end", () => void server.close());
  // A client that exits mid-write leaves a broken pipe; end quietly instead of crashing on EPIPE.
  if (!streams.stdout) process.stdout.once("error", () => void server.close());
  await server.connect(transport);
  return { session, closed, close: () => server.close() };
}
