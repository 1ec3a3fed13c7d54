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
    cause: "A key that gateway.yaml must have (such as name, apps, or an auth's token) is absent.",
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
    fix: "Add server.auth.bearer.tokens with an ${ENV} reference, or bind 127.0.0.1.",
  },
  GW109: {
    title: "Duplicate prompt argument",
    cause: "Two arguments of one prompt have the same name.",
    fix: "Give each argument of a prompt a different name.",
  },
};
