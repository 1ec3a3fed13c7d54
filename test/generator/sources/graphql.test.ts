// The GraphQL source over small inline SDL: input schemas, root-field selection, hints, operation documents,
// schema repair, include/exclude and `tools:` by field name or coordinate, determinism. Each case writes a temp
// project (gateway.yaml + schema + documents) and runs the real build, or loadGraphql when drafts are wanted
// although another part of the app has an error.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildClientSchema, buildSchema, introspectionFromSchema, parse, print, validate } from "graphql";
import { afterAll, describe, expect, test } from "vitest";
import { build, type BuildResult } from "../../../generator/build.js";
import { loadConfig } from "../../../generator/config/load.js";
import { Report, type Diagnostic } from "../../../generator/diagnostics/diagnostic.js";
import { inputSchemaOf } from "../../../generator/emit/tool-object.js";
import type { GraphqlRequestPlan, JsonSchema, ToolDraft, ToolPlan } from "../../../generator/plan/tool-plan.js";
import { loadGraphql } from "../../../generator/sources/graphql/index.js";

const ENDPOINT = "https://shop.example/graphql";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/**
 * A temp project: `files` (path → text; the first is the schema) and a gateway.yaml with one graphql app `shop`,
 * `app` being extra YAML under it (written unindented).
 */
