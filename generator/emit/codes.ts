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
    title: "Tool schema breaks a dialect's rules",
    cause: "A schema dialect named under `dialects:` in gateway.yaml rewrote a tool's inputSchema, and the result still breaks one of the rules its vendor documents (docs/dialects.md), e.g. a size limit of OpenAI strict mode.",
    fix: "Hide the tool or narrow its arguments (apps.<app>.tools.<key>), or drop the dialect; the message names the tool, the rule and the pointer.",
  },
};
