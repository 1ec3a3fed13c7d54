// Flattens nested objects and arrays into bracket-notation pairs: `metadata[key]=v`, `items[0][price]=p`.

/** One `key=value` pair before encoding. @example ["items[0][price]", "p_1"] */
export type Pair = [key: string, value: string];

/** How a scalar becomes text on the wire: booleans as true/false, numbers as written; null/undefined → none. */
export function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

/**
 * Appends `value` under `key` in bracket notation, as Stripe, Rails and PHP read it. Arrays use indices
 * (`expand[0]=a`), not `expand[]=a`: indices keep arrays of objects unambiguous (`items[0][price]`,
 * `items[0][quantity]`) and are what Stripe's own client (qs, `arrayFormat: "indices"`) sends.
 * An empty array or object sends nothing; null members are skipped; `""` is kept (Stripe uses it to unset).
 * Depth is bounded by the validated input, which is finite JSON.
 */
export function flattenBrackets(key: string, value: unknown, out: Pair[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) flattenBrackets(`${key}[${i}]`, value[i], out);
    return;
  }
  if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenBrackets(`${key}[${k}]`, v, out);
    return;
  }
  out.push([key, scalarText(value) as string]);
}
