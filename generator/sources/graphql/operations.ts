// With `operations:`, one tool per named query or mutation in the documents: fragments resolved across files,
// every document validated against the schema, each problem reported at the file, line and column it sits.
import {
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  type GraphQLInputType,
  isInputObjectType,
  isNonNullType,
  Kind,
  LoneAnonymousOperationRule,
  NoUnusedFragmentsRule,
  type OperationDefinitionNode,
  parse,
  print,
  Source,
  specifiedRules,
  TypeInfo,
  typeFromAST,
  UniqueFragmentNamesRule,
  UniqueOperationNamesRule,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { titleFromName } from "../../plan/title.js";
import type { ToolDraft } from "../../plan/tool-plan.js";
import { compareCodeUnits } from "../../../runtime/shared/compare.js";
import type { GraphqlContext } from "./context.js";
import { draftOf, type VariableInput } from "./draft.js";
import { jsonDefault } from "./input-schema.js";
import { OutputSchemas } from "./output-schema.js";

/** An operation document as read: its path relative to gateway.yaml and its text. */
export interface OperationFile {
  file: string;
  text: string;
}

/** Checked here, across files, with a better message than the per-document rules give. */
const CROSS_FILE_RULES = new Set<unknown>([LoneAnonymousOperationRule, UniqueOperationNamesRule, UniqueFragmentNamesRule, NoUnusedFragmentsRule]);
const RULES = specifiedRules.filter((rule) => !CROSS_FILE_RULES.has(rule));

export function operationDrafts(ctx: GraphqlContext, files: readonly OperationFile[]): ToolDraft[] {
  const operations: OperationDefinitionNode[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const definitions: DefinitionNode[] = [];
  const operationNames = new Map<string, OperationDefinitionNode>();
  for (const { file, text } of files) {
    const doc = parseDocument(ctx, file, text);
    if (!doc) continue;
    for (const definition of doc.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        const first = fragments.get(definition.name.value);
        if (first) duplicate(ctx, "fragment", definition, first);
        else fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) {
          error(ctx, "GW258", definition, `anonymous ${definition.operation}: a tool needs a name`, `name it: \`${definition.operation} SomeName { … }\`; the name becomes the tool's`);
          continue;
        }
        const first = operationNames.get(definition.name.value);
        if (first) {
          duplicate(ctx, "operation", definition, first);
          continue;
        }
        operationNames.set(definition.name.value, definition);
      } else {
        error(ctx, "GW257", definition, `only operations and fragments belong in an operation document, not a ${definition.kind}`);
        continue;
      }
      definitions.push(definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    }
  }
  const invalid = new Set<ASTNode>();
  for (const err of validate(ctx.schema, { kind: Kind.DOCUMENT, definitions }, RULES)) {
    const node = err.nodes?.[0];
    if (node) invalid.add(enclosing(definitions, node));
    report(ctx, "GW257", err, `invalid against the schema of app "${ctx.app}": ${err.message}`);
  }
  const outputs = new OutputSchemas(ctx.schema, ctx.config.scalars);
  const drafts: ToolDraft[] = [];
  for (const operation of operations) {
    if (operation.operation === "subscription") {
      ctx.report.warn({
        code: "GW259",
        ...locationOf(operation),
        message: `subscription ${operation.name!.value} skipped: a tool call gets one answer, a subscription a stream`,
        help: "query the current state with a query operation instead",
      });
      continue;
    }
    const used = usedFragments(operation, fragments);
    if (invalid.has(operation) || used.some((f) => invalid.has(f))) continue;
    drafts.push(draftOfOperation(ctx, outputs, operation, operation.operation === "mutation" ? "mutation" : "query", used, fragments));
  }
  return drafts;
}

function draftOfOperation(
  ctx: GraphqlContext,
  outputs: OutputSchemas,
  operation: OperationDefinitionNode,
  type: "query" | "mutation",
  used: FragmentDefinitionNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): ToolDraft {
  const name = operation.name!.value;
  const file = operation.loc!.source.name;
  const rootFields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...used] };
  return draftOf(
    {
      app: ctx.app,
      file,
      pointer: name,
      keys: [name],
      operationId: name,
      candidate: name,
      operation: type,
      operationName: name,
      document: print(document),
      rootFields,
      variables: variablesOf(ctx, operation, used),
      title: titleFromName(name),
      description: leadingComment(operation) ?? `GraphQL ${type} ${name} (${rootFields.join(", ") || "fragments"})`,
      outputSchema: outputs.ofOperation(operation, fragments),
    },
    ctx.config.scalars,
  );
}