function project(files: Record<string, string>, app = ""): string {
  const root = mkdtempSync(join(tmpdir(), "gateway-graphql-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const extra = app.split("\n").filter((line) => line.trim() !== "").map((line) => `    ${line}\n`).join("");
  writeFileSync(join(root, "gateway.yaml"), `name: t\napps:\n  shop:\n    graphql: ${Object.keys(files)[0]}\n    endpoint: ${ENDPOINT}\n${extra}`);
  return root;
}

async function buildApp(files: Record<string, string>, app = ""): Promise<BuildResult> {
  return build({ configPath: join(project(files, app), "gateway.yaml") });
}

/** The source alone (no passes): its drafts survive an error elsewhere in the app. */
async function loadApp(files: Record<string, string>, app = "", before?: (root: string) => void): Promise<{ drafts: ToolDraft[]; diagnostics: Diagnostic[] }> {
  const root = project(files, app);
  const report = new Report();
  const config = loadConfig(join(root, "gateway.yaml"), report);
  if (!config) throw new Error(`config: ${JSON.stringify(report.diagnostics)}`);
  before?.(root);
  const app0 = config.apps[0]!;
  const source = await loadGraphql({ ...app0, graphql: app0.graphql! }, config, report);
  return { drafts: source?.drafts ?? [], diagnostics: report.diagnostics };
}

function errors(result: { diagnostics: Diagnostic[] }): string[] {
  return result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`);
}

function ok(result: BuildResult): BuildResult {
  expect(errors(result)).toEqual([]);
  return result;
}

function tool(result: BuildResult, name: string): ToolPlan {
  const plan = result.plans.find((p) => p.name === name);
  if (!plan) throw new Error(`no tool ${name} in ${result.plans.map((p) => p.name).join(", ")}`);
  return plan;
}

function documentOf(plan: Pick<ToolPlan, "request">): string {
  return (plan.request as GraphqlRequestPlan).document;
}

/** `text` printed the way the source prints documents, so a test can write its expectation on one line. */
function printed(text: string): string {
  return print(parse(text));
}

function property(plan: ToolPlan, name: string): JsonSchema {
  const schema = (inputSchemaOf(plan).properties as Record<string, JsonSchema> | undefined)?.[name];
  if (!schema) throw new Error(`no property ${name} in ${plan.name}`);
  return schema as JsonSchema;
}

const QUERY_HINTS = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const MUTATION_HINTS = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

// ---------------------------------------------------------------------------------------------------------------

const INPUTS_SDL = `
"""When something happened, ISO 8601."""
scalar DateTime
scalar Money

"""Colors a widget comes in."""
enum Color {
  RED
  GREEN
  BLUE
  MAUVE @deprecated(reason: "discontinued")
}

enum Legacy {
  OLD @deprecated
  OLDER @deprecated
}

"""Which widgets to list."""
input WidgetFilter {
  """Only this color."""
  color: Color = GREEN
  """Name must contain this."""
  name: String!
  """Inclusive bounds."""
  price: PriceRange
  tags: [String!]
}

"""A closed interval."""
input PriceRange {
  """Lowest, inclusive."""
  min: Int = 0
  max: Int
}

"""A category with its subcategories, created at once."""
input CategoryInput {
  """Shown to shoppers."""
  title: String!
  children: [CategoryInput!]
}

"""Identifies one widget."""
input WidgetKey @oneOf {
  """The widget's id."""
  id: ID
  """The stock keeping unit."""
  sku: String
}

input Point {
  x: Int!
  y: Int!
}

type Widget {
  id: ID!
  name: String!
  createdAt: DateTime
  price: Money
}

type Query {
  """List widgets."""
  widgets(
    """Page size."""
    first: Int = 10
    after: String
    limit: Int! = 5
    filter: WidgetFilter = { name: "x" }
    color: Color = RED
    legacy: Legacy
    tags: [String!]!
    matrix: [[Int]]
    since: DateTime
    """Only widgets updated after this."""
    updatedSince: DateTime
    price: Money
    ratio: Float
    flag: Boolean
  ): [Widget!]!
  widget(key: WidgetKey!): Widget
  widgetBy("""Which widget: by id or by sku."""key: WidgetKey!): Widget
  distance(from: Point!, to: Point!): Float
}

type Mutation {
  createCategory(input: CategoryInput!): Int
}
`;

describe("input schemas", () => {
  let result: BuildResult;
  const widgets = () => tool(result, "widgets");

  test("the app builds: one tool per Query and Mutation field", async () => {
    result = ok(await buildApp({ "schema.graphql": INPUTS_SDL }, "output_schema: full"));
    expect(result.plans.map((p) => p.name)).toEqual(["create_category", "distance", "widget", "widget_by", "widgets"]);
    for (const plan of result.plans) expect(plan.args.every((arg) => arg.in === "variable" && arg.wire === arg.name)).toBe(true);
  });

  test("non-null without a default is required; nullable, and non-null with a default, are not", () => {
    expect(inputSchemaOf(widgets()).required).toEqual(["tags"]);
    expect(inputSchemaOf(tool(result, "distance")).required).toEqual(["from", "to"]);
  });

  test("built-in scalars, lists and nested lists", () => {
    expect(property(widgets(), "after")).toEqual({ type: "string" });
    expect(property(widgets(), "ratio")).toEqual({ type: "number" });
    expect(property(widgets(), "flag")).toEqual({ type: "boolean" });
    expect(property(widgets(), "tags")).toEqual({ type: "array", items: { type: "string" } });
    expect(property(widgets(), "matrix")).toEqual({ type: "array", items: { type: "array", items: { type: "integer" } } });
  });

  test("defaults are kept: a scalar, an enum by its name, an input object as JSON (its fields' defaults filled in)", () => {
    expect(property(widgets(), "first")).toEqual({ type: "integer", description: "Page size.", default: 10 });
    expect(property(widgets(), "limit")).toEqual({ type: "integer", default: 5 });
    expect(property(widgets(), "color")).toEqual({ type: "string", enum: ["RED", "GREEN", "BLUE"], description: "Colors a widget comes in.", default: "RED" });
    expect(property(widgets(), "filter").default).toEqual({ name: "x", color: "GREEN" });
    // The document declares the same defaults, so a call without the argument means what the schema says.
    expect(documentOf(widgets())).toContain('$first: Int = 10, $after: String, $limit: Int! = 5, $filter: WidgetFilter = {color: GREEN, name: "x"}, $color: Color = RED');
  });

  test("an input object used once is inlined: sorted properties, descriptions, required fields, field defaults, nested objects", () => {
    expect(property(widgets(), "filter")).toEqual({
      type: "object",
      description: "Which widgets to list.",
      properties: {
        color: { type: "string", enum: ["RED", "GREEN", "BLUE"], description: "Only this color.", default: "GREEN" },
        name: { type: "string", description: "Name must contain this." },
        price: {
          type: "object",
          description: "Inclusive bounds.",
          properties: { max: { type: "integer" }, min: { type: "integer", description: "Lowest, inclusive.", default: 0 } },
          additionalProperties: false,
        },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["name"],
      additionalProperties: false,
      default: { name: "x", color: "GREEN" },
    });
    expect(widgets().defs).toEqual({});
  });

  test("an input object used by two arguments is one $defs entry", () => {
    const plan = tool(result, "distance");
    expect(property(plan, "from")).toEqual({ $ref: "#/$defs/Point" });
    expect(property(plan, "to")).toEqual({ $ref: "#/$defs/Point" });
    expect(plan.defs).toEqual({
      Point: { type: "object", properties: { x: { type: "integer" }, y: { type: "integer" } }, required: ["x", "y"], additionalProperties: false },
    });
  });

  test("a recursive input object is a $defs entry that refers to itself", () => {
    const plan = tool(result, "create_category");
    expect(property(plan, "input")).toEqual({ $ref: "#/$defs/CategoryInput" });
    expect(plan.defs).toEqual({
      CategoryInput: {
        type: "object",
        description: "A category with its subcategories, created at once.",
        properties: {
          children: { type: "array", items: { $ref: "#/$defs/CategoryInput" } },
          title: { type: "string", description: "Shown to shoppers." },
        },
        required: ["title"],
        additionalProperties: false,
      },
    });
  });

  test("enums: values by name, deprecated ones left out unless every value is deprecated", () => {
    expect(property(widgets(), "color").enum).toEqual(["RED", "GREEN", "BLUE"]);
    expect(property(widgets(), "legacy")).toEqual({ type: "string", enum: ["OLD", "OLDER"] });
  });

  test("@oneOf: minProperties and maxProperties 1, no required fields, and the description says exactly one of which", () => {
    expect(property(tool(result, "widget"), "key")).toEqual({
      type: "object",
      description: "Identifies one widget. Give exactly one of: id, sku.",
      properties: { id: { type: "string", description: "The widget's id." }, sku: { type: "string", description: "The stock keeping unit." } },
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
    });
  });

  // The argument's own description must not wipe out what the generator adds for the model: which fields a @oneOf
  // input takes exactly one of.
  test("@oneOf: an argument with a description keeps the 'exactly one of' text", () => {
    const key = property(tool(result, "widget_by"), "key");
    expect(key).toMatchObject({ minProperties: 1, maxProperties: 1 });
    expect(key.description).toMatch(/Which widget: by id or by sku\./);
    expect(key.description).toMatch(/exactly one of: id, sku/);
  });

  test("a custom scalar is a string that names the scalar and its description", () => {
    expect(property(widgets(), "since")).toEqual({ type: "string", description: "GraphQL scalar DateTime: When something happened, ISO 8601." });
    expect(property(widgets(), "price")).toEqual({ type: "string", description: "GraphQL scalar Money" });
  });

  // Same rule: the argument's description must not hide that the value is a DateTime.
  test("a custom scalar argument with a description still names the scalar", () => {
    const schema = property(widgets(), "updatedSince");
    expect(schema.type).toBe("string");
    expect(schema.description).toMatch(/Only widgets updated after this\./);
    expect(schema.description).toMatch(/DateTime/);
  });

  // An ID is a string on the wire even when it looks like a number; graphql-js prints such a default as an Int
  // literal, which must not turn the JSON default into a number under `type: "string"`.
  test("an ID default that looks like a number stays a string, in arguments, input fields and operation variables", async () => {
    const sdl = 'input Ref { id: ID = "7" }\ntype Query { node(id: ID = "123", ref: Ref): Int }\n';
    const result = ok(await buildApp({ "schema.graphql": sdl, "ops/a.graphql": 'query ById($id: ID = "42") { node(id: $id) }\n' }));
    expect(property(tool(result, "node"), "id")).toEqual({ type: "string", default: "123" });
    expect((property(tool(result, "node"), "ref").properties as Record<string, JsonSchema>).id).toEqual({ type: "string", default: "7" });
    const ops = ok(await buildApp({ "schema.graphql": sdl, "ops/a.graphql": 'query ById($id: ID = "42") { node(id: $id) }\n' }, "operations: ops/*.graphql"));
    expect(property(tool(ops, "by_id"), "id")).toEqual({ type: "string", default: "42" });
  });

  test("scalars: in gateway.yaml gives a custom scalar's schema, in arguments and in the output schema", async () => {
    const configured = ok(await buildApp({ "schema.graphql": INPUTS_SDL }, "scalars:\n  DateTime: { type: string, format: date-time }\n  Money: { type: number, minimum: 0 }\noutput_schema: full"));
    const plan = tool(configured, "widgets");
    expect(property(plan, "since")).toEqual({ type: "string", format: "date-time" });
    expect(property(plan, "price")).toEqual({ type: "number", minimum: 0 });
    expect(property(plan, "updatedSince")).toMatchObject({ type: "string", format: "date-time", description: "Only widgets updated after this." });
    const item = (plan.outputSchema?.properties as Record<string, JsonSchema>).widgets!.items as JsonSchema;
    const fields = item.properties as Record<string, JsonSchema>;
    expect(fields.createdAt).toEqual({ type: ["string", "null"], format: "date-time" });
    expect(fields.price).toEqual({ type: ["number", "null"], minimum: 0 });
    // Without the config an unknown scalar's output is left untyped: the server decides its shape.
    const plain = (tool(result, "widgets").outputSchema?.properties as Record<string, JsonSchema>).widgets!.items as JsonSchema;
    expect((plain.properties as Record<string, JsonSchema>).createdAt).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------------------------

const DEPTH_SDL = `
type Query { org(login: String!): Org }
type Org { login: String! name: String owner: User }
type User { login: String! profile: Profile }
type Profile { bio: String address: Address }
type Address { city: String }
`;

const CONNECTIONS_SDL = `
type Query {
  repos(first: Int, after: String): RepoConnection!
  issues(first: Int, after: String): IssueConnection!
  org(login: String!): Org
}
type Org {
  login: String!
  repos(first: Int, after: String): RepoConnection!
  pinned: PinnedConnection
}
type PageInfo { hasNextPage: Boolean! endCursor: String hasPreviousPage: Boolean! startCursor: String }
type RepoConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Repo] edges: [RepoEdge] }
type RepoEdge { cursor: String! node: Repo }
type Repo { name: String! stars(first: Int): StargazerConnection! owner: Owner }
type Owner { login: String }
type StargazerConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Owner!]! }
type IssueConnection { pageInfo: PageInfo! edges: [IssueEdge!]! }
type IssueEdge { cursor: String! node: Issue! }
type Issue { title: String! labels(first: Int): LabelConnection }
type LabelConnection { edges: [LabelEdge] }
type LabelEdge { node: Label }
type Label { name: String }
type PinnedConnection { nodes: [Repo!]! }
`;

const SELECTION_SDL = `
type Query {
  user(id: ID!): User
  search(q: String!): [Result!]!
  item: Item
  count: Int!
  locked: Locked
  retired: Retired
  node(id: ID!): Node
}
interface Node { id: ID! }
type User implements Node {
  id: ID!
  friend: User
  team: Team
  avatar(size: Int! = 40): String
  member(login: String!): User
  posts(orderBy: String!): [String]
  legacy: String @deprecated(reason: "use id")
}
type Team { name: String lead: User }
union Result = Person | Company
type Person { name: String! email: String! tags: [String!] }
type Company { name: String! email: String tags: [String] }
type Item { a: Int b: Int c: Int d: Int e: Int sub: Sub }
type Sub { x: Int y: Int }
type Locked { secret(key: String!): String }
type Retired { old: String @deprecated(reason: "gone") }
`;

describe("root-field selection", () => {
  test.each([
    ["1", "selection: { depth: 1 }", "{ login name }", "owner"],
    ["2 (the default)", "", "{ login name owner { login } }", "owner.profile"],
    ["3", "selection: { depth: 3 }", "{ login name owner { login profile { bio } } }", "owner.profile.address"],
  ])("depth %s", async (_depth, app, selection, tooDeep) => {
    const plan = tool(ok(await buildApp({ "schema.graphql": DEPTH_SDL }, app)), "org");
    expect(documentOf(plan)).toBe(printed(`query Org($login: String!) { org(login: $login) ${selection} }`));
    expect(plan.description).toMatch(new RegExp(`not selected: 1 objects nested deeper than \\d \\(${tooDeep.replace(/\./g, "\\.")}\\)\\.$`));
  });

  test("cycles are cut whatever the depth", async () => {
    const plan = tool(ok(await buildApp({ "schema.graphql": SELECTION_SDL }, "selection: { depth: 5 }")), "user");
    // User → friend: User and Team → lead: User are cycles; avatar's required argument has a default.
    expect(documentOf(plan)).toBe(printed("query User($id: ID!) { user(id: $id) { id team { name } avatar } }"));
    expect(plan.description).toContain("2 objects nested deeper than 5 (friend, team.lead)");
  });

  describe("connections", () => {
    let result: BuildResult;

    test("a root connection: totalCount and pageInfo at the root, items through nodes", async () => {
      result = ok(await buildApp({ "schema.graphql": CONNECTIONS_SDL }));
      expect(documentOf(tool(result, "repos"))).toBe(
        printed("query Repos($first: Int, $after: String) { repos(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }"),
      );
    });

    test("a root connection without nodes: items through edges { node }", () => {
      expect(documentOf(tool(result, "issues"))).toBe(
        printed("query Issues($first: Int, $after: String) { issues(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { title } } } }"),
      );
    });

    test("a nested connection asks for (first: 10), has no pageInfo, and costs no level of its own", () => {
      // pinned has no `first` argument: nothing is added to it.
      expect(documentOf(tool(result, "org"))).toBe(
        printed("query Org($login: String!) { org(login: $login) { login repos(first: 10) { totalCount nodes { name } } pinned { nodes { name } } } }"),
      );
    });

    test("a nested connection whose `first` takes no Int gets no page size, and the root field keeps its tool", async () => {
      const sdl = "type Repo { name: String }\ntype RepoConnection { nodes: [Repo] }\ntype Org { login: String repos(first: String, tag: String): RepoConnection }\ntype Query { org: Org }\n";
      const built = ok(await buildApp({ "schema.graphql": sdl }));
      expect(built.diagnostics.filter((d) => d.code === "GW256").map((d) => d.message)).toEqual([]);
      expect(documentOf(tool(built, "org"))).toBe(printed("query Org { org { login repos { nodes { name } } } }"));
    });

    test("depth 3: connections nested in connection items, through nodes and through edges", async () => {
      const deep = ok(await buildApp({ "schema.graphql": CONNECTIONS_SDL }, "selection: { depth: 3 }"));
      expect(documentOf(tool(deep, "repos"))).toBe(
        printed(
          "query Repos($first: Int, $after: String) { repos(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name stars(first: 10) { totalCount nodes { login } } owner { login } } } }",
        ),
      );
      expect(documentOf(tool(deep, "issues"))).toBe(
        printed(
          "query Issues($first: Int, $after: String) { issues(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { title labels(first: 10) { edges { node { name } } } } } } }",
        ),
      );
    });
  });

  describe("skipped fields", () => {
    let result: BuildResult;

    test("fields with required arguments (no default) and deprecated fields are not selected; the description names the former", async () => {
      result = ok(await buildApp({ "schema.graphql": SELECTION_SDL }));
      const plan = tool(result, "user");
      expect(documentOf(plan)).toBe(printed("query User($id: ID!) { user(id: $id) { id team { name } avatar } }"));
      expect(plan.description).toBe("User. Selects 3 fields; not selected: 2 objects nested deeper than 2 (friend, team.lead), 2 needing arguments (member, posts).");
    });

    test("an object with nothing selectable still gets a valid selection ({ __typename })", () => {
      expect(documentOf(tool(result, "locked"))).toBe(printed("query Locked { locked { __typename } }"));
      expect(tool(result, "locked").description).toContain("1 needing arguments (secret)");
    });

    // Nothing is selectable and nothing was left out: the type is still an object and needs a selection set.
    test("an object whose every field is deprecated still gets a valid selection ({ __typename }), not GW256", () => {
      expect(result.diagnostics.filter((d) => d.code === "GW256").map((d) => d.message)).toEqual([]);
      expect(documentOf(tool(result, "retired"))).toBe(printed("query Retired { retired { __typename } }"));
    });

    test("a root field of a leaf type has no selection set", () => {
      expect(documentOf(tool(result, "count"))).toBe(printed("query Count { count }"));
      expect(tool(result, "count")).toMatchObject({ title: "Count", description: "Count" });
    });

    test("an interface: __typename and the interface's fields", () => {
      expect(documentOf(tool(result, "node"))).toBe(printed("query Node($id: ID!) { node(id: $id) { __typename id } }"));
    });

    test("union members whose fields share a name with another type: the first member keeps the name, the document validates", () => {
      const plan = tool(result, "search");
      expect(documentOf(plan)).toBe(
        printed("query Search($q: String!) { search(q: $q) { __typename ... on Person { name email tags } ... on Company { name } } }"),
      );
      expect(validate(buildSchema(SELECTION_SDL), parse(documentOf(plan)))).toEqual([]);
      expect(result.diagnostics.filter((d) => d.code === "GW256" && d.pointer === "Query.search")).toEqual([]);
    });

    test("every document made from a root field validates against the schema", () => {
      const schema = buildSchema(SELECTION_SDL);
      for (const plan of result.plans) expect(validate(schema, parse(documentOf(plan))).map((e) => `${plan.name}: ${e.message}`)).toEqual([]);
    });
  });

  test("a Query and a Mutation field of one name: two tools whose operations share a name, each valid alone, no GW256", async () => {
    const sdl = "type Item { id: ID! }\ntype Query { item(id: ID!): Item }\ntype Mutation { item(id: ID!): Item }\n";
    const result = ok(await buildApp({ "schema.graphql": sdl }));
    expect(result.diagnostics.filter((d) => d.code === "GW256")).toEqual([]);
    expect(result.plans.map((p) => [p.source.pointer, documentOf(p)])).toEqual([
      ["Query.item", printed("query Item($id: ID!) { item(id: $id) { id } }")],
      ["Mutation.item", printed("mutation Item($id: ID!) { item(id: $id) { id } }")],
    ]);
    expect(new Set(result.plans.map((p) => p.name)).size).toBe(2);
  });

  test("max_fields: the shallowest fields fill the budget; the description says how many were left out and which", async () => {
    const result = ok(await buildApp({ "schema.graphql": SELECTION_SDL }, "selection: { max_fields: 3 }"));
    const plan = tool(result, "item");
    expect(documentOf(plan)).toBe(printed("query Item { item { a b c } }"));
    expect(plan.description).toBe("Item. Selects 3 fields; not selected: 4 over the size budget (d, e, sub.x, …).");
  });

  test("the deprecation comes first, then the field's description", async () => {
    const sdl = 'type Query {\n  """Look a thing up.\n  By its id."""\n  thing(id: ID!): Int @deprecated(reason: "Use `things`.")\n}\n';
    const plan = tool(ok(await buildApp({ "schema.graphql": sdl })), "thing");
    expect(plan.description).toBe("Deprecated (Use `things`): Look a thing up. By its id.");
  });
});

// ---------------------------------------------------------------------------------------------------------------

const MUTATIONS = {
  deleteWidget: true,
  DeleteWidget: true,
  delete_widget: true,
  delete: true,
  delete2FA: true,
  removeMember: true,
  cancelOrder: true,
  destroyAll: true,
  revokeToken: true,
  archiveProject: true,
  deletedItems: false,
  archiveds: false,
  removal: false,
  cancellation: false,
  undeleteWidget: false,
  unarchiveProject: false,
  updateWidget: false,
  createWidget: false,
};

const HINTS_SDL = `
type Query { deleteThing: Int things: [Int] }
type Mutation {
${Object.keys(MUTATIONS).map((name) => `  ${name}: Boolean`).join("\n")}
}
`;

describe("annotations", () => {
  let result: BuildResult;
  const byField = (field: string) => result.plans.find((p) => p.source.pointer === `Mutation.${field}`)!;

  test("queries are read-only and idempotent, whatever their name", async () => {
    result = ok(await buildApp({ "schema.graphql": HINTS_SDL }));
    expect(tool(result, "things").annotations).toEqual(QUERY_HINTS);
    expect(result.plans.find((p) => p.source.pointer === "Query.deleteThing")!.annotations).toEqual(QUERY_HINTS);
  });

  test.each(Object.entries(MUTATIONS))("mutation %s: destructive %s", (field, destructive) => {
    expect(byField(field).annotations).toEqual({ ...MUTATION_HINTS, destructiveHint: destructive });
  });

  test("a tools: annotation in gateway.yaml wins over the rule, by field name or coordinate", async () => {
    const app = "tools:\n  deleteWidget: { annotations: { destructiveHint: false } }\n  Mutation.updateWidget: { annotations: { idempotentHint: true } }";
    const overridden = ok(await buildApp({ "schema.graphql": HINTS_SDL }, app));
    const plan = (field: string) => overridden.plans.find((p) => p.source.pointer === `Mutation.${field}`)!;
    expect(plan("deleteWidget").annotations).toEqual(MUTATION_HINTS);
    expect(plan("updateWidget").annotations).toEqual({ ...MUTATION_HINTS, idempotentHint: true });
    // Turning a destructive rule off is allowed, and said.
    expect(overridden.diagnostics.filter((d) => d.code === "GW320").map((d) => d.message)).toEqual([`tool "${plan("deleteWidget").name}": a mutation named "DeleteWidget" is marked destructiveHint: false`]);
  });

  test("an operation is destructive when its own name or a root field it calls is", async () => {
    const result = ok(
      await buildApp(
        {
          "schema.graphql": HINTS_SDL,
          "ops/a.graphql": "mutation Tidy { deleteWidget }\nmutation RemoveOld { updateWidget }\nmutation Save { updateWidget createWidget }\nquery DeleteView { things }\n",
        },
        "operations: ops/*.graphql",
      ),
    );
    expect(tool(result, "tidy").annotations.destructiveHint).toBe(true);
    expect(tool(result, "remove_old").annotations.destructiveHint).toBe(true);
    expect(tool(result, "save").annotations).toEqual(MUTATION_HINTS);
    expect(tool(result, "delete_view").annotations).toEqual(QUERY_HINTS);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const SHOP_SDL = `
