// ToolSearch over small hand-made indexes: ranking, ties, limits, the allowed filter, lazy parsing.
import { describe, expect, test } from "vitest";
import { renderSearchIndex, searchIndexJson } from "../../../generator/emit/search-index.js";
import { SEARCH_INDEX_VERSION } from "../../../runtime/shared/search-index-format.js";
import { DEFAULT_LIMIT, ToolSearch } from "../../../runtime/search/index.js";
import { indexJsonOf, plan } from "./plans.js";

const PLANS = [
  plan({ name: "list_pets", app: "zoo", title: "List pets", description: "Lists every pet in the store.", tags: ["pets"] }),
  plan({ name: "create_pet", app: "zoo", title: "Create a pet", description: "Adds a pet to the store.", tags: ["pets"] }),
  plan({ name: "delete_pet", app: "zoo", title: "Delete a pet", description: "Removes a pet for good.", tags: ["pets"] }),
  plan({ name: "list_orders", app: "shop", title: "List orders", description: "Lists the orders placed in the store.", tags: ["orders"] }),
  plan({ name: "create_order", app: "shop", title: "Place an order", description: "Places an order for a pet.", tags: ["orders"] }),
  plan({ name: "get_deployment", app: "ops", title: "Get a deployment", description: "One deployment of an environment." }),
];

const searchOf = (plans = PLANS): ToolSearch => new ToolSearch(indexJsonOf(renderSearchIndex(searchIndexJson(plans))));

describe("ranking", () => {
  test.each([
    ["list pets", "list_pets"],
    ["create a pet", "create_pet"],
    ["remove pet", "delete_pet"],
    ["order a pet", "create_order"],
    ["listing orders", "list_orders"],
  ])("%s → %s first", (query, want) => {
    expect(searchOf().search(query)[0]?.name).toBe(want);
  });

  test("hits carry app, summary and a positive score, best first", () => {
    const hits = searchOf().search("pet");
    expect(hits.length).toBeGreaterThan(1);
    for (const hit of hits) {
      const source = PLANS.find((p) => p.name === hit.name)!;
      expect(hit.app).toBe(source.app);
      expect(hit.summary).toBe(source.title);
      expect(hit.score).toBeGreaterThan(0);
    }
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test("tools sharing no term with the query are never returned", () => {
    const names = searchOf().search("order").map((h) => h.name);
    expect(new Set(names)).toEqual(new Set(["list_orders", "create_order"]));
  });

  test("a word missing from the index matches the terms it prefixes", () => {
    expect(searchOf().search("deploy")[0]?.name).toBe("get_deployment");
  });
});

describe("ties and limits", () => {
  const twins = ["zeta_tool", "alpha_tool", "mid_tool"].map((name) => plan({ name, title: "Fetch a widget", description: "Fetch a widget." }));

  test("equal scores are ordered by name", () => {
    const hits = searchOf(twins).search("widget");
    expect(hits.map((h) => h.name)).toEqual(twins.map((p) => p.name).sort());
    expect(new Set(hits.map((h) => h.score)).size).toBe(1);
  });

  test.each([0, 1, 2, 5])("limit %i", (limit) => {
    const all = searchOf().search("pet", { limit: 100 });
    expect(searchOf().search("pet", { limit })).toEqual(all.slice(0, limit));
  });

  test("default limit", () => {
    const many = Array.from({ length: DEFAULT_LIMIT + 5 }, (_, i) => plan({ name: `widget_${String(i).padStart(2, "0")}`, title: "Widget" }));
    expect(searchOf(many).search("widget")).toHaveLength(DEFAULT_LIMIT);
  });

  test.each(["", "   ", "the of a", "!!!"])("a query with no terms (%j) finds nothing", (query) => {
    expect(searchOf().search(query)).toEqual([]);
  });
});

describe("allowed", () => {
  test("filters to the session's apps without changing the order of the rest", () => {
    const search = searchOf();
    const apps = new Map(PLANS.map((p) => [p.name, p.app]));
    const all = search.search("pet store", { limit: 100 });
    const zooOnly = search.search("pet store", { limit: 100, allowed: (name) => apps.get(name) === "zoo" });
    expect(zooOnly.length).toBeGreaterThan(0);
    expect(zooOnly).toEqual(all.filter((h) => h.app === "zoo"));
  });

  test("the limit applies after filtering", () => {
    const hits = searchOf().search("pet", { limit: 1, allowed: (name) => name === "create_order" });
    expect(hits.map((h) => h.name)).toEqual(["create_order"]);
  });

  test("is only asked about tools that matched", () => {
    const asked: string[] = [];
    searchOf().search("order", { allowed: (name) => (asked.push(name), true) });
    expect(asked.sort()).toEqual(["create_order", "list_orders"]);
  });
});

describe("lazy parsing", () => {
  test("the constructor does not parse; the first search does", () => {
    const search = new ToolSearch("{ not json");
    expect(() => search.search("pet")).toThrow(SyntaxError);
  });

  test("an index of another version is refused with a rebuild hint", () => {
    const json = indexJsonOf(renderSearchIndex(searchIndexJson(PLANS))).replace(`"v":${SEARCH_INDEX_VERSION}`, `"v":${SEARCH_INDEX_VERSION + 1}`);
    expect(() => new ToolSearch(json).search("pet")).toThrow(/gateway build/);
  });

  test("an empty catalogue searches to nothing", () => {
    expect(searchOf([]).search("pet")).toEqual([]);
  });
});
