// The build step of schema dialects: every visible tool's inputSchema through each configured dialect's transform,
// then its checker; a broken rule is an error naming the tool, the dialect and the pointer (GW406).
import type { DialectSchemas } from "../../runtime/contract.js";
import { joinPointer } from "../../runtime/shared/json-pointer.js";
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import { inputSchemaOf } from "../emit/tool-object.js";
import type { ToolPlan } from "../plan/tool-plan.js";
import { DIALECTS } from "./index.js";

/** Enough to see what is wrong; more would bury the rest of the build's output. */
const MAX_REPORTED = 25;

/** Dialect name → tool name → the tool's schema in that dialect, for each dialect gateway.yaml names. */
export function compileDialects(config: Config, plans: readonly ToolPlan[], report: Report): Record<string, DialectSchemas> {
  const out: Record<string, DialectSchemas> = {};
  if (config.dialects.length === 0) return out;
  const portable = plans.map((plan) => [plan.name, inputSchemaOf(plan)] as const);
  for (const { name } of config.dialects) {
    const dialect = DIALECTS[name]!;
    const schemas: DialectSchemas = {};
    let broken = 0;
    for (const [tool, schema] of portable) {
      schemas[tool] = dialect.transform(schema);
      for (const violation of dialect.check(schemas[tool])) {
        if (++broken > MAX_REPORTED) continue;
        report.error({
          code: "GW406",
          file: `generated/dialects/${name}.ts`,
          pointer: joinPointer("", tool) + violation.pointer,
          message: `tool "${tool}": its ${name} schema breaks rule ${violation.rule} at ${violation.pointer || "the root"}: ${violation.message}`,
        });
      }
    }
    if (broken > MAX_REPORTED) {
      report.error({ code: "GW406", file: `generated/dialects/${name}.ts`, message: `${broken - MAX_REPORTED} more ${name} rule violations not shown` });
    }
    out[name] = schemas;
  }
  return out;
}