"""Identifies one widget."""
input WidgetKey @oneOf { id: ID sku: String }
input WidgetInput {
  """Shown to shoppers."""
  name: String!
  """In cents."""
  price: Int
}
type Widget { id: ID! name: String! price: Int maker: Maker }
type Maker { name: String! country: String }
type Query {
  """One widget."""
  widget("""Which widget."""key: WidgetKey!): Widget
  widgets("""How many.""" first: Int = 10): [Widget!]!
}
type Mutation {
  createWidget("""The widget to add.""" input: WidgetInput!): Widget
  deleteWidget("""The id of the widget to delete.""" id: ID!): Boolean
}
type Subscription { widgetAdded: Widget }
`;

const FRAGMENTS = `# Shared by every document.
fragment Zeta on Widget {
  id
  ...Alpha
}

fragment Alpha on Widget {
  name
}

fragment MakerParts on Maker {
  name
}

fragment Unused on Widget {
  price
}
`;

const OPERATIONS = `# Get one widget.
# By id or sku.
query GetWidget($key: WidgetKey!) {
  widget(key: $key) {
    ...Zeta
  }
}

query ListWidgets($first: Int = 20) {
  widgets(first: $first) {
    ...Alpha
    maker {
      ...MakerParts
    }
  }
}

# Not this one: a blank line stands between.

