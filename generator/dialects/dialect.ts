// What a schema dialect is: a pure transform from a tool's portable inputSchema to the subset one model vendor's
// function-calling API accepts, a checker of that vendor's documented rules, and how tools/call undoes what the
// transform changed in the arguments a model sends. The rules and their sources: docs/dialects.md.
import type { DialectReverse, JsonSchema } from "../../runtime/contract.js";

/** One broken rule of a dialect, at a JSON pointer into the schema checked. */
export interface Violation {
  /** @example "/properties/labels/items" */
  pointer: string;
  /** A short, stable rule id, the same as in docs/dialects.md. @example "additional-properties-false" */
  rule: string;
  message: string;
}

export interface Dialect {
  /** The name gateway.yaml, `?dialect=` and `--dialect` use. @example "openai-strict" */
  name: string;
  /** The portable inputSchema (never changed) → this dialect's schema. Deterministic. */
  transform(schema: JsonSchema): JsonSchema & { type: "object" };
  /** Every rule the schema breaks; empty when the vendor should accept it. */
  check(schema: JsonSchema): Violation[];
  /** What tools/call does to a dialect-shaped arguments object before it validates it against the portable schema. */
  reverse: DialectReverse[];
}
