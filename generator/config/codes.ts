// Diagnostic codes of this stage (GW1xx gateway.yaml): title, cause, fix.
import type { CodeCatalogue } from "../diagnostics/diagnostic.js";

export const CONFIG_CODES: CodeCatalogue = {
  GW100: {
    title: "Config file unreadable",
    cause: "gateway.yaml does not exist at the given path, or cannot be read.",
    fix: "Run gateway in the directory holding gateway.yaml, or pass --config <path>.",
  },
  GW101: {
    title: "YAML syntax error",
    cause: "gateway.yaml is not well-formed YAML (bad indentation, an unclosed quote or bracket, a duplicate key, a tab).",
    fix: "Correct the YAML at the line shown; indent with spaces and quote values that contain `: ` or start with a special character.",
  },
  GW102: {
    title: "Invalid value",
    cause: "A value in gateway.yaml has the wrong type, is not one of the allowed values, does not match the expected format, or is out of range.",
    fix: "Change the value as the message says; the schema (schema/gateway.schema.json) describes every key.",
  },
  GW103: {
    title: "Missing required key",
    cause: "A key that gateway.yaml must have (such as name, apps, an auth's token, or a graphql app's endpoint) is absent.",
    fix: "Add the key at the place shown.",
  },
  GW104: {
    title: "Unknown key",
    cause: "gateway.yaml contains a key the schema does not define, often a typo or camelCase for a snake_case key; it would otherwise be silently ignored.",
    fix: "Rename the key as suggested, or remove it.",
  },
  GW105: {
    title: "Literal secret",
    cause: "A secret-bearing field (an upstream token, password or API key value, a credential header under apps.<app>.headers such as Authorization or X-Api-Key, or an inbound bearer token) holds a literal value instead of an ${ENV} reference, so the secret would be committed and copied into generated/.",
    fix: "Replace the value with an ${ENV_VAR} reference and set that variable where the server runs; rotate the exposed secret.",
  },
  GW106: {
    title: "Spec file not found",
    cause: "An app's openapi: or graphql: path does not name a file, relative to the directory of gateway.yaml.",
    fix: "Correct the path, or add the spec file under specs/.",
  },
  GW107: {
    title: "App needs exactly one spec",
    cause: "An app sets neither or both of openapi: and graphql:.",
    fix: "Give the app exactly one of openapi: or graphql:, with the spec's path.",
  },
  GW108: {
    title: "Public bind without auth",
    cause: "server.http.host is not a loopback host (localhost, *.localhost, 127.x.x.x, ::1) but server.auth is absent, so anyone who can reach the port could call every tool.",
    fix: "Add server.auth: bearer.tokens with an ${ENV} reference, or oauth: { issuer } to accept your identity provider's access tokens; or bind 127.0.0.1.",
  },
  GW109: {
    title: "Duplicate prompt argument",
    cause: "Two arguments of one prompt have the same name.",
    fix: "Give each argument of a prompt a different name.",
  },
  GW110: {
    title: "Key for the other kind of app",
    cause: "An app sets a key only the other kind of app takes: base_url or base_url_env on a graphql app (whose server URL is endpoint:), or endpoint, endpoint_env, operations, scalars or selection on an openapi app.",
    fix: "Rename the key as the message says (base_url → endpoint, base_url_env → endpoint_env, or back), or remove it.",
  },
  GW111: {
    title: "Operations glob matches no file",
    cause: "A glob under a graphql app's operations: names no file, relative to the directory of gateway.yaml. Wildcards skip dot-directories and node_modules, and follow no symlink out of that directory.",
    fix: "Correct the glob (see the suggestion), or add the operation documents it should match.",
  },
  GW112: {
    title: "Route filter on a GraphQL app",
    cause: "A graphql app's include or exclude lists methods: or paths:, which select by HTTP route; GraphQL tools have no routes, so the list matches nothing.",
    fix: "Select by name with include/exclude operations: (operation or root field names, globs allowed), and remove methods: and paths:.",
  },
  GW113: {
    title: "Allowlist names no app",
    cause: "An inbound caller's app allowlist (server.auth.bearer.tokens[].apps, or an app listed under server.auth.oauth.apps_map) names an app that apps: does not define, so it would grant nothing; often a typo.",
    fix: "Correct the name (see the suggestion) or remove it.",
  },
};
