// Diagnostic codes of this stage (GW2xx specs): title, cause, fix.
import type { CodeCatalogue } from "../diagnostics/diagnostic.js";

export const SOURCE_CODES: CodeCatalogue = {
  GW201: {
    title: "spec file unreadable",
    cause: "The file named by apps.<app>.openapi does not exist or cannot be read.",
    fix: "Check the path in gateway.yaml; it is relative to the directory holding gateway.yaml.",
  },
  GW202: {
    title: "spec syntax error",
    cause: "The spec is neither valid JSON nor valid YAML.",
    fix: "Fix the syntax at the line and column shown (a JSON/YAML linter points at the same place).",
  },
  GW203: {
    title: "not an OpenAPI document",
    cause: "The document has no `openapi: 3.0.x/3.1.x` or `swagger: \"2.0\"` field, or another version.",
    fix: "Point apps.<app>.openapi at an OpenAPI 2.0, 3.0 or 3.1 document (GraphQL goes under apps.<app>.graphql).",
  },
  GW204: {
    title: "malformed spec object",
    cause: "An object of the spec (paths, a path item, an operation, a parameter, a request body) does not have the shape the OpenAPI version requires, such as `in: body` in a 3.x spec or a request body without `content`. It is an error: the build reports every such object, then stops.",
    fix: "Fix the object at the pointer shown so that it matches the OpenAPI specification.",
  },
  GW205: {
    title: "unresolved $ref",
    cause: "A `$ref` points at nothing (a missing component, a typo, a pointer into a file that lacks it), uses an anchor instead of a JSON pointer, or starts a chain of `$ref`s that loops. The schema became `{}` with a note (or the parameter, request body, response or path item was skipped).",
    fix: "Correct the `$ref` or add the missing component.",
  },
  GW206: {
    title: "remote $ref refused",
    cause: "The spec refers to an http(s) URL. Remote references are off by default: fetching URLs named in a spec at build time is a server-side request forgery risk and makes builds non-reproducible.",
    fix: "Vendor the referenced document next to the spec and use a relative file `$ref`, or set `allow_remote_refs: true` in gateway.yaml.",
  },
  GW207: {
    title: "external $ref document not loaded",
    cause: "A `$ref` names another file (or URL) that could not be read or parsed, or a file outside the directory holding gateway.yaml.",
    fix: "Make the referenced file exist, parse, and live under the gateway.yaml directory.",
  },
  GW208: {
    title: "header parameter skipped",
    cause: "The operation declares a header the gateway sets itself (Accept, Content-Type or Authorization); it is not offered as an argument.",
    fix: "Nothing to do. Configure upstream credentials with apps.<app>.auth and fixed headers with apps.<app>.headers.",
  },
  GW209: {
    title: "unsupported request body media type",
    cause: "The request body offers no media type the gateway can send: JSON (application/json, */*, +json types), application/x-www-form-urlencoded, multipart/form-data, or a text/* type (sent as one string argument). Only others are offered (e.g. application/octet-stream, application/xml, image/png); the tool is produced without a body.",
    fix: "Add a JSON media type to the operation's request body, or hide the tool with apps.<app>.tools.<key>.hidden: true.",
  },
  GW210: {
    title: "binary multipart field dropped",
    cause: "A multipart/form-data field holds binary data (format: binary, type: file, or a non-text contentMediaType without contentEncoding), which a model cannot supply as a JSON argument; the other fields are kept.",
    fix: "Nothing to do, or hide the tool if it is useless without the file.",
  },
  GW211: {
    title: "schema cut",
    cause: "A schema nests deeper than 64 levels, or the `$ref` targets one tool's input schema reaches add up to more than 64,000 characters (16,000 for its output schema); the deepest part, or the farthest targets, became `{}` with a description saying so. `{}` accepts any value, so calls still validate.",
    fix: "Nothing to do, or move a deep part into components/schemas, or hide the operation if its schema is unusable.",
  },
  GW212: {
    title: "invalid schema keyword dropped",
    cause: "A schema keyword has a value JSON Schema 2020-12 rejects (a pattern that is not a valid Unicode regular expression, an unknown type, a non-numeric bound); it was dropped so the schema still compiles. A schema that is not an object became `{}`.",
    fix: "Correct the keyword in the spec.",
  },
  GW213: {
    title: "argument renamed",
    cause: "Two parameters of one operation share a name (e.g. `name` in the path and in the body), or do once made valid property keys (`page[size]` becomes `page_size`). Path parameters keep theirs; the other becomes `<in>_<name>` (then `_2`, `_3`…) and still goes on the wire under its original name.",
    fix: "Nothing to do; rename the parameter in the spec if the new name reads badly.",
  },
  GW214: {
    title: "path parameter not declared",
    cause: "The path template has a `{name}` placeholder with no matching `in: path` parameter; a required string argument was added for it.",
    fix: "Declare the parameter in the spec (path item or operation `parameters`).",
  },
  GW215: {
    title: "path parameter not in the path",
    cause: "An `in: path` parameter has no `{name}` placeholder in the path template; it was dropped because it could never be sent.",
    fix: "Fix the parameter name or the path template.",
  },
  GW216: {
    title: "invalid x-mcp hint",
    cause: "An `x-mcp-*` hint extension (x-mcp-readonly, x-mcp-destructive…) is not a boolean, or `x-mcp-annotations` is not an object or has an entry that is not a boolean or names no hint; it was ignored. Other `x-mcp-*` extensions are not hints and are left alone.",
    fix: "Use `x-mcp-readonly`, `x-mcp-destructive`, `x-mcp-idempotent` or `x-mcp-open-world` with true/false.",
  },
  GW217: {
    title: "collectionFormat not supported",
    cause: "OpenAPI 2.0 `collectionFormat: tsv` has no OpenAPI 3 style; the parameter is sent comma-separated.",
    fix: "Use csv, ssv, pipes or multi in the spec.",
  },
  GW218: {
    title: "no operations",
    cause: "The spec has no `paths` object, or an empty one, so the app has no tools.",
    fix: "Check apps.<app>.openapi points at the right spec.",
  },
  GW250: {
    title: "GraphQL schema unreadable",
    cause: "The file named by apps.<app>.graphql does not exist or cannot be read.",
    fix: "Check the path in gateway.yaml; it is relative to the directory holding gateway.yaml.",
  },
  GW251: {
    title: "GraphQL schema syntax error",
    cause: "The schema is neither valid GraphQL SDL nor valid JSON.",
    fix: "Fix the syntax at the line and column shown.",
  },
  GW252: {
    title: "not a GraphQL introspection result",
    cause: "The schema file is JSON but has no `__schema` (bare, or under `data`), so it is not what an introspection query returns.",
    fix: "Give SDL (`.graphql`/`.gql`) or the JSON of an introspection query (for example `npx get-graphql-schema <endpoint> --json`).",
  },
  GW253: {
    title: "GraphQL schema unusable",
    cause: "The schema could not be built even after leaving out the parts graphql-js rejects (for example no Query type at all, or an introspection result this graphql version cannot read).",
    fix: "Fix the schema at the place shown, or export it again from the server.",
  },
  GW254: {
    title: "GraphQL schema parts skipped",
    cause: "Parts of the schema are invalid (a field defined twice, a reference to a missing type, a broken interface): they were left out and everything else is used. Tools that need a skipped part are not made.",
    fix: "Nothing, if the skipped parts are not needed; otherwise fix them in the schema file.",
  },
  GW255: {
    title: "GraphQL app has no tools",
    cause: "The schema has no Query or Mutation fields, or the operation documents hold no named query or mutation.",
    fix: "Check apps.<app>.graphql and apps.<app>.operations.",
  },
  GW256: {
    title: "root field skipped",
    cause: "The operation made for a root field did not validate against the schema (a rare schema shape the selection rules do not handle).",
    fix: "Write the operation for that field in a document and list it under apps.<app>.operations.",
  },
  GW257: {
    title: "invalid GraphQL operation document",
    cause: "An operation document has a syntax error, or an operation or fragment does not validate against the app's schema (an unknown field, a missing required argument, a variable of the wrong type). The operation is not made into a tool.",
    fix: "Fix the document at the file, line and column shown; graphql-js's message says what the schema expects.",
  },
  GW258: {
    title: "operation cannot be a tool",
    cause: "An operation has no name (a tool needs one), or two operations or two fragments across the app's documents share a name.",
    fix: "Name every operation, and keep operation and fragment names unique across all documents of the app.",
  },
  GW259: {
    title: "subscription skipped",
    cause: "A tool call gets one answer; a GraphQL subscription is a stream, so it is not made into a tool.",
    fix: "Use a query for the current state, or remove the subscription from the documents.",
  },
};
