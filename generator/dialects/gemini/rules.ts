// Gemini API function declarations (`FunctionDeclaration.parameters`): the documented subset of the OpenAPI 3.0
// Schema Object. Sources and dates: docs/dialects.md#gemini.

/** The fields of the Gemini API's `Schema` message; anything else is an unknown field (HTTP 400). */
export const GEMINI_KEYWORDS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);

/** The `Type` enum, in the lower case the JSON API also accepts (MCP clients need `type: "object"` at the root). */
export const GEMINI_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);

/** Formats by type: the Gemini API documents these; Vertex AI's reference adds "email", "byte", "etc" for strings. */
export const GEMINI_FORMATS: Record<string, ReadonlySet<string>> = {
  string: new Set(["enum", "date-time"]),
  number: new Set(["float", "double"]),
  integer: new Set(["int32", "int64"]),
};
