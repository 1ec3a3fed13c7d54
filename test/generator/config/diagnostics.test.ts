// Each invalid gateway.yaml under test/fixtures/configs/invalid → its pretty diagnostics, as a file snapshot.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadConfig } from "../../../generator/config/load.js";
import { CONFIG_CODES } from "../../../generator/config/codes.js";
import { CODES } from "../../../generator/diagnostics/codes.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { formatDiagnostics, summarizeDiagnostics } from "../../../generator/diagnostics/format.js";

const INVALID = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/configs/invalid");

/** Fixture → the code it exists to demonstrate (others may appear alongside). */
const CASES: [name: string, code: `GW${number}`][] = [
  ["does-not-exist", "GW100"],
  ["yaml-syntax", "GW101"],
  ["duplicate-key", "GW101"],
  ["empty", "GW102"],
  ["wrong-type", "GW102"],
  ["bad-enum", "GW102"],
  ["bad-pattern", "GW102"],
  ["forward-header-name", "GW102"],
  ["missing-required", "GW103"],
  ["unknown-key", "GW104"],
  ["literal-secret", "GW105"],
  ["literal-secret-header", "GW105"],
  ["spec-not-found", "GW106"],
  ["spec-count", "GW107"],
  ["public-bind", "GW108"],
  ["duplicate-prompt-argument", "GW109"],
  ["graphql-app-keys", "GW110"],
  ["graphql-operations", "GW111"],
  ["graphql-route-filter", "GW112"],
  ["allowlist-app", "GW113"],
];

const emitted = new Set<string>();

function run(name: string): { report: Report; config: unknown; pretty: string } {
  const report = new Report();
  const config = loadConfig(join(INVALID, `${name}.yaml`), report);
  for (const d of report.diagnostics) emitted.add(d.code);
  const pretty = `${formatDiagnostics(report.diagnostics, "pretty")}\n\n${summarizeDiagnostics(report.diagnostics)}\n`;
  return { report, config, pretty };
}

describe.each(CASES)("invalid config %s", (name, code) => {
  test(`reports ${code}, returns a Config only without errors, matches ${name}.txt`, async () => {
    const { report, config, pretty } = run(name);
    expect(config === undefined).toBe(report.hasErrors);
    expect(report.diagnostics.map((d) => d.code)).toContain(code);
    await expect(pretty).toMatchFileSnapshot(join(INVALID, `${name}.txt`));
  });

  test("diagnostics name the file relatively and never leak the absolute path", () => {
    const { report, pretty } = run(name);
    for (const d of report.diagnostics) {
      expect(isAbsolute(d.file)).toBe(false);
      expect(d.file).toBe(`${name}.yaml`);
    }
    expect(pretty).not.toContain(INVALID);
  });

  test("line, column and excerpt agree with the source", () => {
    const { report } = run(name);
    const lines = name === "does-not-exist" ? [] : readFileSync(join(INVALID, `${name}.yaml`), "utf8").split("\n");
    for (const d of report.diagnostics.filter((x) => x.line !== undefined)) {
      const source = lines[d.line! - 1];
      expect(source).toBeDefined();
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.column! - 1).toBeLessThanOrEqual(source.length);
      // the excerpt is the source line, with any literal secret on it masked by as many `*`s
      expect(d.excerpt).toHaveLength(source.length);
      const masked = [...source].map((c, i) => (d.excerpt![i] === "*" ? "*" : c)).join("");
      expect(d.excerpt).toBe(masked);
    }
  });
});

describe("literal secrets", () => {
  test.each([
    ["literal-secret", ["ghp_not-a-real-token", "s3cr3t-inbound-token", "not-a-real-key-123", "hunter2-literal"]],
    ["literal-secret-header", ["not-a-real-credential"]],
  ] as [string, string[]][])("%s: one GW105 per secret, never echoed in messages, excerpts or JSON", (name, secrets) => {
    const { report, pretty } = run(name);
    const json = formatDiagnostics(report.diagnostics, "json");
    for (const secret of secrets) {
      expect(readFileSync(join(INVALID, `${name}.yaml`), "utf8")).toContain(secret);
      expect(pretty).not.toContain(secret);
      expect(json).not.toContain(secret);
    }
    expect(report.diagnostics.filter((d) => d.code === "GW105")).toHaveLength(secrets.length);
  });
});

describe("code catalogue", () => {
  test("every code emitted by these fixtures has a CODES entry with title, cause and fix", () => {
    for (const [name] of CASES) run(name);
    expect(emitted.size).toBeGreaterThan(0);
    for (const code of emitted) {
      const entry = CODES[code as `GW${number}`];
      expect(entry, code).toBeDefined();
      for (const field of ["title", "cause", "fix"] as const) expect(entry[field].length, `${code}.${field}`).toBeGreaterThan(0);
    }
  });

  test("every GW1xx in CONFIG_CODES is demonstrated by a fixture", () => {
    const demonstrated = new Set(CASES.map(([, code]) => code));
    for (const code of Object.keys(CONFIG_CODES)) expect(demonstrated.has(code as `GW${number}`), code).toBe(true);
  });

  test("every fixture .yaml is in the table", () => {
    const files = readdirSync(INVALID).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5));
    const named = new Set(CASES.map(([name]) => name));
    for (const f of files) expect(named.has(f), f).toBe(true);
  });
});
