// gateway.yaml's server.metrics and apps.<app>.breaker: they reach Config and the emitted runtime in the
// runtime's shape (absent when not written, so a config without them emits what it did before); bad values are
// reported at their line and column.
import { describe, expect, test } from "vitest";
import type { Config } from "../../../generator/config/types.js";
import { gatewayRuntimeOf } from "../../../generator/emit/gateway-module.js";
import { errorsOf, loadText } from "./load-text.js";

const HEAD = "name: tiny\napps:\n  pets:\n    openapi: specs/petstore.json\n";
const SERVER = (yaml: string) => `name: tiny\nserver:\n${yaml}apps:\n  pets:\n    openapi: specs/petstore.json\n`;

describe("valid keys", () => {
  test.each<[string, string, (c: Config) => unknown, unknown]>([
    ["no breaker: the runtime's defaults", HEAD, (c) => c.apps[0]!.breaker, undefined],
    ["breaker, camel-cased", `${HEAD}    breaker: { failures: 10, cooldown_ms: 5000 }\n`, (c) => c.apps[0]!.breaker, { failures: 10, cooldownMs: 5000 }],
    ["breaker with one key", `${HEAD}    breaker: { failures: 3 }\n`, (c) => c.apps[0]!.breaker, { failures: 3 }],
    ["breaker: false", `${HEAD}    breaker: false\n`, (c) => c.apps[0]!.breaker, false],
    ["no server.metrics", HEAD, (c) => c.server.metrics, undefined],
    ["server.metrics: defaults filled", SERVER("  metrics: { enabled: false }\n"), (c) => c.server.metrics, { enabled: false, path: "/metrics" }],
    ["server.metrics: a path", SERVER("  metrics: { path: /internal/metrics }\n"), (c) => c.server.metrics, { enabled: true, path: "/internal/metrics" }],
  ])("%s", (_, yaml, get, want) => {
    const { config, report } = loadText(yaml);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(get(config!)).toEqual(want);
  });
});

describe("bad values are reported at their position", () => {
  test.each<[string, string, RegExp]>([
    ["breaker: true", `${HEAD}    breaker: true\n`, /^gateway\.yaml:5:\d+ GW1/],
    ["breaker failures 0", `${HEAD}    breaker: { failures: 0 }\n`, /^gateway\.yaml:5:\d+ GW1/],
    ["breaker unknown key", `${HEAD}    breaker: { cooldown: 5 }\n`, /^gateway\.yaml:5:\d+ GW1/],
    ["metrics path without /", SERVER("  metrics: { path: metrics }\n"), /^gateway\.yaml:3:\d+ GW1.*\/metrics/],
    ["metrics enabled not a boolean", SERVER("  metrics: { enabled: sometimes }\n"), /^gateway\.yaml:3:\d+ GW1/],
    ["metrics on the MCP path", SERVER("  metrics: { path: /mcp }\n"), /^gateway\.yaml:3:20 GW102 server\.metrics\.path "\/mcp" is already served by the gateway/],
    ["metrics on /healthz", SERVER("  metrics: { path: /healthz }\n"), /^gateway\.yaml:3:20 GW102 server\.metrics\.path "\/healthz"/],
    ["metrics on a custom MCP path's sessions", SERVER("  http: { path: /rpc }\n  metrics: { path: /rpc/sessions }\n"), /^gateway\.yaml:4:20 GW102/],
  ])("%s", (_, yaml, message) => {
    expect(errorsOf(yaml, true).join("\n")).toMatch(message);
  });
});

describe("emitted", () => {
  test("the app's breaker and server.metrics are in the runtime config; absent when not configured", () => {
    const runtime = gatewayRuntimeOf(loadText(SERVER("  metrics: { enabled: true, path: /m }\n") + "    breaker: { cooldown_ms: 100 }\n").config!, {});
    expect(runtime.apps[0]!.breaker).toEqual({ cooldownMs: 100 });
    expect(runtime.server.metrics).toEqual({ enabled: true, path: "/m" });
    const plain = gatewayRuntimeOf(loadText(HEAD).config!, {});
    expect("breaker" in plain.apps[0]!).toBe(false);
    expect("metrics" in plain.server).toBe(false);
  });
});
