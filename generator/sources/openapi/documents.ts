// The spec's documents (main file plus files/URLs its `$ref`s name) and `$ref` resolution between them.
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { Report } from "../../diagnostics/diagnostic.js";
import { isObj } from "./guards.js";
import { parseSpecText, readSpecBytes } from "./load.js";
import { getAtPointer, joinPointer } from "../../../runtime/shared/json-pointer.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";

/** A value inside one of the spec's documents. */
export interface Located {
  value: unknown;
  /** Document key: repo-relative file path, or URL for remote documents. */
  doc: string;
  /** JSON pointer of `value` inside `doc`. */
  pointer: string;
}

/** Where a `$ref` leads. `id` is canonical (`<doc>#<pointer>`), the memo key for everything keyed by ref. */
export type RefTarget = { ok: true; id: string; target: Located } | { ok: false; reason: string };

interface LoadedDoc {
  value: unknown;
  /** Absolute file path or URL, the base for relative refs inside it. */
  base: string;
  bytes?: Uint8Array;
}

export interface StoreOptions {
  /** Directory of gateway.yaml; external file refs must stay under it. */
  root: string;
  allowRemoteRefs: boolean;
  report: Report;
}

const MAX_REMOTE_BYTES = 20 * 1024 * 1024;
const REMOTE_TIMEOUT_MS = 10_000;

export class DocumentStore {
  private readonly docs = new Map<string, LoadedDoc>();
  private readonly failed = new Map<string, string>();

  constructor(
    /** Document key of the main spec (its repo-relative path, as written in gateway.yaml). */
    readonly mainKey: string,
    mainAbs: string,
    mainValue: unknown,
    private readonly options: StoreOptions,
  ) {
    this.docs.set(mainKey, { value: mainValue, base: mainAbs });
  }

  /** Keys and bytes of every external document loaded, sorted by key (for the input hash). */
  externals(): { key: string; bytes: Uint8Array }[] {
    const out: { key: string; bytes: Uint8Array }[] = [];
    for (const [key, doc] of this.docs) if (key !== this.mainKey && doc.bytes) out.push({ key, bytes: doc.bytes });
    return out.sort((a, b) => compareCodeUnits(a.key, b.key));
  }

  /** Resolves `ref` written inside document `from`. Synchronous: external documents were loaded by `prefetch`. */
  resolve(ref: string, from: string): RefTarget {
    const parsed = this.locate(ref, from);
    if ("reason" in parsed) return { ok: false, reason: parsed.reason };
    const doc = this.docs.get(parsed.key);
    if (!doc) return { ok: false, reason: this.failed.get(parsed.key) ?? `document ${parsed.key} was not loaded` };
    const value = getAtPointer(doc.value, parsed.pointer);
    if (value === undefined) return { ok: false, reason: `nothing at #${parsed.pointer} in ${parsed.key}` };
    return { ok: true, id: `${parsed.key}#${parsed.pointer}`, target: { value, doc: parsed.key, pointer: parsed.pointer } };
  }

  /** Loads every document reachable through non-local `$ref`s, reporting what cannot be loaded. */
  async prefetch(mainText: string): Promise<void> {
    // Cheap gate: most specs only have local refs, and walking a whole large spec (GitHub's is 13 MB) to find none
    // would be a noticeable part of the build.
    if (!/\$ref['"]?\s*:\s*['"]?(?!#)[^\s'"]/.test(mainText)) return;
    const queue = [this.mainKey];
    for (let i = 0; i < queue.length && i < 1000; i++) {
      const from = queue[i];
      const doc = this.docs.get(from);
      if (!doc) continue;
      for (const { ref, pointer } of externalRefs(doc.value)) {
        const parsed = this.locate(ref, from);
        if ("reason" in parsed || this.docs.has(parsed.key) || this.failed.has(parsed.key)) continue;
        const error = await this.load(parsed.key, parsed.base);
        if (error) {
          this.failed.set(parsed.key, error.message);
          this.options.report.add({ ...error, file: from, pointer: pointer });
        } else queue.push(parsed.key);
      }
    }
  }

