// The machine the numbers come from: cores, CPU model, memory, Node version, load average.

import { cpus, loadavg, totalmem } from "node:os";

/** Facts printed at the top of the report. */
export interface Machine {
  /** Logical cores. */
  cores: number;
  cpu: string;
  /** Total memory in MB. */
  memoryMb: number;
  /** @example "v20.20.2" */
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages, rounded to 2 decimals. */
  load: [number, number, number];
}

export function describeMachine(): Machine {
  const list = cpus();
  const [a, b, c] = loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? "unknown",
    memoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    load: [a, b, c],
  };
}

/** Current 1-minute load average, for before/after comparisons. */
export function load1(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/** The 1, 5 and 15 minute load averages now, rounded to 2 decimals. */
export function loadavgNow(): [number, number, number] {
  return loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
}
