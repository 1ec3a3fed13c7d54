// JSON text carried inside a message object and spliced in verbatim when the message is serialised, so a
// tools/list of a thousand tools is joined from precomputed strings instead of stringified again.

export class RawJson {
  constructor(readonly text: string) {}

  /** Any serialiser other than `serializeMessage` still gets the right value, just more slowly. */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Marks where the raw text goes; it cannot occur in JSON.stringify output of ordinary data. */
const MARKER = "\u0000gateway-raw-json\u0000";
const QUOTED_MARKER = JSON.stringify(MARKER);

/** JSON.stringify(message), with a RawJson directly under `result` spliced in as its text. */
export function serializeMessage(message: object): string {
  const result = (message as { result?: unknown }).result;
  if (result !== null && typeof result === "object") {
    // Not Object.entries: no array of pairs for every message, most of which hold no RawJson.
    for (const key in result) {
      const value = (result as Record<string, unknown>)[key];
      if (!(value instanceof RawJson) || !Object.hasOwn(result, key)) continue;
      const json = JSON.stringify({ ...message, result: { ...result, [key]: MARKER } });
      return json.replace(QUOTED_MARKER, () => value.text);
    }
  }
  return JSON.stringify(message);
}
