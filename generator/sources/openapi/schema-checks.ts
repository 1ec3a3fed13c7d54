// Value checks for JSON Schema keywords, so every emitted schema compiles under ajv (2020-12).

const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/** A known JSON Schema type name (OpenAPI 2.0 `file` is handled by the caller). */
export function isJsonType(value: unknown): value is string {
  return typeof value === "string" && JSON_TYPES.has(value);
}

const patternCache = new Map<string, boolean>();

/** True when ajv can compile `pattern` (it uses `new RegExp(pattern, "u")`). */
export function isValidPattern(pattern: unknown): pattern is string {
  if (typeof pattern !== "string") return false;
  let ok = patternCache.get(pattern);
  if (ok === undefined) {
    try {
      new RegExp(pattern, "u");
      ok = true;
    } catch {
      ok = false;
    }
    if (patternCache.size < 10_000) patternCache.set(pattern, ok);
  }
  return ok;
}

/** Numeric keywords and what each accepts. */
export const NUMBER_KEYWORDS: Record<string, (v: number) => boolean> = {
  minimum: () => true,
  maximum: () => true,
  multipleOf: (v) => v > 0,
  minLength: isCount,
  maxLength: isCount,
  minItems: isCount,
  maxItems: isCount,
  minProperties: isCount,
  maxProperties: isCount,
};

function isCount(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

/** Keywords copied as they are when their value has the right JSON type. */
export const STRING_KEYWORDS = new Set(["title", "description", "format", "contentMediaType", "contentEncoding"]);
export const BOOLEAN_KEYWORDS = new Set(["uniqueItems", "deprecated"]);

/** Keywords that only annotate: kept beside a `$ref` (OpenAPI 3.0 ignores siblings of `$ref`, but these help a model). */
export const ANNOTATION_KEYWORDS = ["description", "title", "default", "deprecated"] as const;

/**
 * Keywords dropped without a word: they serve documentation or code generators, not a model or a validator.
 * Anything else unknown (`x-*` included) is dropped the same way.
 */
export const IGNORED_KEYWORDS = new Set([
  "example", "examples", "xml", "externalDocs", "discriminator", "readOnly", "writeOnly", "nullable",
  "x-nullable", "$schema", "$id", "$defs", "definitions", "$comment", "collectionFormat", "allowEmptyValue",
]);
