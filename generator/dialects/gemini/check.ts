// Checks a schema against the Gemini API's documented Schema subset (rules.ts; docs/dialects.md#gemini).
import type { JsonSchema } from "../../../runtime/contract.js";
import type { Violation } from "../dialect.js";
import { propertiesOf, requiredOf, walkSchema } from "../schema-nodes.js";
import { GEMINI_FORMATS, GEMINI_KEYWORDS, GEMINI_TYPES } from "./rules.js";

export function checkGemini(schema: JsonSchema): Violation[] {
  const out: Violation[] = [];
  const add = (pointer: string, rule: string, message: string) => out.push({ pointer, rule, message });
  if (schema.type !== "object") add("", "root-object", 'the root must be `type: "object"`');
  walkSchema(schema, (node, pointer) => {
    for (const key of Object.keys(node)) if (!GEMINI_KEYWORDS.has(key)) add(pointer, "schema-fields", `\`${key}\` is not a field of the Gemini Schema`);
    const type = node.type;
    if (type !== undefined && (typeof type !== "string" || !GEMINI_TYPES.has(type))) add(pointer, "single-type", `\`type\` must be one of ${[...GEMINI_TYPES].join(", ")}, not ${JSON.stringify(type)}`);
    if (node.nullable !== undefined && typeof node.nullable !== "boolean") add(pointer, "nullable-boolean", "`nullable` must be a boolean");
    if (typeof node.format === "string" && !GEMINI_FORMATS[type as string]?.has(node.format)) add(pointer, "formats", `format "${node.format}" is not supported for type ${JSON.stringify(type)}`);
    if (node.enum !== undefined) {
      if (!Array.isArray(node.enum) || node.enum.some((v) => typeof v !== "string")) add(pointer, "string-enum", "`enum` must list strings");
      if (type !== "string") add(pointer, "string-enum", '`enum` is for `type: "string"`');
    }
    if (type === "array" && node.items === undefined) add(pointer, "array-items", "an array needs `items`");
    if (type === "object") {
      const keys = Object.keys(propertiesOf(node));
      if (keys.length === 0 && pointer !== "") add(pointer, "object-properties", "an object needs at least one property");
      for (const key of requiredOf(node)) if (!keys.includes(key)) add(pointer, "required-listed", `required "${key}" is not a property`);
    }
  });
  return out;
}
