// The lines printed when the HTTP server is ready: its URL and snippets to paste into common MCP clients.

export interface BannerFacts {
  name: string;
  url: string;
  tools: number;
  mode: string;
  auth: "bearer" | "none";
  /** Path of the running server file, for the stdio snippet. */
  serverPath?: string;
}

export function readyBanner({ name, url, tools, mode, auth, serverPath }: BannerFacts): string {
  const header = auth === "bearer" ? ` --header "Authorization: Bearer $GATEWAY_TOKEN"` : "";
  const desktop = JSON.stringify({ mcpServers: { [name]: { command: "npx", args: ["-y", "mcp-remote@0.1.29", url, ...(auth === "bearer" ? ["--header", "Authorization: Bearer ${GATEWAY_TOKEN}"] : [])] } } });
  return [
    `gateway: listening on ${url} (${thousands(tools)} tools, ${mode} mode, ${auth === "bearer" ? "bearer auth" : "no auth, loopback only"})`,
    `  dynamic mode:   ${url}?mode=dynamic`,
    `  Claude Code:    claude mcp add --transport http ${name} ${url}${header}`,
    `  Claude Desktop: ${desktop}`,
    `  mcp-remote:     npx -y mcp-remote@0.1.29 ${url}${auth === "bearer" ? ` --header "Authorization: Bearer $GATEWAY_TOKEN"` : ""}`,
    ...(serverPath ? [`  stdio:          claude mcp add ${name} -- node ${serverPath} --stdio`] : []),
    `  Inspector CLI:  npx @modelcontextprotocol/inspector --cli ${url} --transport http --method tools/list`,
    "",
  ].join("\n");
}

/**
 * `n` with a comma every three digits, as `n.toLocaleString("en-US")` prints a count: without its first call's
 * ICU number-format set-up (~12 ms, which the banner paid just before the server could take its first request).
 */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}
