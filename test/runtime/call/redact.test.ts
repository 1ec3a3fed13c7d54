// The redactor: configured secrets (raw and percent-encoded) and credential header values become [redacted].
import { describe, expect, test } from "vitest";
import { createRedactor } from "../../../runtime/redact.js";
import { redactResult } from "../../../runtime/result.js";

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

describe("redactResult: what reaches the model", () => {
  const live = createRedactor(["sk_live_123456"]);

  test("a result without secrets is returned as it is, the same object", () => {
    const result = { content: [{ type: "text" as const, text: '{"cookie":"a=b"}' }], structuredContent: { cookie: "a=b" } };
    expect(redactResult(result, live)).toBe(result);
  });

  test("an echoed secret is replaced in the text and in structured content, keys included; header-like data is kept", () => {
    const echoed = { url: "/v1/charges?key=sk_live_123456", sk_live_123456: [{ cookie: "a=b", note: "x sk_live_123456 y" }] };
    const result = { content: [{ type: "text" as const, text: JSON.stringify(echoed) }], structuredContent: echoed };
    const out = redactResult(result, live);
    expect(JSON.stringify(out)).not.toContain("sk_live_123456");
    expect(out.structuredContent).toEqual({ url: "/v1/charges?key=[redacted]", "[redacted]": [{ cookie: "a=b", note: "x [redacted] y" }] });
    expect(result.structuredContent.url).toContain("sk_live_123456"); // the input is not changed
  });
});