  private async load(key: string, base: string): Promise<{ code: `GW${number}`; severity: "error"; message: string; help?: string } | undefined> {
    const remote = /^https?:\/\//i.test(base);
    if (remote && !this.options.allowRemoteRefs) {
      return {
        code: "GW206",
        severity: "error",
        message: `remote $ref to ${key} refused`,
        help: "vendor the document and refer to it by relative path, or set `allow_remote_refs: true` in gateway.yaml",
      };
    }
    if (!remote && (key.startsWith("..") || isAbsolute(key))) {
      return { code: "GW207", severity: "error", message: `$ref to ${key} leaves the gateway.yaml directory`, help: "copy the file next to the spec" };
    }
    const read = remote ? await fetchBytes(base) : await readSpecBytes(base);
    if (!read.bytes) return { code: "GW207", severity: "error", message: `cannot read $ref document ${key}: ${read.error}` };
    const parsed = parseSpecText(read.bytes.toString("utf8"));
    if (!parsed.ok) return { code: "GW207", severity: "error", message: `cannot parse $ref document ${key}: ${parsed.message}` };
    this.docs.set(key, { value: parsed.value, base, bytes: read.bytes });
    return undefined;
  }

  private locate(ref: string, from: string): { key: string; base: string; pointer: string } | { reason: string } {
    const hash = ref.indexOf("#");
    const urlPart = hash < 0 ? ref : ref.slice(0, hash);
    let pointer: string;
    try {
      pointer = hash < 0 ? "" : decodeURIComponent(ref.slice(hash + 1));
    } catch {
      return { reason: `malformed $ref ${ref}` };
    }
    if (pointer !== "" && !pointer.startsWith("/")) return { reason: `anchor $ref ${ref} is not supported (use a JSON pointer)` };
    const fromDoc = this.docs.get(from);
    if (urlPart === "") return { key: from, base: fromDoc?.base ?? "", pointer };
    const fromBase = fromDoc?.base ?? "";
    if (/^https?:\/\//i.test(urlPart) || /^https?:\/\//i.test(fromBase)) {
      try {
        const url = /^https?:\/\//i.test(urlPart) ? new URL(urlPart) : new URL(urlPart, fromBase);
        url.hash = "";
        return { key: url.href, base: url.href, pointer };
      } catch {
        return { reason: `malformed $ref URL ${ref}` };
      }
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(urlPart)) return { reason: `$ref scheme of ${ref} is not supported` };
    let file: string;
    try {
      file = decodeURIComponent(urlPart);
    } catch {
      return { reason: `malformed $ref ${ref}` };
    }
    const abs = resolve(dirname(fromBase), file);
    const key = relative(this.options.root, abs).split(sep).join("/");
    return { key, base: abs, pointer };
  }
}

/** Every `$ref` string not starting with `#`, with the pointer where it sits. */
function externalRefs(root: unknown): { ref: string; pointer: string }[] {
  const found: { ref: string; pointer: string }[] = [];
  const path: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== "object" || depth > 500) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(String(i));
        walk(node[i], depth + 1);
        path.pop();
      }
      return;
    }
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref === "string" && !ref.startsWith("#")) {
      found.push({ ref, pointer: joinPointer("", ...path) });
    }
    for (const key in node as Record<string, unknown>) {
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === "object") {
        path.push(key);
        walk(child, depth + 1);
        path.pop();
      }
    }
  };
  walk(root, 0);
  return found;
}

async function fetchBytes(url: string): Promise<{ bytes?: Buffer; error?: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS), redirect: "follow" });
    if (!response.ok) return { error: `HTTP ${response.status}` };
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > MAX_REMOTE_BYTES) return { error: `larger than ${MAX_REMOTE_BYTES} bytes` };
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_REMOTE_BYTES) return { error: `larger than ${MAX_REMOTE_BYTES} bytes` };
    return { bytes };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** True when `value` is an object holding a string `$ref`. */
export function isRef(value: unknown): value is { $ref: string } {
  return isObj(value) && typeof value.$ref === "string";
}
