import { describe, expect, test } from "vitest";
import { propertyKeyOf } from "../../../generator/sources/openapi/arg-names.js";

describe("propertyKeyOf", () => {
  test.each([
    ["plain name kept", "per_page", "per_page"],
    ["header name kept", "X-Ably-Version", "X-Ably-Version"],
    ["brackets replaced", "page[size]", "page_size"],
    ["spaces and symbols", "filter by $name", "filter_by_name"],
    ["nothing usable", "[]", "arg"],
    ["cut to 64", "a".repeat(70), "a".repeat(64)],
  ])("%s", (_name, given, want) => {
    expect(propertyKeyOf(given)).toBe(want);
    expect(propertyKeyOf(given)).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
  });
});
