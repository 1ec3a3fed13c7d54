// Percent-encoding for URL paths, query strings and form bodies, stricter than encodeURIComponent.

const EXTRA = /[!'()*]/g;

function hex(ch: string): string {
  return `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Only unreserved characters: nothing to encode (most names, ids and owners). */
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** encodeURIComponent plus `!'()*`: only unreserved characters (RFC 3986 §2.3) stay as they are. */
export function encodeStrict(value: string): string {
  return UNRESERVED.test(value) ? value : encodeURIComponent(value).replace(EXTRA, hex);
}

/** RFC 3986 reserved characters that `allowReserved` leaves raw. `&`, `=`, `#` and `+` stay encoded:
 *  raw, they would split the parameter, end the URL, or read as a space. */
const RESERVED_KEPT = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B|5B|5D)/g;

/** Query-value encoding; `allowReserved` keeps `:/?@!$'()*,;[]` raw (OpenAPI `allowReserved: true`). */
export function encodeQuery(value: string, allowReserved: boolean): string {
  const encoded = encodeStrict(value);
  return allowReserved ? encoded.replace(RESERVED_KEPT, (m) => decodeURIComponent(m)) : encoded;
}

/** A path segment made only of `.` or `..` would be a dot-segment; send its dots encoded. */
const DOT_SEGMENT = /(^|\/)(\.\.?)(?=\/|$)/g;

/**
 * Makes an assembled path safe: any `.` or `..` segment (only values can produce one, since every
 * value is already encoded with `encodeStrict`) becomes `%2E` / `%2E%2E`, so a value never traverses.
 * The HTTP client sends the path as is (node:http does not normalise dot-segments, unlike WHATWG URL).
 */
export function neutraliseDotSegments(path: string): string {
  return path.includes(".") ? path.replace(DOT_SEGMENT, (_m, slash: string, dots: string) => slash + dots.replace(/\./g, "%2E")) : path;
}
