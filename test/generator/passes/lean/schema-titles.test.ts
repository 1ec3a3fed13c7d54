// Lean rule schema-titles: titles that are identifiers, or sit beside a description, go.
import { describe, expect, test } from "vitest";
import type { JsonSchema } from "../../../../generator/plan/tool-plan.js";
import { dropTitles, withoutTitle } from "../../../../generator/passes/lean/schema-titles.js";
import { named, plan } from "../fixtures.js";

const CASES: [string, { given: JsonSchema; want: JsonSchema }][] = [
  ["identifier title", { given: { type: "object", title: "payment_intent_payment_method_options_param" }, want: { type: "object" } }],
  ["prose title beside a description", { given: { type: "object", title: "Repository Ruleset Bypass Actor", description: "An actor that can bypass rules" }, want: { type: "object", description: "An actor that can bypass rules" } }],
  ["not dropped: a prose title that is the only label", { given: { type: "object", title: "Repository ruleset conditions for repository names" }, want: { type: "object", title: "Repository ruleset conditions for repository names" } }],
  ["not dropped: prose title beside an empty description", { given: { title: "Branch name", description: " " }, want: { title: "Branch name", description: " " } }],
  ["no title", { given: { type: "string" }, want: { type: "string" } }],
];

describe("schema-titles", () => {
  test.each(CASES)("%s", (_, { given, want }) => expect(withoutTitle(given)).toEqual(want));

  test("nested schemas and $defs; a property named title stays", () => {
    const draft = { ...plan("POST /a"), defs: { D: { type: "object", title: "d_param" } } };
    const schema = { type: "object", title: "body_param", properties: { title: { type: "string", title: "title_x" }, items: { type: "array", items: { title: "item_t", type: "string" } } } };
    draft.args = [{ name: "body", in: "body", wire: "body", required: true, schema }];
    const out = dropTitles(named(draft));
    expect(out.args[0]!.schema).toEqual({ type: "object", properties: { title: { type: "string" }, items: { type: "array", items: { type: "string" } } } });
    expect(out.defs.D).toEqual({ type: "object" });
  });
});
