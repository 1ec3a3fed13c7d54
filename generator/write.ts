// Emitted files vs generated/ on disk: write what changed, delete what is no longer produced, or (--check)
// describe the drift tool by tool without writing anything.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, rmdirSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { compareCodeUnits } from "../runtime/shared/compare.js";
import type { EmittedFile } from "./emit/emit.js";
import type { Manifest, ManifestTool } from "./emit/manifest.js";

export interface FileChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ToolDrift {
  kind: "+" | "-" | "~";
  /** `<app>/<tool>` */
  tool: string;
  /** For `~`: which parts differ. */
  parts: string[];
  /** Tokens of the tool's tools/list entry before and after (0 for a tool that is not there). */
  tokens: { before: number; after: number };
}

/** Every file under `dir`, relative with forward slashes; empty when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

export function diffFiles(dir: string, files: EmittedFile[]): FileChanges {
  const onDisk = new Set(listFiles(dir));
  const changes: FileChanges = { added: [], changed: [], removed: [] };
  for (const file of files) {
    if (!onDisk.has(file.path)) changes.added.push(file.path);
    else if (readFileSync(join(dir, file.path), "utf8") !== file.contents) changes.changed.push(file.path);
    onDisk.delete(file.path);
  }
  changes.removed = [...onDisk].sort();
  return changes;
}

/** Writes only files whose bytes differ, deletes stale ones and the folders they leave empty. */
export function writeFiles(dir: string, files: EmittedFile[], changes: FileChanges): void {
  const byPath = new Map(files.map((file) => [file.path, file.contents]));
  for (const path of [...changes.added, ...changes.changed]) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), byPath.get(path)!);
  }
  for (const path of changes.removed) {
    rmSync(join(dir, path));
    removeEmptyParents(dir, dirname(join(dir, path)));
  }
}

function removeEmptyParents(root: string, dir: string): void {
  while (dir.startsWith(root) && dir !== root && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = dirname(dir);
  }
}

const PARTS: (keyof ManifestTool)[] = ["schema", "description", "annotations", "scopes", "request", "tokens"];

/** Tool-level drift between the manifest on disk (`previous`, as the build read it) and the one just emitted. */
export function toolDrift(previous: Manifest | undefined, emitted: Manifest): ToolDrift[] {
  const before = previous?.tools ?? [];
  const after = emitted.tools;
  const key = (tool: ManifestTool) => `${tool.app}/${tool.name}`;
  const old = new Map(before.map((tool) => [key(tool), tool]));
  const drift: ToolDrift[] = [];
  for (const tool of after) {
    const previous = old.get(key(tool));
    old.delete(key(tool));
    if (!previous) drift.push({ kind: "+", tool: key(tool), parts: [], tokens: { before: 0, after: tool.tokens } });
    else {
      const changed = PARTS.filter((part) => previous[part] !== tool[part]).map((part) => (part === "schema" ? "inputSchema" : part));
      // The token delta is printed beside every changed tool: as a part it is named only when nothing else changed.
      const parts = changed.length > 1 ? changed.filter((part) => part !== "tokens") : changed;
      if (parts.length > 0) drift.push({ kind: "~", tool: key(tool), parts, tokens: { before: previous.tokens ?? 0, after: tool.tokens } });
    }
  }
  for (const [name, tool] of old) drift.push({ kind: "-", tool: name, parts: [], tokens: { before: tool.tokens ?? 0, after: 0 } });
  return drift.sort((a, b) => compareCodeUnits(a.tool, b.tool));
}
