// Diagnostic codes of this stage (GW3xx passes): title, cause, fix.
import type { CodeCatalogue } from "../diagnostics/diagnostic.js";

export const PASS_CODES: CodeCatalogue = {
  GW301: {
    title: "Operations excluded",
    cause: "An app's include/exclude filters left out some of its operations (one summary per app).",
    fix: "Nothing to fix; widen include or narrow exclude if a tool you expected is missing.",
  },
  GW302: {
    title: "Filter operation matches nothing",
    cause: "An entry of include.operations or exclude.operations names no operation of the app: it is neither an operationId nor a \"METHOD /path\" of the spec (openapi apps), nor an operation or root field name (graphql apps), or as a glob (with * or ?) it matches no such key as a whole.",
    fix: "Correct the entry (see the suggestion), or remove it. Globs are case-sensitive and must match the whole key: \"issues/*\", \"create*\".",
  },
  GW303: {
    title: "Filter tag matches nothing",
    cause: "An entry of include.tags or exclude.tags is not a tag of any operation of the app's spec.",
    fix: "Correct the tag (see the suggestion), or remove it.",
  },
  GW304: {
    title: "Tool override matches nothing",
    cause: "A key under apps.<app>.tools is neither an operationId nor a \"METHOD /path\" of the app's spec (openapi apps), nor an operation or root field name (graphql apps), so its settings are ignored.",
    fix: "Key the entry by one of the tool's keys: operationId or \"METHOD /path\", operation or root field name (see the suggestion).",
  },
  GW305: {
    title: "Two tool overrides for one operation",
    cause: "Two keys under apps.<app>.tools (its operationId and its \"METHOD /path\") address the same operation; the operationId entry wins where they differ.",
    fix: "Merge the two entries into one.",
  },
  GW306: {
    title: "App has no tools",
    cause: "The app's include/exclude filters excluded every one of its operations.",
    fix: "Check include and exclude: include lists are a union (any tag, operation, method or path matches), and exclude wins.",
  },
  GW307: {
    title: "Deprecated operations left out",
    cause: "deprecated: exclude (at the top level or under apps.<app>) left out the operations the spec deprecates (OpenAPI deprecated: true, GraphQL @deprecated); one summary per app.",
    fix: "Nothing to fix; set deprecated: mark to list them, marked \"Deprecated:\", instead.",
  },
  GW310: {
    title: "Tool name collision",
    cause: "Two or more tools (in any apps) derived the same name; each one not named in gateway.yaml was suffixed with a hash of its source pointer.",
    fix: "Set apps.<app>.tools[<key>].name in gateway.yaml to choose a readable name.",
  },
  GW311: {
    title: "Invalid tool name in gateway.yaml",
    cause: "A tools[<key>].name does not match ^[a-zA-Z0-9_-]{1,64}$ or is longer than naming.max_length.",
    fix: "Use letters, digits, \"_\" and \"-\" only, within naming.max_length characters.",
  },
  GW312: {
    title: "Duplicate tool name in gateway.yaml",
    cause: "Two tools were given the same name under tools[<key>].name; names must be unique across all apps.",
    fix: "Give each tool its own name.",
  },
  GW313: {
    title: "Tool name not unique",
    cause: "A tool name still collides after suffixing the hash of its source pointer and app.",
    fix: "Set apps.<app>.tools[<key>].name in gateway.yaml.",
  },
  GW320: {
    title: "Contradictory tool annotations",
    cause: "The final hints contradict the HTTP method or each other: a DELETE with destructiveHint false, readOnlyHint true on POST/PUT/PATCH/DELETE, or readOnlyHint and destructiveHint both true.",
    fix: "Correct the hints in gateway.yaml tools[<key>].annotations or the spec's x-mcp-* extensions; the given hints are kept as written.",
  },
};
