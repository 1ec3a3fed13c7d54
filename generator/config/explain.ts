// One ajv error → one finding in the user's terms: code, message, help, and which node it points at.
import type { ErrorObject } from "ajv";
import { didYouMeanHelp } from "../../runtime/shared/did-you-mean.js";
import { splitPointer } from "../../runtime/shared/json-pointer.js";
import { pathLabel, where } from "./path-label.js";

/** An explained schema error, not yet located in the file. */
export interface Finding {
  code: `GW${number}`;
  message: string;
  help?: string;
  /** Segments from the root to the node the finding is about. */
  path: string[];
  /** Point at the key naming `path`, at its value, or at the map that lacks a key. */
  at: "key" | "value" | "parent";
}

type Schema = Record<string, unknown>;

/** The pattern of `definitions.secretRef`: a value failing it is a literal secret (GW105). */
const SECRET_PATTERN = "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}";

/** `"abc"`, `42`, `a list`, `a map`, `nothing`: how a value is shown after "got". */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "a map",
  array: "a list",
};

/** The environment variable name to suggest for a literal secret at `path`. @example GITHUB_TOKEN */
function suggestedEnvVar(path: readonly string[]): string {
  const owner = path[0] === "apps" && path[1] ? path[1].toUpperCase() : "GATEWAY";
  const field = path.find((s) => ["token", "tokens", "password", "value"].includes(s)) ?? "secret";
  const suffix = field === "value" ? "API_KEY" : field === "tokens" ? "TOKEN" : field.toUpperCase();
  return `${owner}_${suffix}`;
}

/** Lower-cased and `-`→`_` spellings of `value` that satisfy `pattern`, for a "did you mean". */
function patternFix(value: unknown, pattern: string): string | undefined {
  if (typeof value !== "string") return undefined;
  const regex = new RegExp(pattern, "u");
  // Case first kept (a GraphQL scalar "Date-Time" → "Date_Time"), then lower-cased (an app "My-App" → "my_app").
  const tries = [value.replace(/[^A-Za-z0-9_]+/g, "_"), value.toLowerCase(), value.toLowerCase().replace(/-/g, "_"), value.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "")];
  const fixed = tries.find((t) => t !== value && regex.test(t));
  return fixed === undefined ? undefined : `did you mean "${fixed}"?`;
}

/** Value at `path` inside the parsed data. */
function valueAt(data: unknown, path: readonly string[]): unknown {
  let cur: unknown = data;
  for (const s of path) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[s] : undefined;
  return cur;
}

/** `for example: timeout_ms: 30000`, from the schema's `default` or first `examples` entry. */
function exampleHelp(key: string, schema: Schema): string | undefined {
  const example = schema.default ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined);
  if (example === undefined || typeof example === "object") return undefined;
  return `for example: ${key}: ${typeof example === "string" ? JSON.stringify(example) : String(example)}`;
}

/** Explains one ajv error (compiled with `verbose: true`), or `undefined` when another error says it better. */
export function explainError(error: ErrorObject, data: unknown, sourceText?: (path: string[]) => string | undefined): Finding | undefined {
  // ajv's instancePath is a JSON pointer into the data: "" or "/apps/github/tools/repos~1get".
  const base = splitPointer(error.instancePath) ?? [];
  const label = pathLabel(base) || "the top level";
  const value = valueAt(data, base);
  const parent = (error.parentSchema ?? {}) as Schema;
  const params = error.params as Record<string, unknown>;
  const propertyName = (error as { propertyName?: string }).propertyName;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as Schema | undefined) ?? {});
      const help = didYouMeanHelp(key, allowed) ?? (allowed.length ? `allowed keys ${where(base)}: ${allowed.join(", ")}` : `remove "${key}"`);
      return { code: "GW104", message: `unknown key "${key}" ${where(base)}`, help, path: [...base, key], at: "key" };
    }
    case "required": {
      const key = String(params.missingProperty);
      const property = ((parent.properties as Schema | undefined) ?? {})[key] as Schema | undefined;
      const isSecret = property?.$ref === "#/definitions/secretRef";
      // A conditional requirement (a graphql app's endpoint) says why in its errorMessage.
      const why = typeof parent.errorMessage === "string" ? parent.errorMessage : undefined;
      const help = isSecret ? `add ${key}: "\${${suggestedEnvVar([...base, key])}}" ${where(base)}` : (why ?? `add "${key}:" ${where(base)}`);
      return { code: "GW103", message: `missing required key "${key}" ${where(base)}`, help, path: base, at: "parent" };
    }
    case "if":
      return undefined; // the failing `then` keyword's own error says what is wrong
    case "not":
      if (typeof parent.errorMessage === "string") return wrongKindKey(base, data, parent.errorMessage);
      return { code: "GW102", message: `${label} is not allowed here`, path: base, at: "key" };
    case "propertyNames":
      return undefined; // the inner error, which names the key, is reported instead
    case "pattern":
      if (params.pattern === SECRET_PATTERN) return literalSecret(base);
      if (propertyName !== undefined) {
        const rule = (parent.patternErrorMessage as string | undefined) ?? `match ${String(params.pattern)}`;
        const help = patternFix(propertyName, String(params.pattern));
        return { code: "GW102", message: `key "${propertyName}" ${where(base)} must be ${rule}`, help, path: [...base, propertyName], at: "key" };
      }
      return {
        code: "GW102",
        message: `${label} must be ${(parent.patternErrorMessage as string | undefined) ?? `a string matching ${String(params.pattern)}`}, got ${describeValue(value)}`,
        help: patternFix(value, String(params.pattern)),
        path: base,
        at: "value",
      };
    case "type": {
      const expected = String(params.type).split(",").map((t) => TYPE_NAMES[t] ?? t).join(" or ");
      if (error.schemaPath.includes("secretRef")) return literalSecret(base); // a number or list is no ${ENV} either
      const raw = sourceText?.(base) ?? describeValue(value);
      const key = base[base.length - 1] ?? "";
      const quoted = params.type === "string" && (typeof value === "number" || typeof value === "boolean");
      const yes = params.type === "boolean" && typeof value === "string" && /^(y|yes|n|no|on|off)$/i.test(value);
      const help = quoted
        ? `put it in quotes: ${/^\d+$/.test(key) ? "" : `${key}: `}"${raw}"`
        : yes
          ? `write true or false (YAML 1.2 reads ${raw} as text)`
          : exampleHelp(key, parent);
      return { code: "GW102", message: `${label} must be ${expected}, got ${raw}`, help, path: base, at: "value" };
    }
    case "enum":
    case "const": {
      const allowed = (error.keyword === "enum" ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
      const shown = allowed.map((a) => JSON.stringify(a)).join(", ");
      const help = typeof value === "string" ? didYouMeanHelp(value, allowed) : undefined;
      return { code: "GW102", message: `${label} must be ${allowed.length > 1 ? "one of " : ""}${shown}, got ${describeValue(value)}`, help, path: base, at: "value" };
    }
    case "discriminator":
      return explainDiscriminator(base, parent, params, value);
    case "oneOf":
      return explainOneOf(base, label, parent, params);
    case "minProperties":
    case "minItems":
    case "minLength": {
      const limit = Number(params.limit);
      const unit = error.keyword === "minProperties" ? "entry" : error.keyword === "minItems" ? "item" : "character";
      const message = limit === 1 ? `${label} must not be empty` : `${label} must have at least ${limit} ${unit}s`;
      const help = typeof parent.errorMessage === "string" ? parent.errorMessage : undefined; // what to put there (server.auth)
      return { code: "GW102", message, ...(help ? { help } : {}), path: base, at: "value" };
    }
    case "maxLength":
      return { code: "GW102", message: `${label} must be at most ${String(params.limit)} characters long`, path: base, at: "value" };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const range = typeof parent.minimum === "number" && typeof parent.maximum === "number" ? `use a value from ${parent.minimum} to ${parent.maximum}` : undefined;
      const help = range ?? exampleHelp(base[base.length - 1] ?? "", parent);
      return { code: "GW102", message: `${label} must be ${String(params.comparison)} ${String(params.limit)}, got ${describeValue(value)}`, help, path: base, at: "value" };
    }
    default:
      return { code: "GW102", message: `${label} ${error.message ?? "is invalid"}`, path: base, at: "value" };
  }
}

