// schema/gateway.schema.json: compiles under ajv strict mode; strict and documented for editor completion.
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import schema from "../../../schema/gateway.schema.json" with { type: "json" };

type Node = Record<string, unknown>;

/** Every subschema with its JSON pointer. */
function walk(node: unknown, pointer: string, out: [string, Node][]): [string, Node][] {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${pointer}/${i}`, out));
  else if (node !== null && typeof node === "object") {
    out.push([pointer, node as Node]);
    for (const [k, v] of Object.entries(node)) if (k !== "examples" && k !== "default" && k !== "enum" && k !== "const") walk(v, `${pointer}/${k}`, out);
  }
  return out;
}

const nodes = walk(schema, "#", []);
const resolveRef = (ref: string): Node => ref.slice(2).split("/").reduce<any>((n, k) => n[k], schema);

describe("gateway.schema.json", () => {
  test("compiles with ajv in strict mode", () => {
    const ajv = new Ajv({ strict: true, strictRequired: false, discriminator: true, allErrors: true, allowUnionTypes: true });
    ajv.addVocabulary(["patternErrorMessage", "errorMessage"]);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  // A `then` adds rules to keys its parent declares (a graphql app may not set base_url); it declares none itself.
  const isRule = (pointer: string): boolean => pointer.includes("/then");
  // Nor does an `if` that tests them (forward's `from: header`).
  const isCondition = (pointer: string): boolean => /\/if(\/|$)/.test(pointer);

  test("every object schema with properties forbids unknown keys", () => {
    const objects = nodes.filter(([pointer, n]) => n.properties && typeof n.properties === "object" && !isRule(pointer) && !isCondition(pointer));
    expect(objects.length).toBeGreaterThan(10);
    for (const [pointer, n] of objects) expect(n.additionalProperties, pointer).toBe(false);
  });

  test("every property is described (directly or through its $ref)", () => {
    for (const [pointer, n] of nodes) {
      if (!n.properties || pointer.includes("/oneOf/") || isRule(pointer)) continue;
      for (const [key, prop] of Object.entries(n.properties as Record<string, Node>)) {
        const described = prop.description ?? (typeof prop.$ref === "string" ? resolveRef(prop.$ref).description : undefined);
        // discriminator tags (`type: { const }`) are described by their branch
        expect(described ?? (prop.const !== undefined ? "tag" : undefined), `${pointer}/properties/${key}`).toBeTruthy();
      }
    }
  });

  test("every pattern has a human message", () => {
    for (const [pointer, n] of nodes) if (typeof n.pattern === "string") expect(n.patternErrorMessage, pointer).toBeTruthy();
  });

  test("every key a `then` forbids (`not: {}`) says what to do instead, for editors and for GW110", () => {
    const forbidden = nodes.filter(([pointer, n]) => isRule(pointer) && n.not !== undefined);
    expect(forbidden.length).toBeGreaterThanOrEqual(7);
    for (const [pointer, n] of forbidden) expect(n.errorMessage, pointer).toMatch(/^(rename|remove) /);
  });

  test("every GraphQL app key is described with examples, for editor completion", () => {
    const app = schema.definitions.app.properties as Record<string, Node>;
    const selection = app.selection!.properties as Record<string, Node>;
    const keys: [string, Node][] = [
      ...["endpoint", "endpoint_env", "operations", "scalars", "selection"].map((k): [string, Node] => [k, app[k]!]),
      ...Object.entries(selection).map(([k, n]): [string, Node] => [`selection.${k}`, n]),
    ];
    for (const [key, prop] of keys) {
      expect(prop.description, key).toMatch(/\S/);
      expect(Array.isArray(prop.examples) && prop.examples.length > 0, key).toBe(true);
    }
  });
});
