// Lean rule: an optional argument that can only ever be `{}` goes (Stripe gives each of its 200-odd GET
// operations an empty form `body`). Sending it changed nothing but an empty body; leaving it out sent no
// body at all, so the request of every call the lean schema accepts is the one it was.
import type { ArgPlan, JsonSchema, ToolPlan } from "../../plan/tool-plan.js";

/** An object schema with no properties, no pattern or extra properties: `{}` is its only value. */
export function onlyEmptyObject(schema: JsonSchema): boolean {
  if (schema.type !== "object" || schema.additionalProperties !== false) return false;
  if (schema.patternProperties !== undefined || schema.$ref !== undefined) return false;
  for (const keyword of ["anyOf", "oneOf", "allOf", "unevaluatedProperties", "dependentSchemas", "if"]) if (schema[keyword] !== undefined) return false;
  const properties = schema.properties;
  return properties === undefined || (typeof properties === "object" && properties !== null && Object.keys(properties).length === 0);
}

const isEmpty = (arg: ArgPlan) => !arg.required && onlyEmptyObject(arg.schema);

export function dropEmptyArguments(plan: ToolPlan): ToolPlan {
  if (!plan.args.some(isEmpty)) return plan;
  const args = plan.args.filter((arg) => !isEmpty(arg));
  const request = plan.request;
  // A `whole` body made of the dropped argument is no body: the runtime sends none when it is absent.
  if (request.kind === "http" && request.body?.whole !== undefined && !args.some((arg) => arg.name === request.body!.whole)) {
    const { body: _, ...withoutBody } = request;
    return { ...plan, args, request: withoutBody };
  }
  return { ...plan, args };
}