function literalSecret(path: string[]): Finding {
  const field = [...path].reverse().find((s) => !/^\d+$/.test(s)) ?? "secret";
  const index = Number(path[path.length - 1]);
  const envVar = suggestedEnvVar(path) + (field === "tokens" && index > 0 ? `_${index + 1}` : "");
  return {
    code: "GW105",
    message: `${pathLabel(path)} holds a literal secret; secrets in gateway.yaml must be \${ENV} references`,
    help: `replace it with "\${${envVar}}" and set ${envVar} where the server runs`,
    path,
    at: "value",
  };
}

/**
 * GW110: a key of the other kind of app (`base_url` on a graphql app, `endpoint` on an openapi one), forbidden
 * by a `not: {}` in the app's `if`/`then` rules; the schema's errorMessage, shown by editors too, is the fix.
 */
function wrongKindKey(path: string[], data: unknown, fix: string): Finding {
  const app = path.slice(0, -1);
  const def = valueAt(data, app) as Record<string, unknown> | undefined;
  const kind = def && "graphql" in def ? "a graphql app" : "an openapi app";
  const key = path[path.length - 1] ?? "";
  return { code: "GW110", message: `"${key}" is not a key of ${kind} (${pathLabel(app)})`, help: fix, path, at: "key" };
}

/** Invalid `type:` of a tagged union such as an app's `auth`. */
function explainDiscriminator(base: string[], parent: Schema, params: Record<string, unknown>, value: unknown): Finding | undefined {
  const tag = String(params.tag);
  const tagValue = (value as Record<string, unknown> | undefined)?.[tag];
  if (tagValue === undefined) return undefined; // `required` already reports the missing tag
  const branches = (parent.oneOf as Schema[] | undefined) ?? [];
  const allowed = branches.map((b) => String(((b.properties as Schema)[tag] as Schema).const));
  const help = typeof tagValue === "string" ? didYouMeanHelp(tagValue, allowed) : undefined;
  const shown = allowed.map((a) => JSON.stringify(a)).join(", ");
  return { code: "GW102", message: `${pathLabel([...base, tag])} must be one of ${shown}, got ${describeValue(tagValue)}`, help, path: [...base, tag], at: "value" };
}

/** A failed `oneOf` of `required` branches: "exactly one of these keys". */
function explainOneOf(base: string[], label: string, parent: Schema, params: Record<string, unknown>): Finding {
  const branches = (parent.oneOf as Schema[] | undefined) ?? [];
  const keys = branches.flatMap((b) => (Array.isArray(b.required) && Object.keys(b).length === 1 ? (b.required as string[]) : []));
  if (keys.length !== branches.length) {
    return { code: "GW102", message: `${label} does not match any allowed shape`, path: base, at: "key" };
  }
  const both = Array.isArray(params.passingSchemas);
  const list = keys.map((k) => `"${k}"`).join(" or ");
  const message = both ? `${label} sets more than one of ${list}` : `${label} needs one of ${list}`;
  const help = both ? `keep only one of ${list}` : `add ${keys.join(" or ")} with the spec's path, relative to gateway.yaml`;
  return { code: "GW107", message, help, path: base, at: "key" };
}
