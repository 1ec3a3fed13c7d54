// What tracing costs a tools/call: a built project's server bundle in a child process, sequential 2026-07-28 tools/call
// over one keep-alive connection against a loopback upstream, with tracing off, and on (spans batched to a
// loopback OTLP collector). Rounds alternate so drift on a shared machine hits both alike.
// `node bin/run-ts.mjs bench/tracing-overhead.ts [calls]`
import http from "node:http";
import { rmSync } from "node:fs";
import { buildProject } from "../test/support/project.js";
import { startCollector } from "../test/support/otlp-collector.js";
import { startHttpServer } from "../test/support/server.js";
import { startUpstream } from "../test/support/upstream.js";

const CALLS = Number(process.argv[2] ?? 2000);
const ROUNDS = 3;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: {
    name: "get_item",
    arguments: { id: "7" },
    _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "bench", version: "0" } },
  },
});
const headers = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2026-07-28",
  "mcp-method": "tools/call",
  "mcp-name": "get_item",
  "content-length": Buffer.byteLength(body),
  traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
};

function post(url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers, agent }, (res) => {
      res.resume().on("end", resolve);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function measure(url: string, calls: number): Promise<number[]> {
  const target = new URL(url);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const began = performance.now();
    await post(target);
    times.push((performance.now() - began) * 1000);
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;

const SPEC = {
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: { "/items/{id}": { get: { operationId: "getItem", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok" } } } } },
};
const project = await buildProject({ "gateway.yaml": "name: bench\napps:\n  shop:\n    openapi: specs/shop.json\n", "specs/shop.json": JSON.stringify(SPEC) });
const [upstream, collector] = await Promise.all([startUpstream(), startCollector()]);
const env = { GATEWAY_SHOP_BASE_URL: upstream.url, GATEWAY_METRICS: "off" };
const off = await startHttpServer(project.server, env);
const on = await startHttpServer(project.server, { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
const results: Record<"off" | "on", number[]> = { off: [], on: [] };
try {
  await measure(off.url, 300);
  await measure(on.url, 300);
  for (let round = 0; round < ROUNDS; round++) {
    results.off.push(...(await measure(off.url, CALLS)));
    results.on.push(...(await measure(on.url, CALLS)));
    upstream.requests.length = 0;
  }
} finally {
  await Promise.all([off.close(), on.close()]);
  await Promise.all([upstream.close(), collector.close()]);
  rmSync(project.root, { recursive: true, force: true });
}
for (const mode of ["off", "on"] as const) {
  process.stdout.write(`tracing ${mode}: ${results[mode].length} calls, median ${median(results[mode]).toFixed(0)} µs, p90 ${p90(results[mode]).toFixed(0)} µs\n`);
}
process.stdout.write(`spans exported: ${collector.spans().length}\n`);
