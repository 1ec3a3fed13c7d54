// Diagnostic codes of this stage (GW4xx emit and --check): title, cause, fix.
import type { CodeCatalogue } from "../diagnostics/diagnostic.js";

export const EMIT_CODES: CodeCatalogue = {
  GW401: {
    title: "Prompt template does not compile",
    cause: "A `prompts.<name>.messages[].template` in gateway.yaml is not valid Handlebars.",
    fix: "Fix the template syntax; `{{name}}` inserts an argument, `{{#if name}}…{{/if}}` tests one.",
  },
  GW402: {
    title: "generated/ is stale",
    cause: "`gateway build --check` found that generated/ differs from what the specs and gateway.yaml produce.",
    fix: "Run `gateway build` and commit generated/.",
  },
  GW403: {
    title: "Tool over its token budget",
    cause: "A tool's tools/list entry takes more o200k tokens than the tool_tokens in force for it (budgets: at the top level, apps.<app>.budgets, or apps.<app>.tools.<key>.budgets). The message names its largest parts.",
    fix: "Write a shorter apps.<app>.tools.<key>.description, cut its nested schemas with apps.<app>.tools.<key>.budgets.cut: depth, leave it out with hidden: true, or raise its tool_tokens.",
  },
  GW404: {
    title: "tools/list over its token budget",
    cause: "The static tools/list (budgets.list_tokens) or one app's tools (apps.<app>.budgets.list_tokens) take more o200k tokens than allowed. The message names the app totals and the largest tools.",
    fix: "Leave tools out with apps.<app>.exclude, give the largest tools budgets: { tool_tokens: N, cut: depth }, or serve mode: dynamic.",
  },
  GW405: {
    title: "Listed inputSchema cut to its budget",
    cause: "A tool over its tool_tokens has budgets.cut: depth: tools/list shows its inputSchema with the deepest object schemas listed as bare objects that name their fields. Calls are still validated against the full schema, which enable-tools and search-tools (dynamic mode) return.",
    fix: "Nothing to fix; raise tool_tokens or remove cut to list the full schema.",
  },
  GW406: {
    title: "Tool schema breaks a dialect's rules",
    cause: "A schema dialect named under `dialects:` in gateway.yaml rewrote a tool's inputSchema, and the result still breaks one of the rules its vendor documents (docs/dialects.md), e.g. a size limit of OpenAI strict mode.",
    fix: "Hide the tool or narrow its arguments (apps.<app>.tools.<key>), or drop the dialect; the message names the tool, the rule and the pointer.",
  },
};
