// Checks a schema against OpenAI strict mode's documented rules (rules.ts; docs/dialects.md#openai-strict).
import type { JsonSchema } from "../../../runtime/contract.js";
import type { Violation } from "../dialect.js";
import { isSchema, propertiesOf, requiredOf, typesOf, walkSchema } from "../schema-nodes.js";
import { STRICT_FORMATS, STRICT_KEYWORDS, STRICT_LIMITS, STRICT_TYPES } from "./rules.js";

export function checkOpenAiStrict(schema: JsonSchema): Violation[] {
  const out: Violation[] = [];
  const add = (pointer: string, rule: string, message: string) => out.push({ pointer, rule, message });
  if (schema.type !== "object") add("", "root-object", 'the root must be `type: "object"`');
  if (schema.anyOf !== undefined) add("", "root-not-anyof", "the root must not be an anyOf");
  const defs = isSchema(schema.$defs) ? schema.$defs : {};
  let properties = 0;
  let enumValues = 0;
  let stringLength = Object.keys(defs).reduce((sum, key) => sum + key.length, 0);
  walkSchema(schema, (node, pointer, depth) => {
    for (const key of Object.keys(node)) {
      if (!STRICT_KEYWORDS.has(key)) add(pointer, "supported-keywords", `\`${key}\` is not a supported keyword`);
    }
    if (node.$defs !== undefined && pointer !== "") add(pointer, "defs-at-root", "`$defs` is only allowed at the root");
    if (typeof node.$ref === "string") {
      const target = node.$ref === "#" ? schema : node.$ref.startsWith("#/$defs/") ? defs[node.$ref.slice("#/$defs/".length)] : undefined;
      if (!isSchema(target)) add(pointer, "ref-resolves", `\`$ref\` "${node.$ref}" does not name the root or one of its $defs`);
    }
    const types = typesOf(node);
    if (types.length === 0 && node.anyOf === undefined && node.$ref === undefined && node.enum === undefined && node.const === undefined) {
      add(pointer, "typed", "every schema needs a type, an anyOf, a $ref, an enum or a const");
    }
    for (const type of types) if (!STRICT_TYPES.has(type)) add(pointer, "types", `type "${type}" is not supported`);
    if (typeof node.format === "string" && !STRICT_FORMATS.has(node.format)) add(pointer, "formats", `format "${node.format}" is not supported`);
    if (types.includes("object")) {
      if (node.additionalProperties !== false) add(pointer, "additional-properties-false", "an object must set `additionalProperties: false`");
      const required = new Set(requiredOf(node));
      const keys = Object.keys(propertiesOf(node));
      for (const key of keys) if (!required.has(key)) add(pointer, "all-required", `property "${key}" must be listed in \`required\` (make it nullable to let a model leave it out)`);
      properties += keys.length;
      stringLength += keys.reduce((sum, key) => sum + key.length, 0);
      // Reported once, at the first object too deep; those below it are too deep as well.
      if (depth === STRICT_LIMITS.depth) add(pointer, "max-depth", `objects nest more than ${STRICT_LIMITS.depth} levels deep (the root is level 1)`);
    }
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      const strings = node.enum.filter((v): v is string => typeof v === "string");
      const length = strings.reduce((sum, v) => sum + v.length, 0);
      stringLength += length;
      if (strings.length > STRICT_LIMITS.bigEnum && length > STRICT_LIMITS.bigEnumLength) {
        add(pointer, "big-enum-length", `an enum of ${strings.length} strings may hold ${STRICT_LIMITS.bigEnumLength} characters, not ${length}`);
      }
    }
    if (typeof node.const === "string") stringLength += node.const.length;
  });
  if (properties > STRICT_LIMITS.properties) add("", "max-properties", `${properties} object properties; at most ${STRICT_LIMITS.properties}`);
  if (enumValues > STRICT_LIMITS.enumValues) add("", "max-enum-values", `${enumValues} enum values; at most ${STRICT_LIMITS.enumValues}`);
  if (stringLength > STRICT_LIMITS.stringLength) add("", "max-string-length", `${stringLength} characters of names, enum and const values; at most ${STRICT_LIMITS.stringLength}`);
  return out;
}
