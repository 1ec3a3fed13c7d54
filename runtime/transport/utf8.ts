// The UTF-8 bytes of an outgoing message, counted and encoded in one pass. Node's own ways from a string to
// bytes measure the UTF-8 length in a pass of their own first: `Buffer.byteLength(body)` for a content-length
// then `res.end(body)`, or a stream's write of a string (which counts, allocates, then encodes). For the 2 MB
// tools/list of a large API that pass costs 2-5 ms; writing into a buffer sized up front yields the length.

/** Below this many UTF-16 code units the string paths are as fast; above, the buffer is sized up front. */
const LARGE = 64 * 1024;

/**
 * `text` (plus `suffix`, if any) as UTF-8, the same bytes `Buffer.from` gives (lone surrogates become U+FFFD
 * either way). A long text is written into a buffer of one byte per code unit plus room for some multi-byte
 * characters, and again into one of the worst case (three per code unit) should it not fit.
 */
export function utf8(text: string, suffix = ""): Buffer {
  if (text.length < LARGE) return Buffer.from(text + suffix, "utf8");
  let capacity = text.length + (text.length >> 6) + suffix.length + 8;
  for (;;) {
    const buffer = Buffer.allocUnsafe(capacity);
    const written = buffer.write(text, 0, "utf8");
    // A write stops before a character that does not fit (at most 4 bytes): with more room left, all of it fit.
    if (written + 4 + suffix.length < capacity) return buffer.subarray(0, written + buffer.write(suffix, written, "utf8"));
    capacity = text.length * 3 + suffix.length + 8;
  }
}
