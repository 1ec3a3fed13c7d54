// Child process of scripts/corpus.ts: builds one spec at a time in memory and reports a summary over IPC.
import { basename, dirname, join } from "node:path";
import { build } from "../generator/build.js";
import { listedShapeProblems } from "./corpus-shape.js";

/** Parent → worker: build this spec. */
export interface CorpusTask {
  /** Sequence number, echoed back so the parent can match replies. */
  id: number;
  /** Absolute path of the spec file. */
  spec: string;
}

/** Diagnostics of one code and severity within one spec. */
export interface CodeCount {
  code: string;
  severity: string;
  count: number;
}

/** Worker → parent: what building one spec gave. */
export interface CorpusReply {
  id: number;
  /** "built": build() returned (with or without error diagnostics); "crash": it threw or rejected. */
  outcome: "built" | "crash";
  /** Tools in the build result (0 on crash). */
  tools: number;
  /** Listed tools that some client would refuse (see corpus-shape.ts), and the first few problems. Must be 0. */
  badShapes: number;
  shapeProblems: string[];
  /** Diagnostic counts by code and severity. */
  counts: CodeCount[];
  /** The first error-severity messages, as `code message` (capped, for grouping in the summary). */
  errors: string[];
  /** Set when the exception escaped build() (a stray callback or promise): the worker exits after sending. */
  fatal?: boolean;
  /** The exception's stack (first lines), on crash. */
  crash?: string;
  /** Wall time of build(), milliseconds. */
  ms: number;
  /** This process's peak resident set so far, bytes. */
  maxRss: number;
}

const MAX_ERRORS = 20;

/** The per-spec config: one app, the spec beside the (virtual) gateway.yaml, an unreachable base URL. */
export function corpusConfig(spec: string): { configPath: string; configText: string } {
  const configText = `name: corpus\napps:\n  api:\n    openapi: ${JSON.stringify(`./${basename(spec)}`)}\n    base_url: http://127.0.0.1:1\n`;
  return { configPath: join(dirname(spec), "gateway.yaml"), configText };
}

function firstLines(error: unknown, lines = 8): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.split("\n").slice(0, lines).join("\n");
}

function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function run(task: CorpusTask): Promise<CorpusReply> {
  const started = performance.now();
  try {
    const result = await build(corpusConfig(task.spec));
    const counts = new Map<string, CodeCount>();
    const errors: string[] = [];
    for (const d of result.diagnostics) {
      const key = `${d.code} ${d.severity}`;
      const entry = counts.get(key) ?? { code: d.code, severity: d.severity, count: 0 };
      entry.count++;
      counts.set(key, entry);
      if (d.severity === "error" && errors.length < MAX_ERRORS) errors.push(`${d.code} ${d.message}`);
    }
    let badShapes = 0;
    const shapeProblems: string[] = [];
    for (const entry of result.values?.entries ?? []) {
      const problems = listedShapeProblems(entry.json);
      if (problems.length === 0) continue;
      badShapes++;
      if (shapeProblems.length < MAX_ERRORS) shapeProblems.push(...problems.slice(0, MAX_ERRORS - shapeProblems.length));
    }
    const ms = performance.now() - started;
    return { id: task.id, outcome: "built", tools: result.tools, badShapes, shapeProblems, counts: [...counts.values()], errors, ms, maxRss: maxRss() };
  } catch (error) {
    const ms = performance.now() - started;
    return { id: task.id, outcome: "crash", tools: 0, badShapes: 0, shapeProblems: [], counts: [], errors: [], crash: firstLines(error), ms, maxRss: maxRss() };
  }
}

let current: CorpusTask | undefined;

function send(reply: CorpusReply): void {
  process.send?.(reply);
}

// An exception thrown from a stray callback or promise inside build() also escapes it: report it against
// the spec being built, then exit so no half-finished state leaks into the next spec.
function escaped(error: unknown): void {
  const id = current?.id ?? -1;
  const reply: CorpusReply = { id, outcome: "crash", fatal: true, tools: 0, badShapes: 0, shapeProblems: [], counts: [], errors: [], crash: firstLines(error), ms: 0, maxRss: maxRss() };
  process.send?.(reply, undefined, undefined, () => process.exit(1));
}

if (process.send) {
  process.on("uncaughtException", escaped);
  process.on("unhandledRejection", escaped);
  process.on("message", (task: CorpusTask) => {
    current = task;
    void run(task).then((reply) => {
      current = undefined;
      send(reply);
    });
  });
}
