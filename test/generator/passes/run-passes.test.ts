import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CODES } from "../../../generator/diagnostics/codes.js";
import { Report } from "../../../generator/diagnostics/diagnostic.js";
import { PASS_CODES } from "../../../generator/passes/codes.js";
import { runPasses } from "../../../generator/passes/index.js";
import { app, config, plan } from "./fixtures.js";

const PLANS = [
  plan("GET /pets", { operationId: "listPets", tags: ["pets"] }),
  plan("POST /pets", { operationId: "createPet", tags: ["pets"] }),
  plan("DELETE /pets/{id}", { operationId: "deletePet", tags: ["pets"] }),
  plan("GET /store/inventory", { operationId: "getInventory", tags: ["store"] }),
  plan("GET /users/{name}", { operationId: "getUser", tags: ["users"] }),
];

describe("runPasses", () => {
  test("filter → describe → override → name → annotate", () => {
    const cfg = config([
      app("app", {
        exclude: { tags: ["store"] },
        tools: {
          listPets: { name: "pets", title: "All pets", annotations: { openWorldHint: false } },
          getUser: { hidden: true },
          "DELETE /pets/{id}": { description: "Delete a pet. Cannot be undone." },
        },
      }),
    ]);
    const report = new Report();
    const plans = runPasses(PLANS, cfg, report);
    expect(plans.map((p) => [p.name, p.title, p.description, p.annotations.openWorldHint])).toEqual([
      ["create_pet", "Create pet", "Create pet", true],
      ["delete_pet", "Delete pet", "Delete a pet. Cannot be undone.", true],
      ["pets", "All pets", "List pets", false],
    ]);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["GW301"]);
  });

  test("a hidden tool takes no name: its twin keeps the plain name", () => {
    const twin = plan("GET /v2/pets", { operationId: "listPets", app: "v2" });
    const cfg = config([app("app", { tools: { listPets: { hidden: true } } }), app("v2")]);
    const out = runPasses([...PLANS, twin], cfg, new Report());
    expect(out.filter((p) => p.app === "v2").map((p) => p.name)).toEqual(["list_pets"]);
  });

  test("does not mutate its input", () => {
    const before = JSON.stringify(PLANS);
    runPasses(PLANS, config([app("app", { tools: { listPets: { name: "x", title: "t" } } })]), new Report());
    expect(JSON.stringify(PLANS)).toBe(before);
  });
});

describe("PASS_CODES", () => {
  const source = ["filter", "check-references", "describe", "override", "name", "annotate"]
    .map((f) => readFileSync(new URL(`../../../generator/passes/${f}.ts`, import.meta.url), "utf8"))
    .join("\n");
  const used = [...new Set(source.match(/GW3\d\d/g) ?? [])].sort();

  test("every code the passes emit has a catalogue entry", () => {
    expect(used.length).toBeGreaterThan(5);
    for (const code of used) {
      const entry = PASS_CODES[code as `GW${number}`];
      expect(entry, code).toBeDefined();
      expect([entry!.title, entry!.cause, entry!.fix].every((s) => s.length > 10 || s === entry!.title)).toBe(true);
    }
  });

  test("the catalogue has no unused GW3xx entry and is merged into CODES", () => {
    expect(Object.keys(PASS_CODES).sort()).toEqual(used);
    for (const code of used) expect(CODES[code as `GW${number}`]).toBe(PASS_CODES[code as `GW${number}`]);
  });
});
