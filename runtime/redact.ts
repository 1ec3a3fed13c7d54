// Replaces secret values (and credential header values) in error texts and log lines with "[redacted]".

/** Scrubs one string; cheap enough to run on every error text and log line. */
export interface Redactor {
  redact(text: string): string;
  /**
   * Only the secret values, none of the header heuristics: for data a client receives (a result), where a
   * `"cookie": "…"` field may be real data. Returns `text` itself when it holds no secret, which is cheap to
   * find out: a few `includes` scans, no regular expression.
   */
  redactSecrets(text: string): string;
}

/** The process-wide redactor: run-time credentials (fetched tokens) join its set with `add`. */
export interface GrowingRedactor extends Redactor {
  /** Redacts `secret` (and its wire forms) from now on, everywhere this redactor is used. */
  add(secret: string): void;
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

function addForms(forms: Set<string>, secret: string): boolean {
  if (secret.length < MIN_SECRET_LENGTH || forms.has(secret)) return false;
  forms.add(secret);
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) forms.add(encoded);
  return true;
}

function patternOf(forms: Set<string>): RegExp | undefined {
  // Longest first, so a secret containing another one is replaced whole.
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join("|"), "g") : undefined;
}

/**
 * Builds a redactor for the given secret values. Each value is also matched in the forms it takes on the
 * wire (percent-encoded, as in a query string), so an upstream echoing the request back leaks nothing.
 * Values added later (`add`: a token fetched at run time) are redacted from then on.
 */
export function createRedactor(secrets: Iterable<string>): GrowingRedactor {
  const forms = new Set<string>();
  for (const secret of secrets) addForms(forms, secret);
  let secretPattern = patternOf(forms);
  return {
    redactSecrets(text: string): string {
      return secretPattern && containsAny(text, forms) ? text.replace(secretPattern, REDACTED) : text;
    },
    redact(text: string): string {
      let out = secretPattern ? text.replace(secretPattern, REDACTED) : text;
      out = out.replace(CREDENTIAL_HEADER, (_m, name: string, sep: string, value: string) =>
        value.startsWith(REDACTED) ? `${name}${sep}${value}` : `${name}${sep}${REDACTED}`,
      );
      return out;
    },
    add(secret: string): void {
      if (addForms(forms, secret)) secretPattern = patternOf(forms);
    },
  };
}

/** `base` plus values known only for one call (forwarded credentials): those go first, then `base`'s. */
export function withCallSecrets(base: Redactor, secrets: readonly string[]): Redactor {
  if (secrets.length === 0) return base;
  const forms = new Set<string>();
  for (const secret of secrets) addForms(forms, secret);
  const pattern = patternOf(forms);
  if (!pattern) return base;
  return {
    redact: (text) => base.redact(text.replace(pattern, REDACTED)),
    redactSecrets: (text) => base.redactSecrets(containsAny(text, forms) ? text.replace(pattern, REDACTED) : text),
  };
}

function containsAny(text: string, forms: ReadonlySet<string>): boolean {
  for (const form of forms) if (text.includes(form)) return true;
  return false;
}
