// generated/search-index.ts: module shape, index statistics, summaries, determinism, size on the GitHub spec.
import { beforeAll, describe, expect, test } from "vitest";
import { buildSearchIndex, DESCRIPTION_CHARS, plainText, renderSearchIndex, searchIndexJson, summaryOf, SUMMARY_CHARS } from "../../../generator/emit/search-index.js";
import type { ToolPlan } from "../../../generator/plan/tool-plan.js";
import { FIELD_WEIGHTS, type SearchIndexData } from "../../../runtime/shared/search-index-format.js";
import { stem } from "../../../runtime/shared/search-tokenize.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";
import { realPlans } from "../../runtime/search/github-plans.js";
import { indexJsonOf, plan, shuffled } from "../../runtime/search/plans.js";

/** term → (tool id → tf), decoded from the gap-coded postings. */
function decode(data: SearchIndexData): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  data.terms.forEach((term, i) => {
    const byTool = new Map<number, number>();
    const list = data.postings[i]!;
    for (let j = 0, id = 0; j < list.length; j += 2) byTool.set((id += list[j]!), list[j + 1]!);
    out.set(term, byTool);
  });
  return out;
}

describe("module", () => {
  test("is a header line and one string constant holding the index JSON", () => {
    const source = renderSearchIndex(searchIndexJson([plan({ name: "get_pet", title: 'Get a "pet"', description: "Back\\slash\nnewline" })]));
    const data = JSON.parse(indexJsonOf(source)) as SearchIndexData;
    expect(source.split("\n")).toHaveLength(3);
    expect(data.tools).toEqual([["get_pet", 0, 'Get a "pet"']]);
  });
});

describe("summaries", () => {
  const long = "word ".repeat(60).trim();
  test.each([
    ["the title when there is one", { title: "Get a repository", description: "Long text. More." }, "Get a repository"],
    ["else the first sentence", { description: "Gets a pet. Then more words! And more." }, "Gets a pet."],
    ["markdown links keep their text", { description: "See [the docs](https://example.com/x) now.\nNext." }, "See the docs now."],
    ["admonitions and emphasis go", { description: "> [!NOTE]\n> **Bold** `code` text" }, "Bold code text"],
  ])("%s", (_label, fields, want) => {
    expect(summaryOf(fields)).toBe(want);
  });

  test.each([
    ["a long title", { title: long, description: "x" }],
    ["a long first sentence", { description: `${long}.` }],
  ])("%s is cut at a word boundary to fit", (_label, fields) => {
    const summary = summaryOf(fields);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_CHARS);
    expect(summary.endsWith("…")).toBe(true);
    expect(long.startsWith(summary.slice(0, -1))).toBe(true);
    expect(summary.at(-2)).not.toBe(" ");
  });

  test("plainText drops URLs and tags", () => {
    expect(plainText("Go to https://example.com/a?b=c or <b>here</b>.")).toBe("Go to or here .");
  });
});

describe("statistics", () => {
  const plans = [
    plan({ name: "beta_tool", app: "b", title: "Widget", description: "widget widget" }),
    plan({ name: "alpha_tool", app: "b", title: "Gadget", tags: ["widget"], description: "gadget" }),
    plan({ name: "zulu_tool", app: "a", description: `${"filler ".repeat(DESCRIPTION_CHARS / 7 + 10)} farbeyond` }),
  ];
  const data = buildSearchIndex(plans);
  const postings = decode(data);

  test("tools are ordered by app then name; apps are listed once, sorted", () => {
    expect(data.apps).toEqual(["a", "b"]);
    expect(data.tools.map(([name, app]) => `${data.apps[app]}/${name}`)).toEqual(["a/zulu_tool", "b/alpha_tool", "b/beta_tool"]);
  });

  test("terms are sorted and each posting list is strictly increasing in tool id", () => {
    expect(data.terms).toEqual([...data.terms].sort(compareCodeUnits));
    expect(data.terms.length).toBe(data.postings.length);
    for (const list of data.postings) for (let j = 2; j < list.length; j += 2) expect(list[j]).toBeGreaterThan(0);
  });

  test("term frequency is weighted by field", () => {
    const widget = postings.get(stem("widget"))!;
    const id = (name: string): number => data.tools.findIndex(([n]) => n === name);
    expect(widget.get(id("beta_tool"))).toBe(FIELD_WEIGHTS.title + 2 * FIELD_WEIGHTS.description);
    expect(widget.get(id("alpha_tool"))).toBe(FIELD_WEIGHTS.tags);
    expect(postings.get(stem("tool"))!.get(id("zulu_tool"))).toBe(FIELD_WEIGHTS.name);
  });

  test("lengths are the sum of each tool's weighted tfs; avg is their mean", () => {
    const sums = data.tools.map(() => 0);
    for (const byTool of postings.values()) for (const [id, tf] of byTool) sums[id] += tf;
    expect(data.lens).toEqual(sums);
    expect(data.avg).toBeCloseTo(sums.reduce((a, b) => a + b, 0) / sums.length, 3);
  });

  test(`only the first ${DESCRIPTION_CHARS} description characters are indexed`, () => {
    expect(postings.has(stem("filler"))).toBe(true);
    expect(postings.has(stem("farbeyond"))).toBe(false);
  });
});

describe("GitHub", () => {
  let plans: ToolPlan[];
  let source: string;
  let buildMs: number;
  beforeAll(async () => {
    plans = await realPlans("github", "github.json.gz");
    const start = performance.now();
    source = renderSearchIndex(searchIndexJson(plans));
    buildMs = performance.now() - start;
  }, 120_000);

  test("every tool is indexed, within the size budget", () => {
    const data = JSON.parse(indexJsonOf(source)) as SearchIndexData;
    expect(plans.length).toBeGreaterThan(1000);
    expect(data.tools.map(([name]) => name).sort()).toEqual(plans.map((p) => p.name).sort());
    const bytes = Buffer.byteLength(source);
    expect(bytes).toBeLessThanOrEqual(600_000);
    console.log(`search index: ${plans.length} tools, ${data.terms.length} terms, ${bytes} bytes, built in ${buildMs.toFixed(0)} ms`);
  });

  test("every summary is one line within the limit", () => {
    const data = JSON.parse(indexJsonOf(source)) as SearchIndexData;
    for (const [, , summary] of data.tools) {
      expect(summary.length).toBeGreaterThan(0);
      expect(summary.length).toBeLessThanOrEqual(SUMMARY_CHARS);
      expect(summary).not.toMatch(/\n/);
    }
  });

  test.each([1, 2, 3])("the same bytes for shuffled input (seed %i)", (seed) => {
    expect(renderSearchIndex(searchIndexJson(shuffled(plans, seed)))).toBe(source);
  });
});
