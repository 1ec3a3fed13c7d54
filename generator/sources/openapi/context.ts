// What every module of the OpenAPI source shares while planning one spec: the app, the report, the documents.
import type { AppConfig } from "../../config/types.js";
import type { Diagnostic, Report } from "../../diagnostics/diagnostic.js";
import type { DocumentStore, Located } from "./documents.js";
import { isRef } from "./documents.js";
import type { Obj } from "./guards.js";
import { joinPointer } from "../../../runtime/shared/json-pointer.js";

export type SpecVersion = "2.0" | "3.0" | "3.1";

export interface SpecContext {
  app: AppConfig;
  report: Report;
  /** The spec path as gateway.yaml wrote it; `file` of diagnostics about the main document. */
  file: string;
  version: SpecVersion;
  /** The main document. */
  doc: Obj;
  store: DocumentStore;
  /** Keys of diagnostics already reported, so one broken component is reported once, not once per use. */
  seen: Set<string>;
}

/** The diagnostic `file` for a document key: the spec path for the main document, the key otherwise. */
function fileOf(ctx: SpecContext, docKey: string): string {
  return docKey === ctx.store.mainKey ? ctx.file : docKey;
}

/** Adds a diagnostic about `loc` unless one with the same `key` was already added. */
export function reportOnce(
  ctx: SpecContext,
  key: string,
  at: { doc: string; pointer: string },
  diagnostic: Omit<Diagnostic, "file" | "pointer">,
): void {
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  ctx.report.add({ ...diagnostic, file: fileOf(ctx, at.doc), pointer: at.pointer });
}

const MAX_HOPS = 32;

/**
 * Follows a `$ref` chain (a parameter, request body, response or path item) to the object itself.
 * Undefined, with one GW205 warning per broken ref, when the chain breaks or loops.
 */
export function deref(ctx: SpecContext, loc: Located): Located | undefined {
  let current = loc;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (!isRef(current.value)) return current;
    const ref = current.value.$ref;
    const found = ctx.store.resolve(ref, current.doc);
    if (!found.ok) {
      reportOnce(ctx, `ref:${current.doc}:${ref}`, current, {
        code: "GW205",
        severity: "warning",
        message: `unresolved $ref "${ref}": ${found.reason}`,
        help: "correct the $ref or add the missing component",
      });
      return undefined;
    }
    current = found.target;
  }
  reportOnce(ctx, `loop:${loc.doc}:${loc.pointer}`, loc, {
    code: "GW205",
    severity: "warning",
    message: `$ref chain longer than ${MAX_HOPS} hops (a loop?)`,
    help: "make the $ref point at the object itself",
  });
  return undefined;
}

/** A child of a located object. */
export function child(loc: Located, key: string | number): Located {
  const value = (loc.value as Record<string, unknown>)[key as string];
  return { value, doc: loc.doc, pointer: joinPointer(loc.pointer, String(key)) };
}
