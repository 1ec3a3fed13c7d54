// tools/list annotations: only hints that differ from MCP's defaults, none that MCP calls meaningless.
import { describe, expect, test } from "vitest";
import type { ToolAnnotations } from "../../runtime/contract.js";
import { fullAnnotations, listedAnnotations } from "../../runtime/shared/listed-annotations.js";

const hints = (readOnlyHint: boolean, destructiveHint: boolean, idempotentHint: boolean, openWorldHint: boolean): ToolAnnotations => ({ readOnlyHint, destructiveHint, idempotentHint, openWorldHint });

const CASES: [string, { given: ToolAnnotations; want: Partial<ToolAnnotations> }][] = [
  ["GET: read-only says it all", { given: hints(true, false, true, true), want: { readOnlyHint: true } }],
  ["POST: not destructive", { given: hints(false, false, false, true), want: { destructiveHint: false } }],
  ["PUT: idempotent, not destructive", { given: hints(false, false, true, true), want: { destructiveHint: false, idempotentHint: true } }],
  ["DELETE: idempotent", { given: hints(false, true, true, true), want: { idempotentHint: true } }],
  ["MCP defaults only: empty", { given: hints(false, true, false, true), want: {} }],
  ["closed world is said", { given: hints(true, false, true, false), want: { readOnlyHint: true, openWorldHint: false } }],
];

describe("listed annotations", () => {
  test.each(CASES)("%s", (_, { given, want }) => {
    expect(listedAnnotations(given)).toEqual(want);
    expect(listedAnnotations(listedAnnotations(given))).toEqual(want);
    // Back to four hints: the same, but for what MCP calls meaningless on a read-only tool.
    const full = fullAnnotations(want);
    expect(listedAnnotations(full)).toEqual(want);
    if (!given.readOnlyHint) expect(full).toEqual(given);
  });
});
