// One generated tool module: `generated/<app>/<tool>.ts` with its typed Input interface and data-only `tool`.
import type { ToolPlan } from "../plan/tool-plan.js";
import { printKey } from "./literal.js";
import { render } from "./render.js";
import type { Tool } from "../../runtime/contract.js";
import { sortedArgs } from "./tool-object.js";
import { tsType } from "./ts-type.js";

/** `tool` is the plan's emitted tool object (`toolObjectOf(plan)`), computed once by the caller. */
export function renderToolModule(plan: ToolPlan, tool: Tool, contractImport: string): string {
  const fields = sortedArgs(plan).map((arg) => ({
    key: printKey(arg.name),
    required: arg.required,
    type: tsType(arg.schema),
    description: typeof arg.schema.description === "string" ? arg.schema.description : "",
  }));
  const label = operationLabel(plan);
  const id = plan.source.operationId;
  const operationId = id && !label.endsWith(` ${id}`) ? ` (${id})` : "";
  return render("tool", {
    source: `${plan.source.file}#${plan.source.pointer}`.replace(/[\r\n]/g, " "),
    operation: `${label}${operationId}`.replace(/[\r\n]/g, " "),
    toolType: TOOL_TYPE[plan.request.kind],
    contractImport,
    fields,
    tool,
  });
}

/** The contract type a tool module declares, by request kind. */
const TOOL_TYPE: Record<ToolPlan["request"]["kind"], string> = { http: "HttpTool", graphql: "GraphqlTool" };

/** How the header comment names the operation. @example "GET /repos/{owner}/{repo}" @example "query Repository" */
function operationLabel(plan: ToolPlan): string {
  const request = plan.request;
  return request.kind === "http" ? `${request.method} ${request.path}` : `${request.operation} ${request.operationName}`;
}
