// Every schema dialect the build knows, by name: gateway.yaml's `dialects:` keys must be among these (the JSON
// schema lists them too; test/generator/dialects checks the two agree).
import type { Dialect } from "./dialect.js";
import { checkGemini } from "./gemini/check.js";
import { toGemini } from "./gemini/transform.js";
import { checkOpenAiStrict } from "./openai-strict/check.js";
import { toOpenAiStrict } from "./openai-strict/transform.js";

export const DIALECTS: Record<string, Dialect> = {
  gemini: { name: "gemini", transform: toGemini, check: checkGemini, reverse: ["parse-json-objects"] },
  "openai-strict": { name: "openai-strict", transform: toOpenAiStrict, check: checkOpenAiStrict, reverse: ["drop-optional-nulls", "parse-json-objects"] },
};

export const DIALECT_NAMES = Object.keys(DIALECTS).sort();
