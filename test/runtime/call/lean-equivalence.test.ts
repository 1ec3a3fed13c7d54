// Request equivalence of the lean passes (generator/passes/lean), on real GitHub and Stripe tools: for
// arguments generated from the LEAN inputSchema, tools/call with the lean tool sends exactly the request the
// tool built with the lean passes off sends (method, path and query, headers, body bytes), or both refuse the
// arguments. Arguments generated from the FULL schema are compared too, so a lean schema that refused
// something the full one took would fail as well. Where the two differ on purpose (a dropped `maxLength` of
// 5000 or more, a dropped empty argument), a test of its own pins the difference.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { build } from "../../../generator/build.js";
import { toolObjectOf } from "../../../generator/emit/tool-object.js";
import { callTool } from "../../../runtime/call.js";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { HttpTool, Tool } from "../../../runtime/contract.js";
import { createRedactor } from "../../../runtime/redact.js";
import { loadValidator } from "../../../runtime/validate.js";
import { realSpec } from "../../support/project.js";
import { schemaArbitrary } from "../../support/schema-arbitrary.js";
import { type Recorded, type RecordingUpstream, realApps, startUpstream } from "./recording-upstream.js";

/** Tools every run includes: bodies of each kind, the unset idiom, the empty GET body, deep form objects. */
const CHOSEN: Record<string, string[]> = {
  github: ["issues_create", "issues_list_for_repo", "issues_update", "pulls_create", "repos_create_or_update_file_contents", "repos_get_content", "repos_update", "search_code", "gists_create", "checks_create"],
  stripe: ["post_payment_intents", "post_customers", "post_customers_customer", "get_account", "get_customers", "post_subscriptions", "post_prices", "get_charges", "post_checkout_sessions", "post_invoices"],
};
/** Plus this many more of each app, spread evenly over the name order. */
const SPREAD = 10;

interface Pair {
  lean: HttpTool;
  full: HttpTool;
}

async function buildTools(app: string, root: string, leanRules?: []): Promise<Map<string, HttpTool>> {
  const result = await build({ configPath: join(root, "gateway.yaml"), configText: `name: real\napps:\n  ${app}:\n    openapi: specs/${app}.json\n`, ...(leanRules ? { leanRules } : {}) });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return new Map(result.plans.map((plan) => [plan.name, toolObjectOf(plan) as HttpTool]));
}

function sample(app: string, lean: Map<string, HttpTool>, full: Map<string, HttpTool>): Pair[] {
  const multipart = (tool: Tool) => tool.request.kind === "http" && tool.request.body?.mediaType === "multipart/form-data";
  const names = [...lean.keys()].filter((name) => !multipart(lean.get(name)!)).sort();
  const step = Math.floor(names.length / SPREAD);
  const picked = new Set([...CHOSEN[app]!, ...Array.from({ length: SPREAD }, (_, i) => names[i * step + 3]!)]);
  return [...picked].map((name) => ({ lean: lean.get(name)!, full: full.get(name)! }));
}

const roots: string[] = [];
const pairs = new Map<string, Pair[]>();
let upstream: RecordingUpstream;
const apps = new Map<string, ResolvedApp>();

