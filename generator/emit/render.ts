// The isolated Handlebars environment that prints generated/: strict, no HTML escaping, pure helpers only.
import Handlebars from "handlebars";
import { printLiteral } from "./literal.js";
import { TEMPLATES, type TemplateName } from "./templates.js";

const hbs = Handlebars.create();

hbs.registerHelper("literal", (value: unknown) => printLiteral(value));
hbs.registerHelper("comment", (text: unknown, indent: unknown) => jsDoc(String(text ?? ""), String(indent)));

/** A JSDoc block for `text` (empty string when there is none); `*\/` is escaped, lines folded. */
export function jsDoc(text: string, indent: string): string {
  const lines = text
    .replace(/\*\//g, "*\\/")
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? " " + line : ""}\n`).join("")}${indent} */\n`;
}

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

export function render(name: TemplateName, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = hbs.compile(TEMPLATES[name], { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(data);
}
