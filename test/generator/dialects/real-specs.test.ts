// Every dialect over the real GitHub (1,223 tools) and Stripe specs: the build transforms and checks each tool's
// schema (a broken rule would be a GW406 error), every dialect schema passes its checker, while the portable
// schemas would break the rules thousands of times — so the checker is not vacuous. Logs counts and sizes.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { build, type BuildResult } from "../../../generator/build.js";
import { DIALECTS, DIALECT_NAMES } from "../../../generator/dialects/index.js";
import { listEntryOf } from "../../../generator/emit/tool-object.js";
import { realSpec } from "../../support/project.js";

const SPECS: [app: string, file: string, tools: number | undefined][] = [
  ["github", "github.json.gz", 1223],
  ["stripe", "stripe.json.gz", undefined],
];

const results = new Map<string, BuildResult>();

beforeAll(async () => {
  for (const [app, file] of SPECS) {
    const root = mkdtempSync(join(tmpdir(), "gateway-dialects-"));
    mkdirSync(join(root, "specs"));
    writeFileSync(join(root, "specs", `${app}.json`), realSpec(file));
    const dialects = DIALECT_NAMES.map((name) => `  ${name}:\n`).join("");
    writeFileSync(join(root, "gateway.yaml"), `name: real\ndialects:\n${dialects}apps:\n  ${app}:\n    openapi: specs/${app}.json\n`);
    results.set(app, await build({ configPath: join(root, "gateway.yaml") }));
  }
}, 300_000);

describe.each(SPECS)("%s", (app, _file, expectedTools) => {
  test("the build reports no dialect violation and emits every dialect", () => {
    const result = results.get(app)!;
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (expectedTools !== undefined) expect(result.tools).toBe(expectedTools);
    expect(result.files.map((f) => f.path).filter((p) => p.startsWith("dialects/"))).toEqual(DIALECT_NAMES.map((name) => `dialects/${name}.ts`));
  });

  test.each(DIALECT_NAMES)("every %s schema passes its checker; the portable ones would not", (name) => {
    const { values } = results.get(app)!;
    const dialect = DIALECTS[name]!;
    const schemas = values!.dialects[name]!;
    expect(Object.keys(schemas)).toEqual(values!.tools.map((t) => t.name));
    const broken = Object.entries(schemas).flatMap(([tool, schema]) => dialect.check(schema).map((v) => `${tool}${v.pointer} ${v.rule}`));
    expect(broken).toEqual([]);
    const portable = values!.tools.flatMap((t) => dialect.check(t.inputSchema));
    const list = (schemaOf: (tool: NonNullable<typeof values>["tools"][number]) => unknown) => Buffer.byteLength(JSON.stringify(values!.tools.map((t) => ({ ...listEntryOf(t), inputSchema: schemaOf(t) }))));
    const [portableBytes, dialectBytes] = [list((t) => t.inputSchema), list((t) => schemas[t.name])];
    console.log(
      `${app} ${name}: ${Object.keys(schemas).length} tools, 0 violations (portable schemas: ${portable.length}); ` +
        `tools/list ${dialectBytes} bytes vs portable ${portableBytes} (${((dialectBytes / portableBytes - 1) * 100).toFixed(1)}%)`,
    );
    expect(portable.length).toBeGreaterThan(100);
  });
});
