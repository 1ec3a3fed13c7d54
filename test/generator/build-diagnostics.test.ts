// Build-level diagnostics not owned by one stage's tests: a GraphQL schema that is not GraphQL (GW251), prompt templates (GW401) and a
// stale generated/ under --check (GW402); and the catalogue entry behind every code.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { build } from "../../generator/build.js";
import { CODES } from "../../generator/diagnostics/codes.js";
import { packageRoot } from "../../generator/package-root.js";

const ROOT = packageRoot();

function project(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "gateway-diag-"));
  cpSync(join(ROOT, "specs"), join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "gateway.yaml"), config);
  return dir;
}

describe("build diagnostics", () => {
  const cases: [string, { config: string; code: string; message: RegExp }][] = [
    [
      "a GraphQL schema that is not SDL or introspection JSON, at its line and column",
      {
        config: "name: x\napps:\n  shop:\n    graphql: specs/celigo.yaml\n    endpoint: https://shop.example/graphql\n",
        code: "GW251",
        message: /GraphQL schema syntax error: Unexpected Name "openapi"/,
      },
    ],
    [
      "a prompt template that does not compile",
      {
        config: 'name: x\napps:\n  celigo:\n    openapi: specs/celigo.yaml\nprompts:\n  p:\n    messages: [{ role: user, template: "{{#if a}}open" }]\n',
        code: "GW401",
        message: /prompt "p" message 1: template does not compile/,
      },
    ],
  ];
  test.each(cases)("%s", async (_name, { config, code, message }) => {
    const dir = project(config);
    const result = await build({ configPath: join(dir, "gateway.yaml") });
    const found = result.diagnostics.find((d) => d.code === code);
    expect(found, JSON.stringify(result.diagnostics)).toBeDefined();
    expect(found!.severity).toBe("error");
    expect(found!.message).toMatch(message);
    expect(result.files).toEqual([]);
  });

  test("--check on a stale generated/ reports GW402 with the tools that differ", () => {
    const dir = project(readFileSync(join(ROOT, "gateway.yaml"), "utf8"));
    cpSync(join(ROOT, "generated"), join(dir, "generated"), { recursive: true });
    const spec = join(dir, "specs", "celigo.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("summary: List MCP servers", "summary: List every MCP server"));
    const run = spawnSync(process.execPath, [join(ROOT, "bin", "gateway.mjs"), "build", "--check", "--reporter", "json"], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(1);
    const diagnostics = JSON.parse(run.stdout) as { code: string; message: string }[];
    const stale = diagnostics.find((d) => d.code === "GW402");
    expect(stale?.message).toContain("~ celigo/list_mcp_servers");
  });

  test("every code has a title, a cause and a fix", () => {
    for (const [code, entry] of Object.entries(CODES)) {
      expect(code).toMatch(/^GW[1-4]\d\d$/);
      for (const text of [entry.title, entry.cause, entry.fix]) expect(text.trim().length, code).toBeGreaterThan(5);
    }
  });
});
