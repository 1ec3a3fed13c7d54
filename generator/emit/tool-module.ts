// One generated tool module: `generated/<app>/<tool>.ts` with its typed Input interface and data-only `tool`.
import type { ToolPlan } from "../plan/tool-plan.js";
import { printKey } from "./literal.js";
import { render } from "./render.js";
import type { HttpTool } from "../../runtime/tool.js";
import { sortedArgs } from "./tool-object.js";
import { tsType } from "./ts-type.js";

/** `tool` is the plan's emitted tool object (`toolObjectOf(plan)`), computed once by the caller. */
export function renderToolModule(plan: ToolPlan, tool: HttpTool, runtimeImport: string): string {
  const fields = sortedArgs(plan).map((arg) => ({
    key: printKey(arg.name),
    required: arg.required,
    type: tsType(arg.schema),
    description: typeof arg.schema.description === "string" ? arg.schema.description : "",
  }));
  const { method, path } = plan.request;
  const operationId = plan.source.operationId ? ` (${plan.source.operationId})` : "";
  return render("tool", {
    source: `${plan.source.file}#${plan.source.pointer}`.replace(/[\r\n]/g, " "),
    operation: `${method} ${path}${operationId}`.replace(/[\r\n]/g, " "),
    runtimeImport,
    fields,
    tool,
  });
}
