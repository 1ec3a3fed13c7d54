// Real SDL is messy (GitHub's defines some fields twice): keep every definition that can be kept, drop the
// smallest part that breaks the schema, and say what was dropped. Never refuses a schema for one bad type.
import {
  buildASTSchema,
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  validateSchema,
  visit,
} from "graphql";
import { validateSDL } from "graphql/validation/validate.js";

/** One part of the SDL the loader left out, and why. */
export interface Skipped {
  /** Schema coordinate of what was dropped. @example "EnterpriseOwnerInfo.repositoryDeployKeySetting" */
  coordinate: string;
  /** What graphql-js said about it. */
  reason: string;
  /** 1-based position in the SDL, when the part came from a file. */
  line?: number;
  column?: number;
}

/** Rounds of "validate, drop what failed" before giving up: each round removes at least one part. */
const MAX_ROUNDS = 25;

type Removable = { start: number; end: number; coordinate: string; node: ASTNode };

/** Builds a schema from `doc`, dropping duplicated members, then whatever graphql-js still rejects. */
export function buildRepairedSchema(doc: DocumentNode): { schema?: GraphQLSchema; skipped: Skipped[]; error?: GraphQLError } {
  const skipped: Skipped[] = [];
  let current = dropDuplicateMembers(doc, skipped);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sdlErrors = validateSDL(current);
    if (sdlErrors.length > 0) {
      current = dropFailing(current, sdlErrors, skipped);
      continue;
    }
    const schema = buildASTSchema(current, { assumeValidSDL: true });
    const schemaErrors = validateSchema(schema);
    if (schemaErrors.length === 0) return { schema, skipped };
    const before = current;
    current = dropFailing(current, schemaErrors, skipped);
    // An error no part can be blamed for (no AST node): the schema cannot be repaired.
    if (current === before) return { skipped, error: schemaErrors[0] };
  }
  return { skipped, error: validateSDL(current)[0] ?? validateSchema(buildASTSchema(current, { assumeValidSDL: true }))[0] };
}

/** The second and later definitions of a field, argument, input field or enum value in one type. */
function dropDuplicateMembers(doc: DocumentNode, skipped: Skipped[]): DocumentNode {
  const dedupe = <T extends { name: { value: string }; loc?: { startToken: { line: number; column: number } } }>(owner: string, members: readonly T[] | undefined): T[] | undefined => {
    if (!members) return undefined;
    const seen = new Set<string>();
    return members.filter((member) => {
      if (!seen.has(member.name.value)) return seen.add(member.name.value);
      const at = member.loc?.startToken;
      skipped.push({ coordinate: `${owner}.${member.name.value}`, reason: "defined more than once; the first definition is kept", line: at?.line, column: at?.column });
      return false;
    });
  };
  const definitions = doc.definitions.map((definition): DefinitionNode => {
    if (!("fields" in definition) && !("values" in definition)) return definition;
    const owner = definition.name.value;
    if ("values" in definition) return { ...definition, values: dedupe(owner, definition.values) };
    const withFields = definition as DefinitionNode & { fields?: readonly { name: { value: string } }[] };
    return { ...withFields, fields: dedupe(owner, withFields.fields) } as DefinitionNode;
  });
  return { ...doc, definitions };
}

/** `doc` without the smallest part enclosing the first node of each error; the same `doc` when none is found. */
function dropFailing(doc: DocumentNode, errors: readonly GraphQLError[], skipped: Skipped[]): DocumentNode {
  const parts = removableParts(doc);
  const drop = new Set<ASTNode>();
  for (const error of errors) {
    const clause = implementsClauseOf(error.message);
    let best = clause === undefined ? undefined : parts.find((part) => part.coordinate === clause);
    const at = error.nodes?.[0]?.loc?.start;
    if (!best && at !== undefined) {
      for (const part of parts) {
        if (part.start <= at && at < part.end && (!best || part.end - part.start < best.end - best.start)) best = part;
      }
    }
    if (!best || drop.has(best.node)) continue;
    drop.add(best.node);
    const loc = best.node.loc?.startToken;
    skipped.push({ coordinate: best.coordinate, reason: error.message, line: loc?.line, column: loc?.column });
  }
  if (drop.size === 0) return doc;
  return visit(doc, { enter: (node) => (drop.has(node) ? null : undefined) });
}

/**
 * A type that does not match an interface it implements: graphql-js names the interface's field first, but the
 * fault is the type's, and dropping the interface's field (then the emptied interface) would cost every other
 * type implementing it. The type's `implements` clause is dropped instead. @example "Widget implements Node"
 */
function implementsClauseOf(message: string): string | undefined {
  const missing = /^Interface field (?:argument )?(\w+)\.\w+(?:\(\w+:\))? (?:expected|expects type .*) but (\w+)(?:\.| does)/.exec(message);
  if (missing) return `${missing[2]} implements ${missing[1]}`;
  const extra = /^Object field (\w+)\.\w+ includes required argument \w+ that is missing from the Interface field (\w+)\./.exec(message);
  return extra ? `${extra[1]} implements ${extra[2]}` : undefined;
}

/** Every type, directive, field, argument, input field, enum value, interface and union member of `doc`, with its source range. */
function removableParts(doc: DocumentNode): Removable[] {
  const parts: Removable[] = [];
  const add = (node: ASTNode, coordinate: string) => {
    if (node.loc) parts.push({ start: node.loc.start, end: node.loc.end, coordinate, node });
  };
  for (const definition of doc.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
      add(definition, `@${definition.name.value}`);
      continue;
    }
    if (!("name" in definition) || !definition.name) continue;
    const owner = definition.name.value;
    add(definition, owner);
    if ("fields" in definition) {
      for (const field of definition.fields ?? []) {
        add(field, `${owner}.${field.name.value}`);
        if ("arguments" in field) for (const arg of field.arguments ?? []) add(arg, `${owner}.${field.name.value}(${arg.name.value}:)`);
      }
    }
    if ("values" in definition) for (const value of definition.values ?? []) add(value, `${owner}.${value.name.value}`);
    // A broken interface or union member costs its mention, not the whole type that names it.
    if ("interfaces" in definition) for (const named of definition.interfaces ?? []) add(named, `${owner} implements ${named.name.value}`);
    if ("types" in definition) for (const named of definition.types ?? []) add(named, `${owner} member ${named.name.value}`);
  }
  return parts;
}
