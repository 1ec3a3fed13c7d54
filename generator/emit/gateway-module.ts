// generated/gateway.ts: the runtime view of gateway.yaml (server, limits, apps, prompts), secrets left symbolic.
import Handlebars from "handlebars";
import type { AppRuntime, GatewayRuntime, PromptRuntime } from "../../runtime/app.js";
import type { Config, PromptConfig } from "../config/types.js";
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
    apps: config.apps.map((app): AppRuntime => ({
      name: app.name,
      title: app.title,
      baseUrl: app.baseUrl ?? facts[app.name]?.specBaseUrl ?? "",
      baseUrlEnv: app.baseUrlEnv,
      auth: app.auth,
      headers: app.headers,
    })),
    prompts: config.prompts.map(promptRuntimeOf),
  };
}

/** Templates are precompiled here, so the server only needs Handlebars' small runtime. */
function promptRuntimeOf(prompt: PromptConfig): PromptRuntime {
  return {
    ...prompt,
    messages: prompt.messages.map((message) => ({
      role: message.role,
      template: new RawCode(Handlebars.precompile(message.template, { noEscape: true, strict: false }) as string),
    })),
  };
}

export function renderGatewayModule(gateway: GatewayRuntime, configFile: string, runtimeImport: string): string {
  return render("gateway", { config: configFile, runtimeImport, gateway });
}
