// The baseline: the same upstream request made directly with node:http and a keep-alive agent.

import { Agent, request } from "node:http";

/** A direct caller and the agent to destroy afterwards. */
export interface DirectClient {
  /** GET /repos/octocat/hello-world, reading and parsing the JSON body (as the gateway does). */
  call(): Promise<unknown>;
  close(): void;
}

export function createDirectClient(baseUrl: string, maxSockets: number): DirectClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL("/repos/octocat/hello-world", baseUrl);
  const call = () =>
    new Promise<unknown>((resolve, reject) => {
      const req = request(url, { agent, headers: { accept: "application/json", authorization: "Bearer bench" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`direct upstream answered ${res.statusCode}`));
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  return { call, close: () => agent.destroy() };
}
