// The floor for the HTTP figures: a node:http server that does no MCP work — it reads the JSON body, makes the
// same keep-alive node:http GET to the upstream, parses the answer and returns it as a tools/call-shaped JSON
// result — so what the gateway adds can be read against what node:http itself costs on the same machine, caller
// and upstream. It speaks just enough for bench/raw-http.ts's bare callers (initialize answers a session id;
// every request with an id is a call; the 2026-07-28 envelope is ignored). Not part of `npm run bench`: start it
// in place of dist/server.mjs (it prints the same "listening on" line), e.g. as a third server in an A/B run.
//
//   GATEWAY_GITHUB_BASE_URL=http://127.0.0.1:PORT node bench/floor-server.mjs

import { Agent, createServer, request } from "node:http";

const upstream = new URL(process.env.GATEWAY_GITHUB_BASE_URL ?? "http://127.0.0.1:80");
const agent = new Agent({ keepAlive: true });

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const message = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (message.method === "initialize") return answer(res, { jsonrpc: "2.0", id: message.id, result: {} }, { "mcp-session-id": "floor" });
    if (!("id" in message)) return void res.writeHead(202).end();
    const { owner, repo } = message.params.arguments;
    const path = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
    const call = request({ host: upstream.hostname, port: upstream.port, path, agent, headers: { accept: "application/json", authorization: "Bearer floor" } }, (up) => {
      const body = [];
      up.on("data", (chunk) => body.push(chunk));
      up.on("end", () => {
        const text = JSON.stringify(JSON.parse(Buffer.concat(body).toString("utf8")));
        answer(res, { jsonrpc: "2.0", id: message.id, result: { content: [{ type: "text", text }] } });
      });
    });
    call.end();
  });
});

function answer(res, message, headers = {}) {
  const body = Buffer.from(JSON.stringify(message));
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length, ...headers });
  res.end(body);
}

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => process.stderr.write(`listening on http://127.0.0.1:${server.address().port}/mcp\n`));
process.on("SIGTERM", () => process.exit(0));
