// A pool of forked corpus workers: one spec per worker at a time, a per-spec time limit that kills a hung
// worker, and a fresh worker after every kill or unexpected exit.
import { fork, type ChildProcess } from "node:child_process";
import type { CorpusReply, CorpusTask } from "./corpus-worker.js";

/** What happened to one spec. */
export interface SpecOutcome {
  /** The spec's label (path relative to the corpus root). */
  label: string;
  spec: string;
  /** "hang": killed at the time limit; "exit": the worker died without answering (counted as a crash). */
  outcome: "built" | "crash" | "hang" | "exit";
  reply?: CorpusReply;
  /** Why the worker died, with the tail of its stderr. */
  detail?: string;
  /** Wall time seen by the parent, milliseconds. */
  ms: number;
}

/** One spec to build. */
export interface PoolSpec {
  label: string;
  /** Absolute path. */
  spec: string;
  /** Time limit for this spec, milliseconds; past it the worker is killed and the spec counted a hang. */
  timeoutMs: number;
}

export interface PoolOptions {
  /** The bundled worker module (.mjs). */
  workerPath: string;
  /** Concurrent workers. */
  jobs: number;
  /** Called after each spec, in completion order. */
  onOutcome: (outcome: SpecOutcome) => void;
}

interface Slot {
  child: ChildProcess;
  stderr: string[];
  task?: { id: number; label: string; spec: string; started: number; timer: NodeJS.Timeout };
}

const STDERR_KEEP = 20;

/** Runs every spec through the pool; resolves once all have an outcome. */
export function runPool(specs: PoolSpec[], options: PoolOptions): Promise<void> {
  let next = 0;
  let done = 0;
  let idSeq = 0;
  const slots = new Set<Slot>();
  return new Promise((resolve) => {
    if (specs.length === 0) return resolve();

    const finish = (slot: Slot, outcome: Omit<SpecOutcome, "label" | "spec" | "ms">): void => {
      const task = slot.task;
      if (!task) return;
      clearTimeout(task.timer);
      slot.task = undefined;
      options.onOutcome({ label: task.label, spec: task.spec, ms: performance.now() - task.started, ...outcome });
      done++;
      if (done === specs.length) {
        for (const s of slots) s.child.kill("SIGKILL");
        slots.clear();
        resolve();
      }
    };

    const dispatch = (slot: Slot): void => {
      if (next >= specs.length) {
        slots.delete(slot);
        slot.child.kill("SIGKILL");
        return;
      }
      const { label, spec, timeoutMs } = specs[next++];
      const id = idSeq++;
      const timer = setTimeout(() => {
        // Kill first, record after: the replacement must not race the dying worker.
        slots.delete(slot);
        slot.child.removeAllListeners("exit");
        slot.child.kill("SIGKILL");
        finish(slot, { outcome: "hang", detail: `no answer after ${timeoutMs} ms` });
        if (next < specs.length) spawn();
      }, timeoutMs);
      slot.task = { id, label, spec, started: performance.now(), timer };
      const task: CorpusTask = { id, spec };
      slot.child.send(task);
    };

    const spawn = (): void => {
      const child = fork(options.workerPath, [], { stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
      const slot: Slot = { child, stderr: [] };
      slots.add(slot);
      child.stderr?.setEncoding("utf8");
      child.stderr?.on("data", (chunk: string) => {
        slot.stderr.push(chunk);
        if (slot.stderr.length > STDERR_KEEP) slot.stderr.shift();
      });
      child.on("message", (reply: CorpusReply) => {
        if (!slot.task || reply.id !== slot.task.id) return;
        finish(slot, { outcome: reply.outcome, reply });
        if (reply.fatal) return; // the worker exits after an escaped exception; its "exit" handler respawns
        dispatch(slot);
      });
      child.on("exit", (code, signal) => {
        const wasMember = slots.delete(slot);
        if (slot.task) {
          const tail = slot.stderr.join("").split("\n").slice(-12).join("\n").trim();
          finish(slot, { outcome: "exit", detail: `worker exited (code ${code}, signal ${signal})${tail ? `\n${tail}` : ""}` });
        }
        if (wasMember && done < specs.length && next < specs.length) spawn();
      });
      dispatch(slot);
    };

    for (let i = 0; i < Math.min(options.jobs, specs.length); i++) spawn();
  });
}
