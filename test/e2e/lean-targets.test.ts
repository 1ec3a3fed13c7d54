// Issue 17's targets, measured the way a model pays for them: the o200k tokens of the static tools/list an SDK
// Client receives from the bundled server over stdio (GitHub ≤ 300k, Stripe ≤ 250k, with no gateway.yaml beyond
// the spec), and, against a build with the lean passes off, every parameter still typed and described.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, describe, expect, test } from "vitest";
import { build } from "../../generator/build.js";
import { buildProject, realSpec, type Project } from "../support/project.js";
import { connectStdio } from "../support/server.js";

type Schema = { type?: unknown; description?: string; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; $ref?: string; enum?: unknown[]; const?: unknown };
type Listed = { name: string; inputSchema: { properties?: Record<string, Schema> } };

const TARGETS: [app: string, file: string, maxTokens: number][] = [
  ["github", "github.json.gz", 300_000],
  ["stripe", "stripe.json.gz", 250_000],
];

const projects: Project[] = [];
afterAll(() => {
  for (const project of projects) rmSync(project.root, { recursive: true, force: true });
});

/** A schema says what type it takes when it has a type, an enum or const, a $ref, or combines schemas that do. */
function typed(schema: Schema): boolean {
  if (schema.type !== undefined || schema.enum !== undefined || schema.const !== undefined || schema.$ref !== undefined) return true;
  const members = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  return members !== undefined && members.length > 0 && members.every(typed);
}

describe.each(TARGETS)("%s", (app, file, maxTokens) => {
  test(`the static tools/list an SDK Client receives takes ≤ ${maxTokens.toLocaleString("en-US")} o200k tokens; parameters stay typed and described`, async () => {
    const config = `name: lean\napps:\n  ${app}:\n    openapi: specs/${app}.json\n`;
    const project = await buildProject({ "gateway.yaml": config, [`specs/${app}.json`]: realSpec(file) });
    projects.push(project);
    const client = await connectStdio(project.server, { [`GATEWAY_${app.toUpperCase()}_BASE_URL`]: "http://127.0.0.1:9" });
    let tools: Listed[];
    try {
      tools = (await client.listTools()).tools as Listed[];
    } finally {
      await client.close();
    }
    const tokens = encode(JSON.stringify({ tools })).length;
    console.log(`${app}: ${tools.length} tools, static tools/list ${tokens.toLocaleString("en-US")} o200k tokens (target ≤ ${maxTokens.toLocaleString("en-US")})`);
    expect(tools).toHaveLength(project.result.tools);
    expect(tokens).toBeLessThanOrEqual(maxTokens);

    // The same spec with the lean passes off: what the source made of each parameter.
    const full = await build({ configPath: join(project.root, "gateway.yaml"), leanRules: [] });
    const fullByName = new Map(full.values!.tools.map((tool) => [tool.name, tool.inputSchema.properties ?? {}]));
    const lost: string[] = [];
    let compared = 0;
    for (const tool of tools) {
      const before = fullByName.get(tool.name) as Record<string, Schema>;
      for (const [key, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        if (!before[key]) continue;
        compared++;
        if (typed(before[key]) && !typed(schema)) lost.push(`${tool.name}.${key}: type`);
        if (before[key].description?.trim() && !schema.description?.trim()) lost.push(`${tool.name}.${key}: description`);
      }
    }
    expect(compared).toBeGreaterThan(tools.length);
    expect(lost).toEqual([]);
  }, 180_000);
});
