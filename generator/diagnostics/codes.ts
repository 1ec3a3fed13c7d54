// The catalogue of every diagnostic code: title, cause and fix. A test fails when a code in use has no entry.
import { CONFIG_CODES } from "../config/codes.js";
import { SOURCE_CODES } from "../sources/codes.js";
import { PASS_CODES } from "../passes/codes.js";
import { EMIT_CODES } from "../emit/codes.js";

export interface CodeEntry {
  title: string;
  cause: string;
  fix: string;
}

export type CodeCatalogue = Record<`GW${number}`, CodeEntry>;

export const CODES: CodeCatalogue = { ...CONFIG_CODES, ...SOURCE_CODES, ...PASS_CODES, ...EMIT_CODES };
