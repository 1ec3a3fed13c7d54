// The redactor: configured secrets (raw and percent-encoded) and credential header values become [redacted].
import { describe, expect, test } from "vitest";
import { createRedactor } from "../../../runtime/redact.js";

const secret = "ghp_Abc123+/=xyz";
const redactor = createRedactor([secret, "ab", "shorter-secret"]);

describe("createRedactor", () => {
  test.each([
    ["raw secret", `bad credentials: ${secret}`, secret],
    ["percent-encoded secret (query echo)", `GET /x?api_key=${encodeURIComponent(secret)}`, encodeURIComponent(secret)],
    ["Authorization header", "Authorization: Bearer some-other-token", "some-other-token"],
    ["JSON header echo", '{"headers":{"cookie":"sid=42abc","x-api-key":"zzz999"}}', "42abc"],
    ["JSON api key echo", '{"headers":{"x-api-key":"zzz999"}}', "zzz999"],
  ])("%s", (_name, text, leaked) => {
    const out = redactor.redact(text);
    expect(out).not.toContain(leaked);
    expect(out).toContain("[redacted]");
  });

  test("values shorter than 4 characters are not treated as secrets", () => {
    expect(redactor.redact("tab ab")).toBe("tab ab");
  });

  test("text without secrets is unchanged", () => {
    const text = "upstream returned 404 Not Found: {\"message\":\"Not Found\"}";
    expect(redactor.redact(text)).toBe(text);
  });

  test("no secrets configured still scrubs credential headers", () => {
    expect(createRedactor([]).redact("authorization=Basic dXNlcjpw")).toBe("authorization=[redacted]");
  });
});
