// Lean rule: how much of a tool's outputSchema the list carries, by `output_schema:` of the tool, else of
// its app, else `none`. Measured on the real specs, the loose outputSchema (top-level names and descriptions)
// was 16% of GitHub's tools/list and 42% of Stripe's, while the call result's text content carries the
// same JSON anyway. The runtime sends structuredContent only for tools that keep an outputSchema.
import type { Config, OutputSchemaPolicy } from "../../config/types.js";
import type { JsonSchema, ToolPlan } from "../../plan/tool-plan.js";
import { appOf, overrideFor } from "../keys.js";

const DEFAULT_OUTPUT_SCHEMA: OutputSchemaPolicy = "none";

function policyFor(plan: ToolPlan, config: Config): OutputSchemaPolicy {
  const app = appOf(config, plan.app);
  return overrideFor(plan, app)?.override.outputSchema ?? app?.outputSchema ?? DEFAULT_OUTPUT_SCHEMA;
}

/** `names`: the top-level property names, each accepting anything. */
function namesOnly(schema: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const key of Object.keys((schema.properties ?? {}) as Record<string, unknown>)) properties[key] = {};
  return { type: "object", properties };
}

export function applyOutputPolicy(plan: ToolPlan, config: Config): ToolPlan {
  if (!plan.outputSchema) return plan;
  const policy = policyFor(plan, config);
  if (policy === "full") return plan;
  if (policy === "names") return { ...plan, outputSchema: namesOnly(plan.outputSchema) };
  const { outputSchema: _, ...rest } = plan;
  return rest;
}
