// Paths inside gateway.yaml: segments ↔ the dotted label users read ("apps.github.auth").

/** Segments with numeric strings turned into numbers, as yaml's `getIn` wants for sequences. */
export function yamlPath(path: readonly string[]): (string | number)[] {
  return path.map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/**
 * The label users see: identifiers joined by dots, indexes and odd keys in brackets.
 * @example ["apps", "github", "tools", "repos/get", "name"] → `apps.github.tools["repos/get"].name`
 */
export function pathLabel(path: readonly (string | number)[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number" || /^(0|[1-9][0-9]*)$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** "in limits" / "at the top level", for messages about a key inside the map at `path`. */
export function where(path: readonly (string | number)[]): string {
  return path.length === 0 ? "at the top level" : `in ${pathLabel(path)}`;
}