mutation AddWidget($name: String!, $price: Int) {
  createWidget(input: { name: $name, price: $price }) {
    id
  }
}
`;

describe("operations mode", () => {
  let result: BuildResult;
  const ops = (files: Record<string, string>, app = "operations: ops/*.graphql") => buildApp({ "schema.graphql": SHOP_SDL, ...files }, app);
  const load = (files: Record<string, string>, app = "operations: ops/*.graphql") => loadApp({ "schema.graphql": SHOP_SDL, ...files }, app);

  test("one tool per named operation, named after it, not one per root field", async () => {
    result = ok(await ops({ "ops/fragments.graphql": FRAGMENTS, "ops/widgets.graphql": OPERATIONS }));
    expect(result.plans.map((p) => [p.name, p.source.file, p.source.pointer, (p.request as GraphqlRequestPlan).operationName])).toEqual([
      ["add_widget", "ops/widgets.graphql", "AddWidget", "AddWidget"],
      ["get_widget", "ops/widgets.graphql", "GetWidget", "GetWidget"],
      ["list_widgets", "ops/widgets.graphql", "ListWidgets", "ListWidgets"],
    ]);
    expect(tool(result, "add_widget").annotations).toEqual(MUTATION_HINTS);
    expect(tool(result, "get_widget").annotations).toEqual(QUERY_HINTS);
  });

  test("fragments come from any file: the document holds the operation, then exactly the fragments it uses, sorted", () => {
    expect(documentOf(tool(result, "get_widget"))).toBe(printed("query GetWidget($key: WidgetKey!) { widget(key: $key) { ...Zeta } } fragment Alpha on Widget { name } fragment Zeta on Widget { id ...Alpha }"));
    expect(documentOf(tool(result, "list_widgets"))).toBe(
      printed("query ListWidgets($first: Int = 20) { widgets(first: $first) { ...Alpha maker { ...MakerParts } } } fragment Alpha on Widget { name } fragment MakerParts on Maker { name }"),
    );
    expect(documentOf(tool(result, "add_widget"))).not.toContain("fragment");
  });

  test("the # comment lines right above an operation are its description; otherwise the operation says what it calls", () => {
    expect(tool(result, "get_widget").description).toBe("Get one widget. By id or sku.");
    expect(tool(result, "list_widgets").description).toBe("GraphQL query ListWidgets (widgets)");
    expect(tool(result, "add_widget").description).toBe("GraphQL mutation AddWidget (createWidget)");
  });

  test("variables are the arguments: type, required, default, and the description of the argument they feed", () => {
    expect(inputSchemaOf(tool(result, "get_widget"))).toMatchObject({ required: ["key"], properties: { key: { minProperties: 1, maxProperties: 1, description: expect.stringMatching(/^Which widget\./) } } });
    expect(property(tool(result, "list_widgets"), "first")).toEqual({ type: "integer", description: "How many.", default: 20 });
    expect(inputSchemaOf(tool(result, "list_widgets")).required).toBeUndefined();
  });

  // `createWidget(input: { name: $name })`: $name feeds the input field `name`, whose description says what it is;
  // the enclosing argument's ("The widget to add.") describes the whole object, not this value.
  test("a variable inside an inline input object gets the input field's description", () => {
    const plan = tool(result, "add_widget");
    expect(inputSchemaOf(plan).required).toEqual(["name"]);
    expect(property(plan, "name")).toEqual({ type: "string", description: "Shown to shoppers." });
    expect(property(plan, "price")).toEqual({ type: "integer", description: "In cents." });
  });

  test("an operation that does not validate: GW257 at the file, line and column of the offending token; the others still become tools", async () => {
    const bad = "query Good { widgets { id } }\n\nquery Bad {\n  widgets {\n    id\n      qqq\n  }\n}\n";
    const loaded = await load({ "ops/a.graphql": bad });
    expect(errors(loaded)).toEqual(['GW257 ops/a.graphql:6:7 invalid against the schema of app "shop": Cannot query field "qqq" on type "Widget".']);
    expect(loaded.drafts.map((d) => d.source.pointer)).toEqual(["Good"]);
    const built = await ops({ "ops/a.graphql": bad });
    expect(built.files).toEqual([]);
  });

  test("a missing required argument and a wrong variable type are GW257 where they are written", async () => {
    const text = "query A {\n  widget { id }\n}\nquery B($n: String) {\n  widgets(first: $n) { id }\n}\n";
    const loaded = await load({ "ops/b.graphql": text });
    expect(loaded.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual(["GW257 ops/b.graphql:2:3", "GW257 ops/b.graphql:4:9"]);
    expect(loaded.drafts).toEqual([]);
  });

  test("a fragment that does not validate drops every operation that uses it", async () => {
    const loaded = await load({ "ops/f.graphql": "fragment Bad on Widget { qqq }\n", "ops/q.graphql": "query Uses { widgets { ...Bad } }\nquery Fine { widgets { id } }\n" });
    expect(errors(loaded)).toEqual(['GW257 ops/f.graphql:1:26 invalid against the schema of app "shop": Cannot query field "qqq" on type "Widget".']);
    expect(loaded.drafts.map((d) => d.source.pointer)).toEqual(["Fine"]);
  });

  test("a syntax error: GW257 at its line and column, the other files still read", async () => {
    const loaded = await load({ "ops/a.graphql": "query Fine { widgets { id } }\n", "ops/b.graphql": "query Broken {\n  widget(key: ) { id }\n}\n" });
    expect(errors(loaded)).toEqual(["GW257 ops/b.graphql:2:15 GraphQL syntax error: Unexpected \")\"."]);
    expect(loaded.drafts.map((d) => d.source.pointer)).toEqual(["Fine"]);
  });

  test("an anonymous operation is GW258", async () => {
    for (const text of ["{ widgets { id } }\n", "# no name\nmutation ($id: ID!) { deleteWidget(id: $id) }\n"]) {
      const loaded = await load({ "ops/a.graphql": text });
      expect(loaded.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([`error GW258 ops/a.graphql:${text.startsWith("#") ? 2 : 1}:1`]);
      expect(loaded.diagnostics[0]!.message).toMatch(/^anonymous (query|mutation): a tool needs a name$/);
    }
  });

  test("two operations with one name across files: GW258 at the second, naming the first", async () => {
    const loaded = await load({ "ops/a.graphql": "query Same { widgets { id } }\n", "ops/b.graphql": "\n\n  query Same { widgets { name } }\n" });
    expect(errors(loaded)).toEqual(["GW258 ops/b.graphql:3:3 operation Same is defined twice; the first is at ops/a.graphql:1:1"]);
    expect(loaded.drafts.map((d) => d.source.file)).toEqual(["ops/a.graphql"]);
  });

  test("two fragments with one name across files: GW258 at the second, naming the first", async () => {
    const loaded = await load({
      "ops/a.graphql": "fragment F on Widget { id }\nquery Q { widgets { ...F } }\n",
      "ops/b.graphql": "# again\nfragment F on Widget { name }\n",
    });
    expect(errors(loaded)).toEqual(["GW258 ops/b.graphql:2:1 fragment F is defined twice; the first is at ops/a.graphql:1:1"]);
  });

  test("a subscription is GW259, a warning, and skipped", async () => {
    const built = ok(await ops({ "ops/a.graphql": "subscription OnAdd { widgetAdded { id } }\nquery Q { widgets { id } }\n" }));
    expect(built.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual(["warning GW259 ops/a.graphql:1:1"]);
    expect(built.plans.map((p) => p.name)).toEqual(["q"]);
  });

  test("a type definition in an operation document is GW257", async () => {
    const loaded = await load({ "ops/a.graphql": "query Q { widgets { id } }\n\ntype Extra { id: ID }\n" });
    expect(loaded.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual(["GW257 ops/a.graphql:3:1"]);
  });

  test("documents with fragments only: GW255, no tools", async () => {
    const built = await ops({ "ops/a.graphql": "fragment F on Widget { id }\n" });
    expect(built.diagnostics.map((d) => `${d.severity} ${d.code}`)).toContain("warning GW255");
    expect(built.plans).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const SMALL_SDL = `
