// The catalogue of every diagnostic code: title, cause and fix. A test fails when a code in use has no entry.
// Each stage keeps its own codes next to its code; this module only assembles them (they import nothing back).
import type { CodeCatalogue } from "./diagnostic.js";
import { CONFIG_CODES } from "../config/codes.js";
import { SOURCE_CODES } from "../sources/codes.js";
import { PASS_CODES } from "../passes/codes.js";
import { EMIT_CODES } from "../emit/codes.js";

export const CODES: CodeCatalogue = { ...CONFIG_CODES, ...SOURCE_CODES, ...PASS_CODES, ...EMIT_CODES };
