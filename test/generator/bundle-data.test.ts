import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { toolLiteralValue } from "../../generator/bundle-data.js";

const GENERATED = join(import.meta.dirname, "..", "..", "generated");

describe("toolLiteralValue", () => {
  test("reads back the data of a generated tool module", () => {
    const source = readFileSync(join(GENERATED, "celigo", "get_mcp_server_by_id.ts"), "utf8");
    const tool = toolLiteralValue(source) as { name: string; request: { method: string; path: string } };
    expect(tool.name).toBe("get_mcp_server_by_id");
    expect(tool.request).toMatchObject({ method: "GET", path: "/v1/mcpservers/{_id}" });
    // JSON round trip: the data is plain, so the bundle's JSON.parse yields the same value.
    expect(JSON.parse(JSON.stringify(tool))).toEqual(tool);
  });

  test("leaves anything that is not a tool module alone", () => {
    expect(toolLiteralValue(readFileSync(join(GENERATED, "celigo", "index.ts"), "utf8"))).toBeUndefined();
  });
});
