// The passes over every operation of real GitHub, Stripe and Kubernetes specs (plans built from paths only).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { NAME_PATTERN, runPasses } from "../../../generator/passes/index.js";
import type { HttpMethod, ToolDraft } from "../../../generator/plan/tool-plan.js";
import { app, config, plan } from "./fixtures.js";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** One minimal plan per operation of a vendored spec. */
function plansOf(name: string): ToolDraft[] {
  const url = new URL(`../../fixtures/specs/real/${name}.json.gz`, import.meta.url);
  const spec = JSON.parse(gunzipSync(readFileSync(url)).toString("utf8")) as {
    paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
  };
  const plans: ToolDraft[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const key = `${method.toUpperCase() as HttpMethod} ${path}`;
      plans.push(plan(key, { app: name, file: `specs/${name}.json`, ...(op.operationId ? { operationId: op.operationId } : {}), tags: op.tags ?? [] }));
    }
  }
  return plans;
}

/** Deterministic shuffle (LCG), so the test is reproducible. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("real specs", () => {
  const all = ["github", "stripe", "kubernetes"].flatMap(plansOf);
  const cfg = config([app("github", { exclude: { paths: ["/enterprises/**"] } }), app("stripe"), app("kubernetes")]);

  test("names valid, unique, within budget; order-independent", () => {
    const started = performance.now();
    const first = runPasses(all, cfg, new Report());
    const ms = performance.now() - started;
    const names = first.map((p) => p.name);
    expect(names.every((n) => NAME_PATTERN.test(n) && n.length <= 48)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    const excluded = all.filter((p) => p.app === "github" && p.source.route!.path.startsWith("/enterprises/")).length;
    expect(excluded).toBeGreaterThan(0);
    expect(first.length + excluded).toBe(all.length);
    const second = runPasses(shuffle(all, 7), cfg, new Report());
    expect(second.map((p) => `${p.app}/${p.name}/${p.source.pointer}`)).toEqual(first.map((p) => `${p.app}/${p.name}/${p.source.pointer}`));
    console.log(`passes over ${all.length} operations: ${ms.toFixed(0)} ms`);
  });

  test("a typo in gateway.yaml gets a suggestion from the real keys", () => {
    const typo = config([app("github", { tools: { "issues/list-for-rpo": { name: "list_issues" } } })]);
    const report = new Report();
    runPasses(plansOf("github"), typo, report);
    const d = report.diagnostics.find((x) => x.code === "GW304");
    expect(d?.help).toBe('did you mean "issues/list-for-repo"?');
  });
});
