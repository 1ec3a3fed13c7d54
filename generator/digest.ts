// sha256 digests as the generator writes them: lower-case hex, and the `sha256:<hex>` labels of manifest.json.
import { createHash } from "node:crypto";

/** sha256 of the parts fed one after another (the digest of their concatenation), lower-case hex (64 characters). */
export function sha256Hex(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

/**
 * A digest as manifest.json labels it. Callers cut `hex` first where a shorter label is enough, so each
 * truncation stays visible where it is decided. @example sha256Label(sha256Hex(text)) → "sha256:3f1c…"
 */
export function sha256Label(hex: string): string {
  return `sha256:${hex}`;
}
