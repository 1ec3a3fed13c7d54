// Where /metrics is served: server.metrics of gateway.yaml, each key overridden by the environment
// (GATEWAY_METRICS=on|off, GATEWAY_METRICS_PATH), which a deployment changes without a rebuild.
import { describe, expect, test } from "vitest";
import { metricsPathOf } from "../../../runtime/main.js";
import { envFor, makeBundle, startGateway, startUpstream } from "./fixtures.js";

describe("metricsPathOf", () => {
  test.each<[string, NodeJS.ProcessEnv, { enabled: boolean; path: string } | undefined, string | undefined]>([
    ["nothing configured: on at /metrics", {}, undefined, "/metrics"],
    ["gateway.yaml off", {}, { enabled: false, path: "/metrics" }, undefined],
    ["gateway.yaml path", {}, { enabled: true, path: "/internal/metrics" }, "/internal/metrics"],
    ["GATEWAY_METRICS=off over gateway.yaml on", { GATEWAY_METRICS: "off" }, { enabled: true, path: "/m" }, undefined],
    ["GATEWAY_METRICS=on over gateway.yaml off", { GATEWAY_METRICS: "on" }, { enabled: false, path: "/m" }, "/m"],
    ["GATEWAY_METRICS=1 over gateway.yaml off", { GATEWAY_METRICS: "1" }, { enabled: false, path: "/m" }, "/m"],
    ["GATEWAY_METRICS_PATH over gateway.yaml path", { GATEWAY_METRICS_PATH: "/x" }, { enabled: true, path: "/m" }, "/x"],
    ["an unusable GATEWAY_METRICS_PATH is ignored", { GATEWAY_METRICS_PATH: "x y" }, { enabled: true, path: "/m" }, "/m"],
    ["an unknown GATEWAY_METRICS leaves gateway.yaml's choice", { GATEWAY_METRICS: "maybe" }, { enabled: false, path: "/m" }, undefined],
  ])("%s", (_, env, config, want) => {
    expect(metricsPathOf(env, config)).toBe(want);
  });

  test("a served server follows server.metrics", async () => {
    const upstream = await startUpstream();
    const bundle = makeBundle();
    bundle.gateway.server.metrics = { enabled: true, path: "/internal/metrics" };
    const gateway = await startGateway(bundle, envFor(upstream));
    try {
      const origin = new URL(gateway.url).origin;
      expect((await fetch(`${origin}/internal/metrics`)).status).toBe(200);
      expect((await fetch(`${origin}/metrics`)).status).toBe(404);
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});
