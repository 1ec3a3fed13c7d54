// A GraphQL app's schema file (SDL or introspection JSON) → a valid GraphQLSchema, repaired where it is messy.
import { readFile } from "node:fs/promises";
import { buildClientSchema, GraphQLError, type GraphQLSchema, type IntrospectionQuery, parse, printSchema, Source, validateSchema } from "graphql";
import type { Report } from "../../diagnostics/diagnostic.js";
import { repairIntrospection } from "./introspection-repair.js";
import { buildRepairedSchema, type Skipped } from "./schema-repair.js";

export interface LoadedSchema {
  schema: GraphQLSchema;
  bytes: Buffer;
}

/** How many skipped parts one warning lists before "and N more". */
const SKIPPED_LISTED = 20;

/** Reads and builds `file` (repo-relative, for diagnostics; `abs` on disk); undefined after an error diagnostic. */
export async function loadSchema(app: string, file: string, abs: string, report: Report): Promise<LoadedSchema | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    report.error({ code: "GW250", file, message: `cannot read GraphQL schema of app "${app}": ${reason}`, help: `check apps.${app}.graphql` });
    return undefined;
  }
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const skipped: Skipped[] = [];
  let sdl: { text: string; name: string } = { text, name: file };
  if (/^\s*[{[]/.test(text)) {
    const client = clientSchemaOf(text, file, skipped, report);
    if (!client) return undefined;
    // The common case: introspection of a server's own schema is valid as it stands, with no SDL round trip.
    if (client.valid) {
      if (skipped.length > 0) warnSkipped(app, file, true, skipped, report);
      return { schema: client.schema, bytes };
    }
    sdl = { text: printSchema(client.schema), name: `${file} (as SDL)` };
  }
  let doc;
  try {
    doc = parse(new Source(sdl.text, sdl.name), { noLocation: false });
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    const at = err.locations?.[0];
    report.error({ code: "GW251", file, line: at?.line, column: at?.column, message: `GraphQL schema syntax error: ${err.message.replace(/^Syntax Error: /, "")}` });
    return undefined;
  }
  const built = buildRepairedSchema(doc);
  skipped.push(...built.skipped);
  if (skipped.length > 0) warnSkipped(app, file, sdl.name !== file, skipped, report);
  if (!built.schema) {
    const at = built.error?.locations?.[0];
    report.error({ code: "GW253", file, line: at?.line, column: at?.column, message: `GraphQL schema of app "${app}" is invalid: ${built.error?.message ?? "unknown error"}` });
    return undefined;
  }
  return { schema: built.schema, bytes };
}

/**
 * Introspection JSON (bare `__schema` or `{ data: { __schema } }`) as a schema: what buildClientSchema cannot
 * read is dropped first (introspection-repair.ts). A schema that then fails validation is printed as SDL by the
 * caller, so both inputs share one repair path.
 */
function clientSchemaOf(text: string, file: string, skipped: Skipped[], report: Report): { schema: GraphQLSchema; valid: boolean } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    report.error({ code: "GW251", file, message: `GraphQL schema is not valid JSON: ${(err as Error).message}` });
    return undefined;
  }
  const root = json as { __schema?: unknown; data?: { __schema?: unknown } } | null;
  const introspection = root?.__schema ? root : root?.data?.__schema ? root.data : undefined;
  if (!introspection) {
    report.error({
      code: "GW252",
      file,
      pointer: "",
      message: "not a GraphQL introspection result: no `__schema` (or `data.__schema`) at the top level",
      help: "give SDL (.graphql) or the JSON an introspection query returns",
    });
    return undefined;
  }
  try {
    const repaired = repairIntrospection((introspection as { __schema: Record<string, unknown> }).__schema, skipped);
    const schema = buildClientSchema({ __schema: repaired } as unknown as IntrospectionQuery);
    // Validation reads every type's members, which buildClientSchema builds on first use: what it cannot
    // read throws here, not later.
    return { schema, valid: validateSchema(schema).length === 0 };
  } catch (err) {
    report.error({ code: "GW253", file, pointer: "/__schema", message: `GraphQL introspection cannot be read: ${(err as Error).message}` });
    return undefined;
  }
}

function warnSkipped(app: string, file: string, printed: boolean, skipped: Skipped[], report: Report): void {
  const listed = skipped.slice(0, SKIPPED_LISTED).map((s) => {
    const at = !printed && s.line !== undefined ? ` (line ${s.line})` : "";
    return `${s.coordinate}${at}: ${s.reason}`;
  });
  const more = skipped.length > SKIPPED_LISTED ? `; and ${skipped.length - SKIPPED_LISTED} more` : "";
  const first = printed ? {} : { line: skipped[0]!.line, column: skipped[0]!.column };
  report.warn({
    code: "GW254",
    file,
    ...first,
    message: `GraphQL schema of app "${app}": ${skipped.length} part${skipped.length === 1 ? "" : "s"} skipped, the rest is used — ${listed.join("; ")}${more}`,
    help: "fix the schema file to keep them, or ignore this if the skipped parts are not needed",
  });
}
