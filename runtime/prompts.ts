// prompts/list and prompts/get from gateway.prompts: templates precompiled at build time, run with the Handlebars runtime.

import { ProtocolError, ProtocolErrorCode, type GetPromptResult, type Prompt } from "@modelcontextprotocol/server";
import type { PromptRuntime } from "./contract.js";

type Render = (context: Record<string, string>) => string;

/** What the server needs from prompts. */
export interface Prompts {
  /** The `prompts/list` answer, computed once. */
  readonly list: Prompt[];
  /**
   * Render one prompt (a promise the first time, while the Handlebars runtime loads). Throws ProtocolError
   * InvalidParams for an unknown prompt or a missing required argument.
   */
  get(name: string, args: Record<string, string> | undefined): GetPromptResult | Promise<GetPromptResult>;
}

// The runtime build has no compiler, only `template(spec)`; the types ship with the full package.
type HandlebarsRuntime = { create(): { template(spec: object): Render } };

let handlebars: Promise<HandlebarsRuntime> | undefined;

/** The Handlebars runtime, imported at the first prompts/get: a process that renders no prompt never loads it. */
function loadHandlebars(): Promise<HandlebarsRuntime> {
  return (handlebars ??= import("handlebars/runtime.js").then((module) => module.default as unknown as HandlebarsRuntime));
}

/** Load prompt templates once; each template spec is turned into a function on first use. */
export function createPrompts(prompts: readonly PromptRuntime[]): Prompts {
  let env: ReturnType<HandlebarsRuntime["create"]> | undefined;
  const byName = new Map(prompts.map((p) => [p.name, p]));
  const compiled = new Map<PromptRuntime, Render[]>();
  const list: Prompt[] = prompts.map((p) => {
    const out: Prompt = { name: p.name, arguments: p.arguments.map((a) => ({ ...a })) };
    if (p.title !== undefined) out.title = p.title;
    if (p.description !== undefined) out.description = p.description;
    return out;
  });
  return {
    list,
    get(name, args = {}) {
      const prompt = byName.get(name);
      if (!prompt) {
        const known = prompts.map((p) => p.name).join(", ") || "(none)";
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown prompt "${name}"; known prompts: ${known}`);
      }
      const missing = prompt.arguments.filter((a) => a.required && (args[a.name] === undefined || args[a.name] === ""));
      if (missing.length > 0) {
        const names = missing.map((a) => `"${a.name}"`).join(", ");
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `prompt "${name}" is missing required argument${missing.length > 1 ? "s" : ""} ${names}`);
      }
      const render = (): GetPromptResult => {
        let renders = compiled.get(prompt);
        if (!renders) {
          renders = prompt.messages.map((m) => env!.template(m.template));
          compiled.set(prompt, renders);
        }
        const context: Record<string, string> = {};
        for (const a of prompt.arguments) if (args[a.name] !== undefined) context[a.name] = args[a.name]!;
        let texts: string[];
        try {
          texts = renders.map((template) => template(context));
        } catch (error) {
          // A template that needs a field the arguments lack (strict mode): say which prompt, never a stack.
          throw new ProtocolError(ProtocolErrorCode.InvalidParams, `prompt "${name}" could not be rendered: ${(error as Error).message.split("\n")[0]}`);
        }
        const result: GetPromptResult = {
          messages: prompt.messages.map((m, i) => ({ role: m.role, content: { type: "text", text: texts[i]! } })),
        };
        if (prompt.description !== undefined) result.description = prompt.description;
        return result;
      };
      if (env) return render();
      return loadHandlebars().then((runtime) => {
        env ??= runtime.create();
        return render();
      });
    },
  };
}
