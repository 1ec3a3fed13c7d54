// ToolSearch over the real GitHub (and Stripe) catalogues: relevance of common asks, app filtering, latency.
import { beforeAll, describe, expect, test } from "vitest";
import { renderSearchIndex, searchIndexJson } from "../../../generator/emit/search-index.js";
import type { ToolPlan } from "../../../generator/plan/tool-plan.js";
import { ToolSearch } from "../../../runtime/search/index.js";
import { realPlans } from "./github-plans.js";
import { indexJsonOf } from "./plans.js";

let json: string;
/** Tool name → app, from the plans (the filter must not rely on the index for it). */
let apps: Map<string, string>;
beforeAll(async () => {
  const plans: ToolPlan[] = [...(await realPlans("github", "github.json.gz")), ...(await realPlans("stripe", "stripe.json.gz"))];
  apps = new Map(plans.map((p) => [p.name, p.app]));
  expect(apps.size).toBe(plans.length);
  json = indexJsonOf(renderSearchIndex(searchIndexJson(plans)));
}, 180_000);

const appOf = (name: string): string | undefined => apps.get(name);

const names = (search: ToolSearch, query: string, limit: number, app = "github"): string[] =>
  search.search(query, { limit, allowed: (name) => appOf(name) === app }).map((h) => h.name);

describe("relevance on GitHub", () => {
  test.each([
    ["list issues in a repository", "issues_list_for_repo"],
    ["create a pull request", "pulls_create"],
    ["delete a repository", "repos_delete"],
    ["delete repo", "repos_delete"],
    ["open a PR", "pulls_create"],
    ["add a label to an issue", "issues_add_labels"],
    ["search code", "search_code"],
    ["list my repos", "repos_list_for_authenticated_user"],
    ["get the contents of a file", "repos_get_content"],
    ["star a repository", "activity_star_repo_for_authenticated_user"],
  ])("%s → %s in the top 3", (query, want) => {
    expect(names(new ToolSearch(json), query, 3)).toContain(want);
  });

  test("list issues in a repository: mostly issue tools in the top 5", () => {
    const top = names(new ToolSearch(json), "list issues in a repository", 5);
    expect(top.filter((n) => n.startsWith("issues_")).length).toBeGreaterThanOrEqual(3);
  });
});

describe("allowed", () => {
  test("one catalogue, two apps: each session sees only its own", () => {
    const search = new ToolSearch(json);
    for (const query of ["create a customer", "list issues", "delete a webhook"]) {
      const all = search.search(query, { limit: apps.size });
      for (const app of ["github", "stripe"]) {
        const only = search.search(query, { limit: 20, allowed: (name) => appOf(name) === app });
        expect(only.every((h) => h.app === app)).toBe(true);
        expect(only.length).toBeGreaterThan(0);
        expect(only).toEqual(all.filter((h) => h.app === app).slice(0, 20));
      }
    }
    expect(search.search("create a customer", { limit: 1 })[0]?.app).toBe("stripe");
  });
});

describe("latency", () => {
  test("first search (with parse) and warm searches", () => {
    const queries = ["list issues in a repository", "create a pull request", "delete a repository", "workflow runs", "get my user"];
    const search = new ToolSearch(json);
    let start = performance.now();
    search.search(queries[0]!);
    const first = performance.now() - start;
    const rounds = 20;
    start = performance.now();
    for (let i = 0; i < rounds; i++) for (const q of queries) search.search(q);
    const warm = (performance.now() - start) / (rounds * queries.length);
    console.log(`search: ${search.size} tools, ${json.length} JSON chars, first ${first.toFixed(1)} ms, warm ${warm.toFixed(2)} ms/query`);
    expect(first).toBeLessThan(2_000);
    expect(warm).toBeLessThan(100);
  });
});
