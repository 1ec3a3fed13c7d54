// A loopback HTTP server for tests: records each request it receives and answers with a chosen reply.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";

export interface Recorded {
  method: string;
  /** The raw request target, exactly as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface RecordingUpstream {
  baseUrl: string;
  requests: Recorded[];
  /** Decides the reply for each request; defaults to `{"ok":true}`. */
  reply: (req: Recorded) => Reply;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<RecordingUpstream> {
  const upstream: Omit<RecordingUpstream, "baseUrl" | "close"> = {
    requests: [],
    reply: () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' }),
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded: Recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      upstream.requests.push(recorded);
      const reply = upstream.reply(recorded);
      const answer = (): void => {
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body ?? "");
      };
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) answer();
        }, reply.delayMs);
        timers.add(t);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(upstream, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as RecordingUpstream;
}

/**
 * The GitHub and Stripe apps as their real specs' tools expect them, both pointed at `baseUrl` (GitHub under
 * `githubPath`, to show a base path is kept), with test credentials.
 */
export function realApps(baseUrl: string, githubPath = ""): Map<string, ResolvedApp> {
  return new Map<string, ResolvedApp>([
    ["github", { name: "github", baseUrl: `${baseUrl}${githubPath}`, auth: { type: "bearer", token: "ghp_test" }, headers: { "X-GitHub-Api-Version": "2022-11-28" } }],
    ["stripe", { name: "stripe", baseUrl, auth: { type: "basic", username: "sk_test_1", password: "" }, headers: {} }],
  ]);
}
