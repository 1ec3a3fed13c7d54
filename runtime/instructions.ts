// The `instructions` a client may give its model: which APIs this connection reaches, and in dynamic mode how
// to find a tool. Short on purpose: it is read on every connection, and tool descriptions carry the detail.

import type { Catalog } from "./catalog.js";
import type { Connection } from "./context.js";
import type { GatewayRuntime } from "./contract.js";

export type Era = "legacy" | "modern";

export type Instructions = (connection: Pick<Connection, "mode" | "apps">, era: Era) => string;

/** One text per (mode, apps, era), built on first use and kept. */
export function createInstructions(gateway: GatewayRuntime, catalog: Catalog): Instructions {
  const cache = new Map<string, string>();
  return (connection, era) => {
    const key = `${connection.mode}|${connection.apps?.join(",") ?? "*"}|${era}`;
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = compose(gateway, catalog, connection, era)));
    return text;
  };
}

function compose(gateway: GatewayRuntime, catalog: Catalog, connection: Pick<Connection, "mode" | "apps">, era: Era): string {
  const view = catalog.view(connection.apps);
  const counts = new Map<string, number>();
  for (const name of catalog.names(view)) {
    const app = catalog.lookup(name, view)!.app;
    counts.set(app, (counts.get(app) ?? 0) + 1);
  }
  const apps = [...counts].map(([name, tools]) => {
    const title = gateway.apps.find((app) => app.name === name)?.title;
    return `${name}${title ? ` (${title})` : ""}: ${tools} tool${tools === 1 ? "" : "s"}`;
  });
  const lines = [`${gateway.name} calls these APIs for you: ${apps.join("; ")}.`];
  if (connection.mode === "dynamic") {
    lines.push(
      era === "modern"
        ? "Their tools are not listed up front: call search-tools with what you want to do, then call-tool with a tool's name and arguments (search-tools returns each tool's input schema)."
        : "Their tools are not listed up front: call search-tools with what you want to do, enable-tools with the names you need (it returns their input schemas), then call them.",
    );
  }
  return lines.join(" ");
}
