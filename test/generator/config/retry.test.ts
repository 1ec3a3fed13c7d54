// gateway.yaml retry keys: apps.<app>.retry and apps.<app>.tools.<key>.retry reach Config in the runtime's
// shape, the app's in the emitted runtime and a tool's on its emitted tool object; bad values are reported.
import { describe, expect, test } from "vitest";
import type { Config } from "../../../generator/config/types.js";
import { gatewayRuntimeOf } from "../../../generator/emit/gateway-module.js";
import { toolObjectOf } from "../../../generator/emit/tool-object.js";
import { override } from "../../../generator/passes/override.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { app, config, plan } from "../passes/fixtures.js";
import { errorsOf, loadText } from "./load-text.js";

const HEAD = "name: tiny\napps:\n  pets:\n    openapi: specs/petstore.json\n";

describe("valid keys", () => {
  test.each<[string, string, (c: Config) => unknown, unknown]>([
    ["absent: the runtime's defaults", "", (c) => c.apps[0]!.retry, undefined],
    ["app retry, camel-cased, methods upper-case and sorted", "    retry: { attempts: 3, methods: [put, GET], base_ms: 50, max_ms: 1000 }\n", (c) => c.apps[0]!.retry, { attempts: 3, methods: ["GET", "PUT"], baseMs: 50, maxMs: 1000 }],
    ["app retry: false", "    retry: false\n", (c) => c.apps[0]!.retry, false],
    ["a tool's retry", "    tools:\n      deletePet: { retry: { attempts: 1 } }\n", (c) => c.apps[0]!.tools.deletePet!.retry, { attempts: 1 }],
    ["a tool's retry: false", "    tools:\n      deletePet: { retry: false }\n", (c) => c.apps[0]!.tools.deletePet!.retry, false],
  ])("%s", (_, yaml, get, want) => {
    const { config, report } = loadText(HEAD + yaml);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(get(config!)).toEqual(want);
  });
});

describe("bad values are reported", () => {
  test.each<[string, string]>([
    ["retry: true", "    retry: true\n"],
    ["a negative attempts", "    retry: { attempts: -1 }\n"],
    ["an unknown key", "    retry: { tries: 2 }\n"],
    ["an unknown method", "    retry: { methods: [FETCH] }\n"],
  ])("%s", (_, yaml) => {
    expect(errorsOf(HEAD + yaml, true).join("\n")).toMatch(/^gateway\.yaml:5:\d+ GW1/);
  });
});

describe("emitted", () => {
  test("the app's retry is in the runtime config; absent when not configured", () => {
    const runtime = gatewayRuntimeOf(loadText(`${HEAD}    retry: { attempts: 1 }\n`).config!, {});
    expect(runtime.apps[0]!.retry).toEqual({ attempts: 1 });
    expect("retry" in gatewayRuntimeOf(loadText(HEAD).config!, {}).apps[0]!).toBe(false);
  });

  test("a tool's retry reaches its tool object through the override pass; absent otherwise", () => {
    const get = plan("GET /pets/{id}", { operationId: "getPet" });
    const [with_, without] = [
      override([get], config([app("app", { tools: { getPet: { retry: false } } })]), new Report())[0]!,
      override([get], config([app("app")]), new Report())[0]!,
    ];
    expect(toolObjectOf({ ...with_, name: "get_pet" }).retry).toBe(false);
    expect("retry" in toolObjectOf({ ...without, name: "get_pet" })).toBe(false);
  });
});
