// Validates tool arguments against the tool's inputSchema (ajv, JSON Schema 2020-12), compiled once per tool.
import type Ajv2020Type from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { Tool } from "./contract.js";
import { getAtPointer, splitPointer } from "./shared/json-pointer.js";

type Ajv = InstanceType<typeof Ajv2020Type.default>;

/** Messages listed per call; the rest is summarised ("… and 3 more"). */
const MAX_MESSAGES = 10;
/** How much of a bad value a message quotes. */
const MAX_QUOTE = 60;

let ajv: Ajv | undefined;
let loading: Promise<void> | undefined;
const validators = new WeakMap<Tool, ValidateFunction | Error>();

/**
 * Loads ajv on the first call rather than at start-up: evaluating it is a sizeable part of start-up that a
 * server listing its tools never needs. Resolved after the first time; `validateArgs` needs it done.
 */
export function loadValidator(): Promise<void> {
  return (loading ??= (async () => {
    // ajv and ajv-formats are CommonJS; their ESM default import is the module object.
    const [{ default: Ajv2020Module }, { default: addFormatsModule }] = await Promise.all([import("ajv/dist/2020.js"), import("ajv-formats")]);
    ajv = new Ajv2020Module.default({ strict: false, allErrors: true, coerceTypes: false, validateFormats: true, addUsedSchema: false });
    addFormatsModule.default(ajv);
  })());
}

/** True once `loadValidator()` has resolved: a call need not wait on it (not even a microtask). */
export function validatorLoaded(): boolean {
  return ajv !== undefined;
}

function instance(): Ajv {
  if (!ajv) throw new Error("validateArgs called before loadValidator() resolved");
  return ajv;
}

/** The tool's validator, compiled on first use; an Error when the schema does not compile. */
function validatorFor(tool: Tool): ValidateFunction | Error {
  let v = validators.get(tool);
  if (!v) {
    try {
      v = instance().compile(tool.inputSchema);
    } catch (err) {
      v = err instanceof Error ? err : new Error(String(err));
    }
    validators.set(tool, v);
  }
  return v;
}

/** `/filter/status` → `filter.status`; `/tags/0` → `tags[0]`. */
function argumentPath(instancePath: string, extra?: string): string {
  const parts = splitPointer(instancePath) ?? [];
  if (extra !== undefined) parts.push(extra);
  return parts.map((p, i) => (/^\d+$/.test(p) && i > 0 ? `[${p}]` : i > 0 ? `.${p}` : p)).join("");
}

function quote(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
}

/** One ajv error as a sentence naming the argument and the rule. */
function describeError(error: ErrorObject, args: unknown): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") {
    const name = argumentPath(error.instancePath, String(params.missingProperty));
    return `missing required argument "${name}"`;
  }
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    const prop = String(params.additionalProperty ?? params.unevaluatedProperty);
    return `unknown argument "${argumentPath(error.instancePath, prop)}"`;
  }
  const name = argumentPath(error.instancePath);
  const got = ` (got ${quote(getAtPointer(args, error.instancePath))})`;
  if (error.keyword === "enum") {
    const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
    return `argument "${name}": must be one of ${allowed}${got}`;
  }
  return `argument "${name}": ${error.message ?? error.keyword}${got}`;
}

/** Keeps the messages a model can act on: drops the "must match a schema in anyOf" summary when details exist. */
function describeAll(errors: ErrorObject[], args: unknown): string[] {
  const detailed = errors.length > 1 ? errors.filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf" && e.keyword !== "if") : errors;
  return [...new Set((detailed.length > 0 ? detailed : errors).map((e) => describeError(e, args)))];
}

/**
 * Checks `args` against `tool.inputSchema`. Returns undefined when valid, else an error text naming each
 * bad argument and the rule. `undefined` args count as `{}` (MCP makes `arguments` optional).
 */
export function validateArgs(tool: Tool, args: unknown): string | undefined {
  if (args === undefined) args = {};
  if (args === null || typeof args !== "object" || Array.isArray(args)) {
    const got = args === null ? "null" : Array.isArray(args) ? "an array" : typeof args;
    return `invalid arguments for ${tool.name}: arguments must be a JSON object (got ${got})`;
  }
  const validate = validatorFor(tool);
  if (validate instanceof Error) return `tool ${tool.name} cannot validate its input schema: ${validate.message}`;
  if (validate(args)) return undefined;
  const messages = describeAll(validate.errors ?? [], args);
  const shown = messages.slice(0, MAX_MESSAGES);
  if (messages.length > MAX_MESSAGES) shown.push(`… and ${messages.length - MAX_MESSAGES} more`);
  return `invalid arguments for ${tool.name}:\n- ${shown.join("\n- ")}`;
}
