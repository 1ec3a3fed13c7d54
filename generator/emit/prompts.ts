// Checks that every prompt template of gateway.yaml compiles, before anything is written.
import Handlebars from "handlebars";
import type { Config } from "../config/types.js";
import type { Report } from "../diagnostics/diagnostic.js";

export function checkPrompts(config: Config, report: Report): void {
  for (const prompt of config.prompts) {
    prompt.messages.forEach((message, index) => {
      try {
        Handlebars.precompile(message.template, { noEscape: true });
      } catch (error) {
        const reason = (error as Error).message.split("\n")[0];
        report.error({
          code: "GW401",
          file: config.file,
          message: `prompt "${prompt.name}" message ${index + 1}: template does not compile: ${reason}`,
          help: "fix the Handlebars syntax of the template (e.g. close every {{ with }})",
        });
      }
    });
  }
}
