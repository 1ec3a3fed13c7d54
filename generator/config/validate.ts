// Schema validation of gateway.yaml: ajv (compiled once) → explained findings → located diagnostics.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import schema from "../../schema/gateway.schema.json" with { type: "json" };
import { isScalar } from "yaml";
import type { Report } from "../diagnostics/diagnostic.js";
import { explainError, type Finding } from "./explain.js";
import { yamlPath } from "./path-label.js";
import { locateKey, locateParent, locateValue, nodeAt, type Located, type SourceFile } from "./yaml-position.js";

let compiled: ValidateFunction | undefined;

/** The gateway.yaml validator; `verbose` gives each error its parent schema (for keys and hints). */
function validator(): ValidateFunction {
  if (!compiled) {
    // allowUnionTypes: `operations:` is a glob or a list of globs.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, discriminator: true, allowUnionTypes: true });
    ajv.addVocabulary(["patternErrorMessage", "errorMessage"]); // VS Code / yaml-language-server keywords, used in messages too
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/**
 * Errors under a failed non-discriminator `oneOf` only repeat it ("must have required property 'openapi'"
 * for each branch); keep the `oneOf` error, which explain.ts turns into one sentence.
 */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const failed = errors.filter((e) => e.keyword === "oneOf");
  return errors.filter(
    (e) => !failed.some((f) => f !== e && e.instancePath === f.instancePath && e.schemaPath.startsWith(`${f.schemaPath}/`)),
  );
}

/** Validates `data` (the YAML as plain data); reports each problem once; true when valid. */
export function validateConfig(src: SourceFile, data: unknown, report: Report): boolean {
  const validate = validator();
  if (validate(data)) return true;
  const seen = new Set<string>();
  for (const error of withoutBranchNoise(validate.errors ?? [])) {
    const finding = explainError(error, data, (path) => scalarSource(src, path));
    if (!finding) continue;
    const key = `${finding.code}\0${finding.path.join("/")}\0${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = locate(src, finding);
    report.error({ code: finding.code, message: finding.message, file: src.file, ...at, ...(finding.help ? { help: finding.help } : {}) });
  }
  return false;
}

/** The scalar at `path` as written (`1.0`, not `1`), or undefined when it is not a scalar. */
function scalarSource(src: SourceFile, path: string[]): string | undefined {
  const yp = yamlPath(path);
  const { node, depth } = nodeAt(src.doc, yp);
  if (!isScalar(node) || depth !== yp.length || !node.range) return undefined;
  return src.text.slice(node.range[0], node.range[1]);
}

/** Line, column and excerpt of a finding (load.ts masks secrets in excerpts afterwards). */
function locate(src: SourceFile, finding: Finding): Located {
  const path = yamlPath(finding.path);
  return finding.at === "key" ? locateKey(src, path) : finding.at === "parent" ? locateParent(src, path) : locateValue(src, path);
}
