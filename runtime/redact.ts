// Replaces secret values (and credential header values) in error texts and log lines with "[redacted]".

/** Scrubs one string; cheap enough to run on every error text and log line. */
export interface Redactor {
  redact(text: string): string;
}

const REDACTED = "[redacted]";

/** Shorter values are not treated as secrets: redacting "1" or "ab" everywhere would garble every message. */
const MIN_SECRET_LENGTH = 4;

/** `Authorization: Bearer x`, `"cookie":"a=b"`, `x-api-key=…` and similar credential-bearing header values. */
const CREDENTIAL_HEADER =
  /((?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|private-token)(["']?\s*[:=]\s*["']?)([^"'\r\n,;}]+)/gi;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Builds a redactor for the given secret values. Each value is also matched in the forms it takes on the
 * wire (percent-encoded, as in a query string), so an upstream echoing the request back leaks nothing.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) forms.add(encoded);
  }
  // Longest first, so a secret containing another one is replaced whole.
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  const secretPattern = sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join("|"), "g") : undefined;
  return {
    redact(text: string): string {
      let out = secretPattern ? text.replace(secretPattern, REDACTED) : text;
      out = out.replace(CREDENTIAL_HEADER, (_m, name: string, sep: string, value: string) =>
        value.startsWith(REDACTED) ? `${name}${sep}${value}` : `${name}${sep}${REDACTED}`,
      );
      return out;
    },
  };
}