beforeAll(async () => {
  await loadValidator();
  upstream = await startUpstream();
  for (const [name, app] of realApps(upstream.baseUrl, "/gh/v3")) apps.set(name, app);
  for (const app of ["github", "stripe"]) {
    const root = mkdtempSync(join(tmpdir(), "lean-eq-"));
    roots.push(root);
    mkdirSync(join(root, "specs"));
    writeFileSync(join(root, "specs", `${app}.json`), realSpec(`${app}.json.gz`));
    const [lean, full] = [await buildTools(app, root), await buildTools(app, root, [])];
    pairs.set(app, sample(app, lean, full));
  }
}, 120_000);
afterAll(async () => {
  await upstream.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const ctx = () => ({ apps, limits: { timeoutMs: 5000, maxResponseBytes: 900_000 }, redactor: createRedactor([]) });
const wire = (requests: Recorded[]) => requests.map((r) => ({ method: r.method, url: r.url, headers: r.headers, body: r.body.toString("latin1") }));

/** Arguments from the lean schema, or from the full one without the arguments lean dropped (see below). */
function argumentsFor(lean: Tool, full: Tool): fc.Arbitrary<Record<string, unknown>> {
  const kept = new Set(Object.keys(lean.inputSchema.properties as object));
  const fromLean = schemaArbitrary(lean.inputSchema, lean.inputSchema) as fc.Arbitrary<Record<string, unknown>>;
  const fromFull = (schemaArbitrary(full.inputSchema, full.inputSchema) as fc.Arbitrary<Record<string, unknown>>).map((args) =>
    Object.fromEntries(Object.entries(args).filter(([name]) => kept.has(name))),
  );
  return fc.oneof(fromLean, fromFull);
}

/** Calls `tool` and returns what reached the upstream and whether the result was an error. */
async function sent(tool: Tool, args: Record<string, unknown>): Promise<{ requests: ReturnType<typeof wire>; isError: boolean }> {
  const before = upstream.requests.length;
  const result = await callTool(tool, args, ctx());
  return { requests: wire(upstream.requests.slice(before)), isError: result.isError === true };
}

describe.each(["github", "stripe"])("%s", (app) => {
  test("lean and full tools send the same request, or both refuse, for arguments of either schema", async () => {
    const sampled = pairs.get(app)!;
    expect(sampled.length).toBeGreaterThanOrEqual(18);
    let sentSome = 0;
    for (const { lean, full } of sampled) {
      expect(full, lean.name).toBeDefined();
      let delivered = 0;
      await fc.assert(
        fc.asyncProperty(argumentsFor(lean, full), async (args) => {
          const [viaLean, viaFull] = [await sent(lean, args), await sent(full, args)];
          expect(viaLean, lean.name).toEqual(viaFull);
          if (viaLean.requests.length > 0) delivered++;
        }),
        { numRuns: 25 },
      );
      if (delivered > 0) sentSome++;
    }
    // Most sampled tools got arguments through validation: the property compared real requests, not refusals.
    expect(sentSome).toBeGreaterThanOrEqual(sampled.length - 3);
  }, 120_000);
});

describe("where the lean schema is looser (documented in README, Lean tool lists)", () => {
  test("string-caps: a string over a dropped maxLength of 5000 reaches the upstream instead of being refused", async () => {
    const { lean, full } = pairs.get("stripe")!.find((pair) => pair.lean.name === "post_payment_intents")!;
    const customer = (full.inputSchema.properties as Record<string, { maxLength?: number }>).customer!;
    expect(customer.maxLength).toBe(5000);
    const args = { amount: 100, currency: "usd", customer: "c".repeat(5001) };
    const [viaLean, viaFull] = [await sent(lean, args), await sent(full, args)];
    expect(viaFull).toEqual({ requests: [], isError: true });
    expect(viaLean.isError).toBe(false);
    expect(viaLean.requests[0]!.body).toContain(`customer=${"c".repeat(5001)}`);
    // At the cap and under it, both agree.
    const atCap = { ...args, customer: "c".repeat(5000) };
    expect(await sent(lean, atCap)).toEqual(await sent(full, atCap));
  });

  test("empty-arguments: the full tool accepted body: {} on a GET and sent an empty form body; the lean one refuses the unknown argument", async () => {
    const { lean, full } = pairs.get("stripe")!.find((pair) => pair.lean.name === "get_account")!;
    expect(Object.keys(full.inputSchema.properties as object)).toContain("body");
    expect(Object.keys(lean.inputSchema.properties as object)).not.toContain("body");
    expect((await sent(lean, { body: {} })).isError).toBe(true);
    expect(await sent(lean, {})).toEqual(await sent(full, {}));
  });
});
