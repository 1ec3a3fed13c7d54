// JSON pointers (RFC 6901): escape, join, split and look up, for spec `$ref`s and source pointers at build time and
// for ajv's instance paths at run time.

/** Escapes one reference token: `~` → `~0`, then `/` → `~1`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Undoes `escapeToken`: `~1` → `/`, then `~0` → `~` (in that order, so `~01` stays `~1`). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Joins reference tokens onto a pointer. @example joinPointer("/paths", "/pets", "get") → "/paths/~1pets/get" */
export function joinPointer(base: string, ...tokens: string[]): string {
  let out = base;
  for (const token of tokens) out += "/" + escapeToken(token);
  return out;
}

/** Splits a pointer into unescaped tokens; `""` is the whole document. Undefined when malformed. */
export function splitPointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  return pointer.slice(1).split("/").map(unescapeToken);
}

/** The value at `pointer` inside `doc` (own properties only), or undefined when any step is missing. */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  const tokens = splitPointer(pointer);
  if (!tokens) return undefined;
  let node: unknown = doc;
  for (const token of tokens) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** The last token of a pointer, unescaped. @example lastToken("/components/schemas/issue") → "issue" */
export function lastToken(pointer: string): string {
  const tokens = splitPointer(pointer);
  return tokens && tokens.length > 0 ? tokens[tokens.length - 1]! : "";
}
