// One diagnostic type for every stage, collected into a Report rather than thrown.

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  /** GW1xx config, GW2xx sources, GW3xx passes, GW4xx emit/check. Each has an entry in codes.ts. */
  code: `GW${number}`;
  severity: Severity;
  /** One sentence: what is wrong, in the user's terms. */
  message: string;
  /** Repo-relative (relative to the directory holding gateway.yaml). @example "gateway.yaml" */
  file: string;
  /** 1-based, when the file is YAML/JSON we parsed ourselves. */
  line?: number;
  column?: number;
  /** JSON pointer, when no line is known. @example "/paths/~1pets/get" */
  pointer?: string;
  /** The action that fixes it. */
  help?: string;
  /** The source line the diagnostic points at, for the excerpt under the headline. */
  excerpt?: string;
}

/** What the catalogue (diagnostics/codes.ts) says about one code; `gateway build` prints `fix` when a diagnostic has no help. */
export interface CodeEntry {
  /** A few words. @example "Unknown key" */
  title: string;
  /** When the code is reported, in the user's terms. */
  cause: string;
  /** The action that resolves it. */
  fix: string;
}

/** One stage's codes (`<stage>/codes.ts`), or all of them. */
export type CodeCatalogue = Record<`GW${number}`, CodeEntry>;

/** Collects diagnostics; every stage receives one. */
export class Report {
  readonly diagnostics: Diagnostic[] = [];

  add(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  error(d: Omit<Diagnostic, "severity">): void {
    this.add({ ...d, severity: "error" });
  }

  warn(d: Omit<Diagnostic, "severity">): void {
    this.add({ ...d, severity: "warning" });
  }

  info(d: Omit<Diagnostic, "severity">): void {
    this.add({ ...d, severity: "info" });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }
}
