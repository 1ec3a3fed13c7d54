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
    const ajv = new Ajv({ strict: true, strictRequired: false, discriminator: true, allErrors: true });
    ajv.addVocabulary(["patternErrorMessage"]);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  test("every object schema with properties forbids unknown keys", () => {
    const objects = nodes.filter(([, n]) => n.properties && typeof n.properties === "object");
    expect(objects.length).toBeGreaterThan(10);
    for (const [pointer, n] of objects) expect(n.additionalProperties, pointer).toBe(false);
  });

  test("every property is described (directly or through its $ref)", () => {
    for (const [pointer, n] of nodes) {
      if (!n.properties || pointer.includes("/oneOf/")) continue;
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
});