"""A widget."""
type Widget { id: ID! name: String }
type Query {
  """One widget."""
  widget(id: ID!): Widget
  widgets(first: Int = 5): [Widget]
}
type Mutation { createWidget(name: String!): Widget deleteWidget(id: ID!): Boolean }
`;

describe("schema loading and repair", () => {
  test("a field defined twice: GW254 names Type.field and its line, the first definition is kept, the rest is built", async () => {
    const sdl = "type Widget {\n  id: ID!\n  name: String\n  name: Int\n}\ntype Query { widget: Widget }\n";
    const result = ok(await buildApp({ "schema.graphql": sdl }, "output_schema: full"));
    const warnings = result.diagnostics.filter((d) => d.code === "GW254");
    expect(warnings.map((d) => `${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual(["warning schema.graphql:4:3"]);
    expect(warnings[0]!.message).toContain("Widget.name (line 4): defined more than once; the first definition is kept");
    expect(documentOf(tool(result, "widget"))).toBe(printed("query Widget { widget { id name } }"));
    expect((tool(result, "widget").outputSchema?.properties as Record<string, JsonSchema>).widget).toMatchObject({ properties: { name: { type: ["string", "null"] } } });
  });

  test("a field whose type does not exist is dropped with a GW254 warning; its type and the other fields stay", async () => {
    const sdl = "type Widget {\n  id: ID!\n  maker: Maker\n  name: String\n}\ntype Query {\n  widget: Widget\n  broken(id: ID!): Missing\n  count: Int\n}\n";
    const result = ok(await buildApp({ "schema.graphql": sdl }));
    const warnings = result.diagnostics.filter((d) => d.code === "GW254");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/2 parts skipped/);
    expect(warnings[0]!.message).toContain("Widget.maker (line 3): Unknown type \"Maker\".");
    expect(warnings[0]!.message).toContain("Query.broken (line 8): Unknown type \"Missing\".");
    expect(result.plans.map((p) => p.name)).toEqual(["count", "widget"]);
    expect(documentOf(tool(result, "widget"))).toBe(printed("query Widget { widget { id name } }"));
  });

  test("a type that does not match its interface loses its `implements`, not the interface the others share", async () => {
    const sdl = [
      "interface Node {\n  id: ID!\n}",
      "type Widget implements Node {\n  id: ID!\n  name: String\n}",
      "type Gadget implements Node {\n  id: String\n  size: Int\n}",
      "type Query {\n  node(id: ID!): Node\n  gadget: Gadget\n}",
    ].join("\n");
    const result = ok(await buildApp({ "schema.graphql": sdl }));
    const warnings = result.diagnostics.filter((d) => d.code === "GW254");
    expect(warnings.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'schema.graphql:8:24 GraphQL schema of app "shop": 1 part skipped, the rest is used — Gadget implements Node (line 8): Interface field Node.id expects type ID! but Gadget.id is type String.',
    ]);
    expect(documentOf(tool(result, "node"))).toBe(printed("query Node($id: ID!) { node(id: $id) { __typename id } }"));
    expect(documentOf(tool(result, "gadget"))).toBe(printed("query Gadget { gadget { id size } }"));
  });

  test("an argument whose type does not exist is dropped; the field stays", async () => {
    const result = ok(await buildApp({ "schema.graphql": "type Query { widgets(filter: Missing, first: Int): [Int] }\n" }));
    expect(result.diagnostics.filter((d) => d.code === "GW254")[0]!.message).toContain("Query.widgets(filter:)");
    expect(tool(result, "widgets").args.map((a) => a.name)).toEqual(["first"]);
  });

  const sdlTools = async () => ok(await buildApp({ "schema.graphql": SMALL_SDL })).plans;
  const same = (plans: ToolPlan[]) => plans.map((p) => [p.name, p.description, documentOf(p), inputSchemaOf(p), p.annotations]);

  test.each([
    ["bare __schema", (json: object) => json],
    ["{ data: { __schema } }", (json: object) => ({ data: json })],
  ])("introspection JSON, %s: the same tools as the SDL", async (_shape, wrap) => {
    const json = JSON.stringify(wrap(introspectionFromSchema(buildSchema(SMALL_SDL))), null, 2);
    const result = ok(await buildApp({ "schema.json": json }));
    expect(result.diagnostics).toEqual([]);
    expect(same(result.plans)).toEqual(same(await sdlTools()));
    expect(result.plans.every((p) => p.source.file === "schema.json")).toBe(true);
  });

  test("introspection JSON listing a field twice: GW254, the first kept", async () => {
    const json = introspectionFromSchema(buildSchema(SMALL_SDL)) as unknown as { __schema: { types: { name: string; fields: unknown[] | null }[] } };
    const widget = json.__schema.types.find((t) => t.name === "Widget")!;
    widget.fields = [...widget.fields!, { ...(widget.fields![1] as object), type: { kind: "SCALAR", name: "Int", ofType: null } }];
    const result = ok(await buildApp({ "schema.json": JSON.stringify(json) }));
    const warning = result.diagnostics.find((d) => d.code === "GW254")!;
    expect(warning).toMatchObject({ severity: "warning", file: "schema.json" });
    expect(warning.line).toBeUndefined();
    expect(warning.message).toContain("Widget.name: listed more than once; the first is kept");
    expect(documentOf(tool(result, "widget"))).toBe(printed("query Widget($id: ID!) { widget(id: $id) { id name } }"));
  });

  describe("introspection JSON graphql-js refuses outright", () => {
    const sdl = `
      interface Node { id: ID! }
      type Maker { name: String }
      union Found = Widget | Maker
      input Filter { name: String }
      type Widget implements Node { id: ID! name: String maker: Maker }
      type Query {
        widget(id: ID!, size: Int = 3): Widget
        widgets(filter: Filter, first: Int): [Widget]
        find(text: String): [Found]
        count: Int
      }
    `;
    type Introspected = { __schema: { types: Record<string, unknown>[]; directives: Record<string, unknown>[] } };
    const broken = (edit: (types: (name: string) => Record<string, unknown>, json: Introspected) => void): Introspected => {
      const json = structuredClone(introspectionFromSchema(buildSchema(sdl))) as unknown as Introspected;
      edit((name) => json.__schema.types.find((t) => t.name === name)!, json);
      return json;
    };
    const warningOf = (result: { diagnostics: Diagnostic[] }) => result.diagnostics.filter((d) => d.code === "GW254").map((d) => `${d.severity} ${d.file} ${d.message}`);

    test("a type the result does not list: the members that use it are dropped and named, the rest builds", async () => {
      const json = broken((type, all) => {
        all.__schema.types = all.__schema.types.filter((t) => t.name !== "Maker" && t.name !== "Filter");
        type("Found").possibleTypes = [{ kind: "OBJECT", name: "Widget", ofType: null }, { kind: "OBJECT", name: "Maker", ofType: null }];
      });
      expect(() => buildClientSchema(json as never)).toThrow(/unknown type: (Maker|Filter)/);
      const result = ok(await buildApp({ "schema.json": JSON.stringify(json) }));
      expect(warningOf(result)).toEqual([
        'warning schema.json GraphQL schema of app "shop": 3 parts skipped, the rest is used — ' +
          'Found member Maker: its type "Maker" is not in the introspection; Widget.maker: its type "Maker" is not in the introspection; ' +
          'Query.widgets(filter:): its type "Filter" is not in the introspection',
      ]);
      expect(result.plans.map((p) => p.name)).toEqual(["count", "find", "widget", "widgets"]);
      expect(documentOf(tool(result, "widget"))).toBe(printed("query Widget($id: ID!, $size: Int = 3) { widget(id: $id, size: $size) { id name } }"));
      expect(tool(result, "widgets").args.map((a) => a.name)).toEqual(["first"]);
    });

    test("built-in scalars the dump leaves out are put back: the same tools as the SDL, no warning", async () => {
      const json = broken((_type, all) => {
        all.__schema.types = all.__schema.types.filter((t) => !["String", "Boolean", "ID", "Int"].includes(t.name as string));
      });
      expect(() => buildClientSchema(json as never)).toThrow(/unknown type: (String|Boolean|ID|Int)/);
      const result = ok(await buildApp({ "schema.json": JSON.stringify(json) }));
      expect(result.diagnostics).toEqual([]);
      const fromSdl = ok(await buildApp({ "schema.graphql": sdl }));
      expect(result.plans.map((p) => [p.name, documentOf(p), inputSchemaOf(p)])).toEqual(fromSdl.plans.map((p) => [p.name, documentOf(p), inputSchemaOf(p)]));
    });

    test("a result graphql-js reads but finds invalid goes through the SDL repair: the breaking part named, the rest built", async () => {
      const json = broken((type) => {
        // Widget still says it implements Node, but no longer has Node's `id`.
        type("Widget").fields = (type("Widget").fields as { name: string }[]).filter((f) => f.name !== "id");
      });
      expect(() => buildClientSchema(json as never)).not.toThrow();
      const result = ok(await buildApp({ "schema.json": JSON.stringify(json) }));
      // The fault is Widget's: its claim to implement Node goes; Node, Widget and every tool returning them stay.
      expect(warningOf(result)).toEqual([
        'warning schema.json GraphQL schema of app "shop": 1 part skipped, the rest is used — Widget implements Node: Interface field Node.id expected but Widget does not provide it.',
      ]);
      expect(result.plans.map((p) => p.name)).toEqual(["count", "find", "widget", "widgets"]);
      expect(documentOf(tool(result, "widget"))).toBe(printed("query Widget($id: ID!, $size: Int = 3) { widget(id: $id, size: $size) { name maker { name } } }"));
    });

    test("member lists left out, a default that does not parse, a directive without locations, an object without interfaces", async () => {
      const json = broken((type, all) => {
        delete type("Found").possibleTypes;
        delete type("Maker").interfaces;
        const widget = type("Query").fields as { name: string; args: { name: string; defaultValue: string | null }[] }[];
        widget.find((f) => f.name === "widget")!.args.find((a) => a.name === "size")!.defaultValue = "3 +";
        (type("Widget").fields as { name: string; args?: unknown }[]).find((f) => f.name === "maker")!.args = undefined;
        all.__schema.directives = [...all.__schema.directives, { name: "cached", args: [], isRepeatable: false }];
      });
      expect(() => buildClientSchema(json as never)).toThrow();
      const result = ok(await buildApp({ "schema.json": JSON.stringify(json) }));
      const [warning] = warningOf(result);
      expect(warning).toContain("5 parts skipped");
      for (const part of [
        "Found: the introspection leaves out its `possibleTypes`",
        'Query.find: its type "Found" is skipped',
        "Widget.maker: the introspection leaves out its `args`",
        'Query.widget(size:) default: default value "3 +" does not parse; the argument is kept without it',
        "@cached: the introspection leaves out its name, `locations` or `args`",
      ]) {
        expect(warning).toContain(part);
      }
      expect(result.plans.map((p) => p.name)).toEqual(["count", "widget", "widgets"]);
      expect(documentOf(tool(result, "widget"))).toBe(printed("query Widget($id: ID!, $size: Int) { widget(id: $id, size: $size) { id name } }"));
    });
  });

  test("JSON without __schema: GW252", async () => {
    const result = await buildApp({ "schema.json": JSON.stringify({ data: { types: [] } }) });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}`)).toEqual(["error GW252 schema.json"]);
    expect(result.files).toEqual([]);
  });

  test("JSON that does not parse: GW251", async () => {
    const result = await buildApp({ "schema.json": '{ "__schema": ' });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}`)).toEqual(["error GW251 schema.json"]);
  });

  test("a schema file that cannot be read: GW250", async () => {
    const loaded = await loadApp({ "schema.graphql": SMALL_SDL }, "", (root) => rmSync(join(root, "schema.graphql")));
    expect(loaded.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}`)).toEqual(["error GW250 schema.graphql"]);
    expect(loaded.diagnostics[0]!.message).toBe('cannot read GraphQL schema of app "shop": no such file');
  });

  test("an SDL syntax error: GW251 at its line and column", async () => {
    const result = await buildApp({ "schema.graphql": "type Query {\n  widgets: [Int\n}\n" });
    expect(errors(result)).toEqual(['GW251 schema.graphql:3:1 GraphQL schema syntax error: Expected "]", found "}".']);
  });

  test("a schema without a Query type: GW253", async () => {
    const result = await buildApp({ "schema.graphql": "type Widget { id: ID }\n" });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(["error GW253"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("include, exclude and tools:", () => {
  test.each([
    ["a root-field glob", '["create*"]', ["create_widget"]],
    ["a coordinate glob", '["Mutation.*"]', ["create_widget", "delete_widget"]],
    ["a name and a coordinate", "[widget, Query.widgets]", ["widget", "widgets"]],
  ])("include by %s", async (_name, entries, names) => {
    const result = ok(await buildApp({ "schema.graphql": SMALL_SDL }, `include: { operations: ${entries} }`));
    expect(result.plans.map((p) => p.name)).toEqual(names);
  });

  test("exclude by root-field name and by Type.field coordinate", async () => {
    const result = ok(await buildApp({ "schema.graphql": SMALL_SDL }, "exclude: { operations: [deleteWidget, Query.widgets] }"));
    expect(result.plans.map((p) => p.name)).toEqual(["create_widget", "widget"]);
  });

  test("tools: sets name and description by field name, and by Query.field coordinate; hidden drops the tool", async () => {
    const app = "tools:\n  widget: { name: get_widget, description: Fetch one widget. }\n  Query.widgets: { description: Every widget. }\n  Mutation.deleteWidget: { hidden: true }";
    const result = ok(await buildApp({ "schema.graphql": SMALL_SDL }, app));
    expect(result.plans.map((p) => [p.name, p.description])).toEqual([
      ["create_widget", "Create widget"],
      ["get_widget", "Fetch one widget."],
      ["widgets", "Every widget."],
    ]);
  });

  test("operations mode: the key is the operation's name", async () => {
    const result = ok(
      await buildApp(
        { "schema.graphql": SHOP_SDL, "ops/a.graphql": "query One { widgets { id } }\nquery Two { widgets { name } }\n" },
        "operations: ops/*.graphql\ninclude: { operations: [T*] }\ntools:\n  Two: { name: second, description: The second. }",
      ),
    );
    expect(result.plans.map((p) => [p.name, p.description])).toEqual([["second", "The second."]]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("determinism", () => {
  test.each([
    ["root fields", { "schema.graphql": INPUTS_SDL }, ""],
    ["operations", { "schema.graphql": SHOP_SDL, "ops/fragments.graphql": FRAGMENTS, "ops/widgets.graphql": OPERATIONS }, "operations: ops/*.graphql"],
  ])("%s: two builds, in two folders, give byte-identical generated/ files", async (_name, files, app) => {
    const first = ok(await buildApp(files, app));
    const second = ok(await buildApp(files, app));
    expect(first.files.length).toBeGreaterThan(0);
    expect(second.files.map((f) => [f.path, f.contents])).toEqual(first.files.map((f) => [f.path, f.contents]));
  });
});
