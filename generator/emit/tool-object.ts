// ToolPlan → the data-only `tool` object of a generated module (the contract's Tool), and its input schema.
import type { GraphqlRequest, HttpRequest, ParamBinding, ParamLocation, Tool, ToolRequest } from "../../runtime/contract.js";
import type { ArgPlan, GraphqlRequestPlan, HttpRequestPlan, JsonSchema, ToolPlan } from "../plan/tool-plan.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import { listedAnnotations } from "../../runtime/shared/listed-annotations.js";
import { scopesOf } from "../passes/scope.js";
import { canonicalJson } from "./literal.js";

/** The tool's `inputSchema`: every arg as a property, `required` sorted, unknown arguments refused. */
export function inputSchemaOf(plan: ToolPlan): JsonSchema & { type: "object" } {
  const args = sortedArgs(plan);
  const properties: Record<string, JsonSchema> = {};
  for (const arg of args) properties[arg.name] = arg.schema;
  const required = args.filter((arg) => arg.required).map((arg) => arg.name);
  const schema: JsonSchema & { type: "object" } = { type: "object", properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  if (Object.keys(plan.defs).length > 0) schema.$defs = plan.defs;
  return schema;
}

export function sortedArgs(plan: ToolPlan): ArgPlan[] {
  return [...plan.args].sort((a, b) => compareCodeUnits(a.name, b.name));
}

/** The binding printed under `request.params`: the bare location unless something is non-default. */
function bindingOf(arg: ArgPlan & { in: ParamLocation }): ParamBinding {
  const extra = arg.wire !== arg.name || arg.style !== undefined || arg.explode !== undefined || arg.allowReserved !== undefined;
  if (!extra) return arg.in;
  return {
    in: arg.in,
    wire: arg.wire !== arg.name ? arg.wire : undefined,
    style: arg.style,
    explode: arg.explode,
    allowReserved: arg.allowReserved,
  };
}

/** A tools/list entry: the tool's listed fields, its annotations in the listed (shortened) form. */
export type ListEntry = Pick<Tool, "name" | "title" | "description" | "inputSchema" | "outputSchema"> & { annotations: Partial<Tool["annotations"]> };

/**
 * What a client receives for this tool in tools/list: the one definition the manifest's token count and the
 * bundle's precomputed list entries share.
 */
export function listEntryOf(tool: Tool): ListEntry {
  const { name, title, description, outputSchema, annotations } = tool;
  return { name, title, description, inputSchema: tool.listedInputSchema ?? tool.inputSchema, outputSchema, annotations: listedAnnotations(annotations) };
}

/**
 * The JSON text tools/list sends for `tool` (the bundle ships it as is) and the manifest counts: the fields of
 * listEntryOf in that order, every object below them with sorted keys, so a spec whose keys are reordered sends
 * and counts the same bytes.
 */
export function listEntryJson(tool: Tool): string {
  const entry = listEntryOf(tool) as Record<string, unknown>;
  const fields = Object.keys(entry).filter((key) => entry[key] !== undefined);
  return `{${fields.map((key) => `${JSON.stringify(key)}:${canonicalJson(entry[key])}`).join(",")}}`;
}

export function toolObjectOf(plan: ToolPlan): Tool {
  return {
    name: plan.name,
    app: plan.app,
    title: plan.title,
    description: plan.description,
    annotations: plan.annotations,
    inputSchema: inputSchemaOf(plan),
    outputSchema: plan.outputSchema ? looseOutputSchema(plan.outputSchema) : undefined,
    tags: plan.tags.length > 0 ? [...plan.tags].sort(compareCodeUnits) : undefined,
    scopes: plan.scopes ?? scopesOf(plan, undefined),
    request: requestOf(plan),
    ...(plan.retry !== undefined && { retry: plan.retry }),
  };
}

function requestOf(plan: ToolPlan): ToolRequest {
  return plan.request.kind === "http" ? httpRequestOf(plan, plan.request) : graphqlRequestOf(plan, plan.request);
}

function httpRequestOf(plan: ToolPlan, request: HttpRequestPlan): HttpRequest {
  const params: Record<string, ParamBinding> = {};
  for (const arg of sortedArgs(plan)) {
    if (arg.in === "variable") throw new Error(`tool ${plan.name}: argument ${arg.name} is a GraphQL variable in an HTTP request`);
    params[arg.name] = bindingOf({ ...arg, in: arg.in });
  }
  return { kind: "http", method: request.method, path: request.path, params, body: request.body };
}

function graphqlRequestOf(plan: ToolPlan, request: GraphqlRequestPlan): GraphqlRequest {
  const variables: Record<string, string> = {};
  for (const arg of sortedArgs(plan)) variables[arg.name] = arg.wire;
  const { operation, operationName, document } = request;
  return { kind: "graphql", operation, operationName, document, variables };
}

/**
 * The outputSchema a client sees: the response's top-level properties and their descriptions, nothing required,
 * no types. Clients validate structuredContent against it (the SDK client fails the call on a mismatch), and
 * real APIs drift from their specs (a null where the spec says string), so only what never fails is promised.
 */
function looseOutputSchema(schema: JsonSchema): JsonSchema & { type: "object" } {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const loose: Record<string, JsonSchema> = {};
  for (const [key, property] of Object.entries(properties)) {
    loose[key] = typeof property?.description === "string" ? { description: property.description } : {};
  }
  return { type: "object", properties: loose };
}
