// A loopback HTTP upstream that records every request it receives and answers from a route table.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sweepHeaders, sweepQuery } from "./sweep.js";

export interface RecordedRequest {
  method: string;
  /** Raw path and query exactly as received on the wire. @example "/repos/o/r?per_page=2" */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Responder = (request: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface Upstream {
  url: string;
  requests: RecordedRequest[];
  /** Answer requests whose path (without query) matches; the first matching route wins, else echo. */
  route(method: string, path: RegExp, responder: Responder): void;
  last(): RecordedRequest;
  close(): Promise<void>;
}

/** Default answer: 200 JSON echo of what was received. */
const echo: Responder = (request, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ method: request.method, url: request.url, body: request.body }));
};

export async function startUpstream(): Promise<Upstream> {
  const requests: RecordedRequest[] = [];
  const routes: { method: string; path: RegExp; responder: Responder }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: RecordedRequest = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      // What the gateway sent an upstream is a credential of that upstream's: it must be in no gateway output.
      sweepHeaders(req.headers, "received by an upstream");
      sweepQuery(request.url, "received by an upstream");
      const path = request.url.split("?")[0];
      const route = routes.find((r) => (r.method === "*" || r.method === request.method) && r.path.test(path));
      void (route?.responder ?? echo)(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (method, path, responder) => routes.push({ method, path, responder }),
    last: () => {
      if (requests.length === 0) throw new Error("the upstream received no request");
      return requests[requests.length - 1];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
