// The loopback upstream: node:http on 127.0.0.1, keep-alive, a small JSON body; on its own worker thread so its
// event loop does not share time with the bench client's.

import { Worker } from "node:worker_threads";

/** A running upstream. */
export interface Upstream {
  /** @example "http://127.0.0.1:40123" */
  url: string;
  /** Requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

/** A repository, trimmed: what `GET /repos/{owner}/{repo}` answers. */
export const REPO_BODY = JSON.stringify({
  id: 1296269,
  name: "hello-world",
  full_name: "octocat/hello-world",
  private: false,
  owner: { login: "octocat", id: 1 },
  description: "This your first repo!",
  default_branch: "main",
  stargazers_count: 80,
});

const WORKER_SOURCE = `
const { createServer } = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const counter = new Int32Array(workerData.counter);
const body = Buffer.from(workerData.body);
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    Atomics.add(counter, 0, 1);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 120000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", (m) => { if (m === "close") { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

export async function startUpstream(): Promise<Upstream> {
  const counter = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { counter, body: REPO_BODY } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const count = new Int32Array(counter);
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => Atomics.load(count, 0),
    async close() {
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("close");
      const timer = setTimeout(() => void worker.terminate(), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
