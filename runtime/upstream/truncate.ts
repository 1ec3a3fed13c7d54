// Cuts a response body to the byte cap on a UTF-8 boundary and says how much was cut.

// Made at the first cut body, not when this module loads with the call path (at the first tools/call, or once
// start-up is over): ICU's number-format set-up costs ~15 ms, for a format only a cut or oversized body uses.
let numberFormat: Intl.NumberFormat | undefined;

/** `1234567` → `"1,234,567"`. */
export function formatBytes(n: number): string {
  numberFormat ??= new Intl.NumberFormat("en-US");
  return numberFormat.format(n);
}

/** The marker appended to a cut text. @example "… [truncated: 1,234,567 of 2,134,567 bytes cut]" */
function truncationMarker(cut: number, total: number, exact: boolean): string {
  return exact
    ? `… [truncated: ${formatBytes(cut)} of ${formatBytes(total)} bytes cut]`
    : `… [truncated: at least ${formatBytes(cut)} of more than ${formatBytes(total)} bytes cut]`;
}

/** The largest length ≤ `end` that does not split a UTF-8 sequence in `bytes`. */
function utf8Boundary(bytes: Uint8Array, end: number): number {
  let i = end;
  // Back off over continuation bytes (10xxxxxx) to the start of the cut character.
  while (i > 0 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i--;
  return i;
}

/** The first `length` bytes as UTF-8 text; a Buffer (what the upstream gives) is read without a second view. */
function utf8(body: Uint8Array, length: number): string {
  return Buffer.isBuffer(body) ? body.toString("utf8", 0, length) : Buffer.from(body.buffer, body.byteOffset, length).toString("utf8");
}

/**
 * `body` (at most `maxBytes` of a `totalBytes` response) as text of at most `maxBytes` UTF-8 bytes,
 * marker included, when the response was longer than the cap; as is otherwise.
 */
export function truncateText(body: Uint8Array, totalBytes: number, exact: boolean, maxBytes: number): { text: string; truncated: boolean } {
  if (totalBytes <= maxBytes && body.length <= maxBytes) return { text: utf8(body, body.length), truncated: false };
  // Reserve room for the longest marker this response can need (cut ≤ total).
  let keep = Math.max(0, maxBytes - Buffer.byteLength(truncationMarker(totalBytes, totalBytes, exact)));
  keep = utf8Boundary(body, Math.min(keep, body.length));
  const marker = truncationMarker(totalBytes - keep, totalBytes, exact);
  const text = utf8(body, keep);
  return { text: text + marker, truncated: true };
}
