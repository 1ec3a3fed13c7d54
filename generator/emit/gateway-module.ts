// generated/gateway.ts: the runtime view of gateway.yaml (server, limits, apps, prompts), secrets left symbolic.
import Handlebars from "handlebars";
import type { AppRuntime, GatewayRuntime, PromptRuntime } from "../../runtime/contract.js";
import type { Config, PromptConfig } from "../config/types.js";
import { DIALECTS } from "../dialects/index.js";
import { RawCode } from "./literal.js";
import { render } from "./render.js";

/** What the sources learned about each app that gateway.yaml may leave out. */
export interface AppFacts {
  /** The spec's first server URL, used when gateway.yaml sets no base_url. */
  specBaseUrl?: string;
}

export function gatewayRuntimeOf(config: Config, facts: Record<string, AppFacts>): GatewayRuntime {
  return {
    name: config.name,
    version: config.version,
    mode: config.mode,
    server: config.server,
    limits: config.limits,
    ...(config.audit ? { audit: config.audit } : {}),
    ...(config.dialects.length > 0 && { dialects: config.dialects.map(({ name, clients }) => ({ name, clients, reverse: DIALECTS[name]!.reverse })) }),
    sensitiveFields: config.sensitiveFields,
    apps: config.apps.map((app): AppRuntime => ({
      name: app.name,
      title: app.title,
      baseUrl: app.baseUrl ?? facts[app.name]?.specBaseUrl ?? "",
      baseUrlEnv: app.baseUrlEnv,
      auth: app.auth,
      headers: app.headers,
      redirectOrigins: app.redirectOrigins,
      ...(app.retry !== undefined && { retry: app.retry }),
      ...(app.breaker !== undefined && { breaker: app.breaker }),
    })),
    prompts: config.prompts.map(promptRuntimeOf),
  };
}

/** Message templates point into generated/prompts.ts, where they are precompiled. */
function promptRuntimeOf(prompt: PromptConfig): PromptRuntime {
  return {
    ...prompt,
    messages: prompt.messages.map((message, index) => ({
      role: message.role,
      template: new RawCode(`templates[${JSON.stringify(templateKey(prompt, index))}]`),
    })),
  };
}

function templateKey(prompt: PromptConfig, index: number): string {
  return `${prompt.name}/${index}`;
}

/**
 * generated/prompts.ts: every prompt message precompiled with Handlebars, so the server needs only its small
 * runtime. The precompiled code is plain JavaScript that Handlebars prints, hence no type check of this file.
 */
export function renderPromptsModule(templates: PromptTemplates): string {
  return render("prompts", { templates });
}

/** Every prompt message precompiled, by `templateKey`: the `templates` object the gateway value refers to. */
export type PromptTemplates = Record<string, RawCode>;

export function precompilePrompts(prompts: PromptConfig[]): PromptTemplates {
  const entries: PromptTemplates = {};
  for (const prompt of prompts) {
    prompt.messages.forEach((message, index) => {
      entries[templateKey(prompt, index)] = new RawCode(Handlebars.precompile(message.template, { noEscape: true }) as string);
    });
  }
  return entries;
}

export function renderGatewayModule(gateway: GatewayRuntime, configFile: string, contractImport: string): string {
  return render("gateway", { config: configFile, contractImport, gateway });
}
