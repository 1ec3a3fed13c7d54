// Pass 5: the OAuth scopes a caller needs for each tool: its `tools:` entry's scopes, else its app's read or
// write scopes by the final readOnlyHint (so a gateway.yaml hint override moves a tool between the two).
import type { AppConfig, Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";
import type { ToolPlan } from "../plan/tool-plan.js";
import { compareCodeUnits } from "../../runtime/shared/compare.js";
import { DEFAULT_SCOPES } from "../config/normalize.js";
import { appOf, overrideFor } from "./keys.js";

export function scope(plans: ToolPlan[], config: Config, _report: Report): ToolPlan[] {
  return plans.map((plan) => ({ ...plan, scopes: scopesOf(plan, appOf(config, plan.app)) }));
}

/**
 * Sorted, without duplicates: the tool's own list wins whole (never merged with the app's). Without an app
 * (plans built without a config, in tests), the defaults normalize fills in.
 */
export function scopesOf(plan: ToolPlan, app: AppConfig | undefined): string[] {
  const own = overrideFor(plan, app)?.override.scopes;
  const byKind = app?.scopes ?? DEFAULT_SCOPES;
  const scopes = own ?? (plan.annotations.readOnlyHint ? byKind.read : byKind.write);
  return [...new Set(scopes)].sort(compareCodeUnits);
}