function parseDocument(ctx: GraphqlContext, file: string, text: string): DocumentNode | undefined {
  try {
    return parse(new Source(text, file));
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    report(ctx, "GW257", err, `GraphQL syntax error: ${err.message.replace(/^Syntax Error: /, "")}`, file);
    return undefined;
  }
}

/** The operation's variables, each described by the first argument it is passed to. */
function variablesOf(ctx: GraphqlContext, operation: OperationDefinitionNode, used: FragmentDefinitionNode[]): VariableInput[] {
  const described = new Map<string, string>();
  const describe = (variable: string, about: string | null | undefined) => {
    if (about && !described.has(variable)) described.set(variable, about);
  };
  const typeInfo = new TypeInfo(ctx.schema);
  for (const node of [operation, ...used]) {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Argument(argument) {
          if (argument.value.kind === Kind.VARIABLE) describe(argument.value.name.value, typeInfo.getArgument()?.description);
        },
        ObjectField(field) {
          // `input: { issueId: $issueId }`: the variable feeds an input field, which has the description.
          if (field.value.kind !== Kind.VARIABLE) return;
          const parent = getNamedType(typeInfo.getParentInputType());
          if (isInputObjectType(parent)) describe(field.value.name.value, parent.getFields()[field.name.value]?.description);
        },
      }),
    );
  }
  return (operation.variableDefinitions ?? []).map((definition) => {
    const name = definition.variable.name.value;
    const type = typeFromAST(ctx.schema, definition.type as never) as GraphQLInputType;
    const defaultValue = definition.defaultValue ? jsonDefault(valueFromAST(definition.defaultValue, type), type) : undefined;
    return { name, type, description: described.get(name), defaultValue, required: isNonNullType(type) && defaultValue === undefined };
  });
}

/** The fragments `operation` spreads, directly or through other fragments, by name. */
function usedFragments(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment || found.has(fragment.name.value)) return;
        found.set(fragment.name.value, fragment);
        walk(fragment);
      },
    });
  walk(operation);
  return [...found.values()].sort((a, b) => compareCodeUnits(a.name.value, b.name.value));
}

/** The `#` comment lines right above the operation, joined; undefined when there are none. */
function leadingComment(operation: OperationDefinitionNode): string | undefined {
  const loc = operation.loc!;
  const lines = loc.source.body.slice(0, loc.start).split(/\r\n|\r|\n/);
  lines.pop(); // the text before the operation on its own line
  const comment: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith("#")) break;
    comment.unshift(line.replace(/^#+\s?/, ""));
  }
  const text = comment.join(" ").replace(/\s+/g, " ").trim();
  return text === "" ? undefined : text;
}

/** The top-level definition holding `node`. */
function enclosing(definitions: readonly DefinitionNode[], node: ASTNode): ASTNode {
  const at = node.loc;
  return definitions.find((d) => d.loc && at && d.loc.source === at.source && d.loc.start <= at.start && at.start < d.loc.end) ?? node;
}

function locationOf(node: ASTNode): { file: string; line?: number; column?: number } {
  const token = node.loc?.startToken;
  return { file: node.loc?.source.name ?? "", line: token?.line, column: token?.column };
}

function error(ctx: GraphqlContext, code: `GW${number}`, node: ASTNode, message: string, help?: string): void {
  ctx.report.error({ code, ...locationOf(node), message, ...(help ? { help } : {}) });
}

function duplicate(ctx: GraphqlContext, what: string, node: DefinitionNode & { name?: { value: string } }, first: ASTNode): void {
  const at = locationOf(first);
  error(ctx, "GW258", node, `${what} ${node.name!.value} is defined twice; the first is at ${at.file}:${at.line}:${at.column}`, `rename one of them: ${what} names are shared by every document of the app`);
}

/** A graphql-js error as a diagnostic at its first location, in the file of its first node. */
function report(ctx: GraphqlContext, code: `GW${number}`, err: GraphQLError, message: string, file?: string): void {
  const at = err.locations?.[0];
  const source = err.nodes?.[0]?.loc?.source.name ?? err.source?.name ?? file ?? "";
  ctx.report.error({ code, file: source, line: at?.line, column: at?.column, message });
}
