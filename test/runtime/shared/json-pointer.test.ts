// JSON pointers (RFC 6901): the escaping both the generator's source pointers and the runtime's ajv paths rely on.
import { expect, test } from "vitest";
import { escapeToken, getAtPointer, joinPointer, lastToken, splitPointer, unescapeToken } from "../../../runtime/shared/json-pointer.js";

test.each([
  ["/pets", "~1pets"],
  ["a~b", "a~0b"],
  ["~1", "~01"], // ~ first, so the result does not read back as "/"
  ["plain", "plain"],
])("escapeToken(%j) = %j, and back", (token, escaped) => {
  expect(escapeToken(token)).toBe(escaped);
  expect(unescapeToken(escaped)).toBe(token);
});

test("joinPointer and splitPointer are inverse", () => {
  const pointer = joinPointer("/paths", "/repos/{owner}", "get");
  expect(pointer).toBe("/paths/~1repos~1{owner}/get");
  expect(splitPointer(pointer)).toEqual(["paths", "/repos/{owner}", "get"]);
  expect(joinPointer("", "a", "b/c")).toBe("/a/b~1c");
  expect(splitPointer("")).toEqual([]);
  expect(splitPointer("no-slash")).toBeUndefined();
});

test("getAtPointer reads own properties and array items only", () => {
  const doc = { paths: { "/pets": { get: { tags: ["a", "b"] } } } };
  expect(getAtPointer(doc, "/paths/~1pets/get/tags/1")).toBe("b");
  expect(getAtPointer(doc, "")).toBe(doc);
  expect(getAtPointer(doc, "/paths/~1pets/post")).toBeUndefined();
  expect(getAtPointer(doc, "/constructor")).toBeUndefined();
  expect(getAtPointer(doc, "paths")).toBeUndefined();
});

test("lastToken", () => {
  expect(lastToken("/components/schemas/a~1b")).toBe("a/b");
  expect(lastToken("")).toBe("");
});
