// OpenAI strict mode (function calling with `strict: true`, Structured Outputs): the documented JSON Schema
// subset. Sources and dates: docs/dialects.md#openai-strict.

/** Keywords the "Supported schemas" section lists; everything else is dropped by the transform and flagged by the checker. */
export const STRICT_KEYWORDS = new Set([
  "type",
  "description",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "anyOf",
  "$ref",
  "$defs",
  // string
  "pattern",
  "format",
  // number
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  // array
  "minItems",
  "maxItems",
]);

/** The string formats the docs list. */
export const STRICT_FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"]);

export const STRICT_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/** The documented limits of one schema. */
export const STRICT_LIMITS = {
  /** Object properties in the whole schema. */
  properties: 5_000,
  /** Levels of nested objects. */
  depth: 10,
  /** Enum values across every enum. */
  enumValues: 1_000,
  /** Characters of every property name, definition name, enum value and const value together. */
  stringLength: 120_000,
  /** A string enum with more values than this… */
  bigEnum: 250,
  /** …may hold at most this many characters in all. */
  bigEnumLength: 15_000,
} as const;
