import { describe, expect, test } from "vitest";
import type { ToolOverride } from "../../../generator/config/types.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { annotate } from "../../../generator/passes/annotate.js";
import type { ToolAnnotations } from "../../../generator/plan/tool-plan.js";
import { app, config, named, plan } from "./fixtures.js";

/** "RO,DESTR,IDEM,OPEN": the hints that are true, as a short readable string. */
function hints(a: ToolAnnotations | undefined): string {
  if (!a) return "none";
  const flags: [keyof ToolAnnotations, string][] = [["readOnlyHint", "RO"], ["destructiveHint", "DESTR"], ["idempotentHint", "IDEM"], ["openWorldHint", "OPEN"]];
  return flags.filter(([k]) => a[k]).map(([, s]) => s).join(",");
}

interface Given {
  key: string;
  specHints?: Partial<ToolAnnotations>;
  yaml?: ToolOverride["annotations"];
}

const CASES: [string, { given: Given; want: { hints: string; warnings: string[] } }][] = [
  ["GET", { given: { key: "GET /a" }, want: { hints: "RO,IDEM,OPEN", warnings: [] } }],
  ["HEAD", { given: { key: "HEAD /a" }, want: { hints: "RO,IDEM,OPEN", warnings: [] } }],
  ["OPTIONS", { given: { key: "OPTIONS /a" }, want: { hints: "RO,IDEM,OPEN", warnings: [] } }],
  ["PUT", { given: { key: "PUT /a" }, want: { hints: "IDEM,OPEN", warnings: [] } }],
  ["DELETE", { given: { key: "DELETE /a" }, want: { hints: "DESTR,IDEM,OPEN", warnings: [] } }],
  ["POST", { given: { key: "POST /a" }, want: { hints: "OPEN", warnings: [] } }],
  ["PATCH", { given: { key: "PATCH /a" }, want: { hints: "OPEN", warnings: [] } }],
  ["x-mcp read-only POST (a search) warns", { given: { key: "POST /search", specHints: { readOnlyHint: true } }, want: { hints: "RO,OPEN", warnings: ["spec"] } }],
  ["x-mcp idempotent POST", { given: { key: "POST /a", specHints: { idempotentHint: true } }, want: { hints: "IDEM,OPEN", warnings: [] } }],
  ["x-mcp closed world", { given: { key: "GET /a", specHints: { openWorldHint: false } }, want: { hints: "RO,IDEM", warnings: [] } }],
  ["gateway.yaml beats x-mcp", { given: { key: "POST /a", specHints: { idempotentHint: true }, yaml: { idempotentHint: false } }, want: { hints: "OPEN", warnings: [] } }],
  ["gateway.yaml beats the method table", { given: { key: "PUT /a", yaml: { destructiveHint: true } }, want: { hints: "DESTR,IDEM,OPEN", warnings: [] } }],
  ["DELETE not destructive warns at gateway.yaml", { given: { key: "DELETE /a", yaml: { destructiveHint: false } }, want: { hints: "IDEM,OPEN", warnings: ["gateway.yaml"] } }],
  ["DELETE not destructive from the spec warns at the spec", { given: { key: "DELETE /a", specHints: { destructiveHint: false } }, want: { hints: "IDEM,OPEN", warnings: ["spec"] } }],
  ["read-only and destructive", { given: { key: "GET /a", yaml: { destructiveHint: true } }, want: { hints: "RO,DESTR,IDEM,OPEN", warnings: ["gateway.yaml"] } }],
  ["read-only DELETE: two warnings", { given: { key: "DELETE /a", yaml: { readOnlyHint: true } }, want: { hints: "RO,DESTR,IDEM,OPEN", warnings: ["gateway.yaml", "gateway.yaml"] } }],
];

describe("annotate", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    const p = named(plan(given.key, { operationId: "op", ...(given.specHints ? { specHints: given.specHints } : {}) }));
    const tools: Record<string, ToolOverride> = given.yaml ? { op: { annotations: given.yaml } } : {};
    const report = new Report();
    const [out] = annotate([p], config([app("app", { tools })]), report);
    expect(hints(out!.annotations)).toBe(want.hints);
    expect(Object.keys(out!.annotations!).sort()).toEqual(["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint"]);
    expect(report.diagnostics.map((d) => (d.file === "gateway.yaml" ? "gateway.yaml" : "spec"))).toEqual(want.warnings);
    expect(report.diagnostics.every((d) => d.code === "GW320" && d.severity === "warning")).toBe(true);
    for (const d of report.diagnostics.filter((x) => x.file === "gateway.yaml")) expect(d.line).toBe(10);
    for (const d of report.diagnostics.filter((x) => x.file !== "gateway.yaml")) expect(d.pointer).toBe(p.source.pointer);
  });
});
