// compareCodeUnits: the one string order of sorted output, the same on every machine and locale.
import { expect, test } from "vitest";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

test.each([
  ["a", "b", -1],
  ["b", "a", 1],
  ["a", "a", 0],
  ["B", "a", -1], // upper case before lower case, whatever the locale says
  ["_", "a", -1],
  ["a", "ab", -1],
  ["", "a", -1],
  ["\uFFFF", "\u{1F600}", 1], // code units, not code points: a surrogate pair sorts below U+FFFF
] as [string, string, number][])("compareCodeUnits(%j, %j) = %i", (a, b, want) => {
  expect(Math.sign(compareCodeUnits(a, b))).toBe(want);
});

test("agrees with the default sort of strings", () => {
  const words = ["b", "B", "a", "_", "ä", "Z", "10", "9", "a-b", "a_b"];
  expect([...words].sort(compareCodeUnits)).toEqual([...words].sort());
});
