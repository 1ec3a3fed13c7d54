// Dynamic mode's initial tools/list size and enable-tools latency, over HTTP with the SDK Client.

import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { performance } from "node:perf_hooks";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import type { Bounds } from "./loops.js";
import { closeHttpClient, connectHttp } from "./server.js";
import { summarize, type Summary } from "./stats.js";

/** What the dynamic section measured, or why it was skipped. */
export type DynamicResult =
  | { kind: "skipped"; note: string }
  | {
      kind: "measured";
      /** Names in the initial dynamic tools/list. */
      listed: string[];
      /** Bytes of the initial tools/list result as JSON. */
      listBytes: number;
      /** o200k tokens of the initial tools/list result as JSON. */
      listTokens: number;
      /** Enabling one tool, ms; null with a note when enable-tools is missing. */
      enable: Summary | null;
      /** "disable between" or "fresh session each time". */
      enableMethod: string;
      note?: string;
    };

interface ToolEntry {
  name: string;
  inputSchema?: { properties?: Record<string, unknown> };
}

/** Lists tools in a `?mode=dynamic` session, then times enable-tools for `tool`. */
export async function benchDynamic(url: string, tool: string, bounds: Bounds, warmup: number): Promise<DynamicResult> {
  let client: Client;
  try {
    client = await connectHttp(url, "mode=dynamic");
  } catch (error) {
    return { kind: "skipped", note: `?mode=dynamic refused: ${(error as Error).message.slice(0, 160)}` };
  }
  try {
    const result = (await client.request({ method: "tools/list" }, ResultSchema)) as { tools: ToolEntry[] };
    const listed = result.tools.map((t) => t.name);
    const listJson = JSON.stringify(result);
    const listBytes = Buffer.byteLength(listJson);
    const listTokens = encode(listJson).length;
    const enableTool = result.tools.find((t) => t.name === "enable-tools");
    if (!enableTool) return { kind: "measured", listed, listBytes, listTokens, enable: null, enableMethod: "", note: "no enable-tools meta tool yet" };
    const param = Object.keys(enableTool.inputSchema?.properties ?? {}).find((key) => key === "tools" || key === "names") ?? "tools";
    const canDisable = listed.includes("disable-tools");
    const enable = canDisable
      ? await enableWithDisable(client, param, tool, bounds, warmup)
      : await enableFreshSessions(url, param, tool, bounds, warmup);
    return { kind: "measured", listed, listBytes, listTokens, enable: summarize(enable), enableMethod: canDisable ? "disable between" : "fresh session each time" };
  } finally {
    await closeHttpClient(client);
  }
}

async function enableWithDisable(client: Client, param: string, tool: string, bounds: Bounds, warmup: number): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + bounds.maxMs;
  for (let i = 0; i < warmup + bounds.count && performance.now() < deadline; i++) {
    const ms = await timedEnable(client, param, tool);
    if (i >= warmup) samples.push(ms);
    await callMeta(client, "disable-tools", { [param]: [tool] });
  }
  return samples;
}

async function enableFreshSessions(url: string, param: string, tool: string, bounds: Bounds, warmup: number): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + bounds.maxMs;
  for (let i = 0; i < warmup + bounds.count && performance.now() < deadline; i++) {
    const client = await connectHttp(url, "mode=dynamic");
    try {
      const ms = await timedEnable(client, param, tool);
      if (i >= warmup) samples.push(ms);
    } finally {
      await closeHttpClient(client);
    }
  }
  return samples;
}

async function timedEnable(client: Client, param: string, tool: string): Promise<number> {
  const t0 = performance.now();
  await callMeta(client, "enable-tools", { [param]: [tool] });
  return performance.now() - t0;
}

async function callMeta(client: Client, name: string, args: Record<string, unknown>): Promise<void> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content).slice(0, 300)}`);
}
