// Where a value or key sits in a parsed gateway.yaml: line, column and source line, for diagnostics.
import { isMap, isNode, isPair, isScalar, type Document, type LineCounter, type Node } from "yaml";
import type { Position } from "./types.js";

/** The parsed file, with what is needed to turn offsets into positions. */
export interface SourceFile {
  /** Repo-relative path for diagnostics. @example "gateway.yaml" */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** A located span: 1-based line and column of its first character, plus its source line. */
export interface Located extends Position {
  excerpt: string;
}

/** Position and source line of a character offset. */
export function locateOffset(src: SourceFile, offset: number): Located {
  const { line, col } = src.lineCounter.linePos(Math.min(Math.max(offset, 0), src.text.length));
  return { line, column: col, excerpt: sourceLine(src.text, line) };
}

/** The text of 1-based line `line`, without its line break. */
export function sourceLine(text: string, line: number): string {
  return (text.split(/\r?\n/)[line - 1] ?? "").replace(/\t/g, " ");
}

/** The node at `path`, or the deepest ancestor that exists (aliases and missing keys stop the walk). */
export function nodeAt(doc: Document.Parsed, path: readonly (string | number)[]): { node: Node | null; depth: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const found = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(found)) return { node: found, depth };
  }
  return { node: null, depth: 0 };
}

/** The key node of `path`'s last segment inside its parent map, when there is one. */
export function keyNodeAt(doc: Document.Parsed, path: readonly (string | number)[]): Node | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last);
  return pair && isNode(pair.key) ? pair.key : undefined;
}

/** Position of the value at `path` (or of its nearest existing ancestor). */
export function locateValue(src: SourceFile, path: readonly (string | number)[]): Located {
  const { node } = nodeAt(src.doc, path);
  return locateOffset(src, node?.range?.[0] ?? 0);
}

/** Position of the key naming `path` in its parent map; falls back to the value's position. */
export function locateKey(src: SourceFile, path: readonly (string | number)[]): Located {
  const key = keyNodeAt(src.doc, path);
  return key?.range ? locateOffset(src, key.range[0]) : locateValue(src, path);
}

/** Position of the key of the map at `path` (or the document start at the root): where a missing key belongs. */
export function locateParent(src: SourceFile, path: readonly (string | number)[]): Located {
  return path.length === 0 ? locateValue(src, path) : locateKey(src, path);
}
