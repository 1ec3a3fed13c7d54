#!/usr/bin/env node
// The mock upstream behind test/conformance/gateway.yaml: answers the fixture operations of specs/fixtures.yaml
// with what each conformance scenario expects the tool to return. Loopback only, port from argv (0 = any free
// port); prints `upstream: listening on http://127.0.0.1:<port>` on stdout once it listens, and stops on
// SIGTERM/SIGINT. scripts/conformance.mjs starts and stops it.
import { createServer } from "node:http";

/** A 1x1 red PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
  "base64",
);

/** A 10 ms, 8 kHz, 8-bit mono WAV of silence. */
function wav() {
  const samples = 80;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(8000, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write("data", 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, Buffer.alloc(samples, 0x80)]);
}

/** An opaque binary body (NUL bytes, so the gateway does not take it for text). */
const BLOB = Buffer.concat([Buffer.from("conformance embedded resource\0"), Buffer.from([0, 1, 2, 3, 254, 255])]);

/** path → [status, content type, body]; anything else is a 200 JSON echo. */
const ROUTES = {
  "GET /simple-text": [200, "text/plain; charset=utf-8", "This is a simple text response for testing."],
  "GET /image": [200, "image/png", PNG],
  "GET /audio": [200, "audio/wav", wav()],
  "GET /embedded-resource": [200, "application/octet-stream", BLOB],
  "GET /error": [500, "application/json", JSON.stringify({ error: "This tool intentionally returns an error for testing" })],
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const path = (req.url ?? "/").split("?")[0];
    const route = ROUTES[`${req.method} ${path}`];
    if (route) {
      const [status, type, body] = route;
      res.writeHead(status, { "content-type": type });
      res.end(body);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString("utf8") }));
  });
});

const port = Number(process.argv[2] ?? 0);
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`upstream: listening on http://127.0.0.1:${server.address().port}\n`);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
