// Without `operations:`, one tool per root Query and Mutation field: its arguments are the tool's arguments,
// and its selection set is chosen by rule (selection.ts). Every document made here is validated like a written one.
import {
  astFromValue,
  type DocumentNode,
  getNamedType,
  type GraphQLField,
  isLeafType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  specifiedRules,
  UniqueOperationNamesRule,
  validate,
} from "graphql";
import { titleFromName } from "../../plan/title.js";
import type { ToolDraft } from "../../plan/tool-plan.js";
import type { GraphqlContext } from "./context.js";
import { draftOf, type VariableInput } from "./draft.js";
import { jsonDefault, shortDescription } from "./input-schema.js";
import { OutputSchemas } from "./output-schema.js";
import { type Selection, selectionFor } from "./selection.js";

/** How many paths each "left out" clause of a description names. */
const EXAMPLES = 3;

export function rootFieldDrafts(ctx: GraphqlContext): ToolDraft[] {
  const made: MadeOperation[] = [];
  for (const operation of ["query", "mutation"] as const) {
    const root = operation === "query" ? ctx.schema.getQueryType() : ctx.schema.getMutationType();
    if (!root) continue;
    for (const field of Object.values(root.getFields())) made.push(operationFor(ctx, operation, root.name, field));
  }
  const outputs = new OutputSchemas(ctx.schema, ctx.config.scalars);
  const valid = allValid(ctx, made);
  return made.flatMap((op) => (valid || documentValidates(ctx, op) ? [draftOfMade(ctx, outputs, op)] : []));
}

/** A root field's operation, made and parsed, not yet validated. */
interface MadeOperation {
  operation: "query" | "mutation";
  coordinate: string;
  field: GraphQLField<unknown, unknown>;
  selection: Selection;
  operationName: string;
  definition: OperationDefinitionNode;
}

function operationFor(ctx: GraphqlContext, operation: "query" | "mutation", rootName: string, field: GraphQLField<unknown, unknown>): MadeOperation {
  const selection = selectionFor(ctx.schema, getNamedType(field.type), ctx.config.selection);
  const definitions = field.args.map((arg) => {
    const value = arg.defaultValue !== undefined ? astFromValue(arg.defaultValue, arg.type) : undefined;
    return `$${arg.name}: ${String(arg.type)}${value ? ` = ${print(value)}` : ""}`;
  });
  const call = field.args.length > 0 ? `${field.name}(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : field.name;
  const operationName = field.name.charAt(0).toUpperCase() + field.name.slice(1);
  const text = `${operation} ${operationName}${definitions.length > 0 ? `(${definitions.join(", ")})` : ""} { ${call} ${selection.text || (isLeafType(getNamedType(field.type)) ? "" : "{ __typename }")} }`;
  const definition = parse(text, { noLocation: true }).definitions[0] as OperationDefinitionNode;
  return { operation, coordinate: `${rootName}.${field.name}`, field, selection, operationName, definition };
}

/**
 * Every rule but unique operation names (a Query and a Mutation field may share a name; each tool is sent alone)
 * judges one operation at a time: a document of them all that passes these means each passes alone.
 */
const RULES_ONE_AT_A_TIME = specifiedRules.filter((rule) => rule !== UniqueOperationNamesRule);

/**
 * Every operation validated in one pass: graphql-js sets up its ~30 rules per call, which over GitHub's 278
 * root fields cost more than the checks themselves.
 */
function allValid(ctx: GraphqlContext, made: readonly MadeOperation[]): boolean {
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: made.map((op) => op.definition) };
  return validate(ctx.schema, document, RULES_ONE_AT_A_TIME).length === 0;
}

/** Validates one operation alone; when it fails, says which root field is skipped and why. */
function documentValidates(ctx: GraphqlContext, op: MadeOperation): boolean {
  const errors = validate(ctx.schema, { kind: Kind.DOCUMENT, definitions: [op.definition] });
  if (errors.length === 0) return true;
  ctx.report.warn({
    code: "GW256",
    file: ctx.file,
    pointer: op.coordinate,
    message: `root field ${op.coordinate} skipped: the operation made for it does not validate: ${errors[0]!.message}`,
    help: `write the operation yourself in a document listed under apps.${ctx.app}.operations`,
  });
  return false;
}

function draftOfMade(ctx: GraphqlContext, outputs: OutputSchemas, op: MadeOperation): ToolDraft {
  const { field, operation, operationName, definition } = op;
  const variables: VariableInput[] = field.args.map((arg) => {
    const defaultValue = jsonDefault(arg.defaultValue, arg.type);
    return { name: arg.name, type: arg.type, description: arg.description, defaultValue, required: isNonNullType(arg.type) && arg.defaultValue === undefined };
  });
  return draftOf(
    {
      app: ctx.app,
      file: ctx.file,
      pointer: op.coordinate,
      keys: [...new Set([field.name, op.coordinate, `${operation === "query" ? "Query" : "Mutation"}.${field.name}`])],
      candidate: field.name,
      operation,
      operationName,
      document: print({ kind: Kind.DOCUMENT, definitions: [definition] }),
      rootFields: [field.name],
      variables,
      title: titleFromName(field.name),
      description: describe(field, op.selection, ctx.config.selection.depth),
      ...(field.deprecationReason != null ? { deprecationReason: shortDescription(field.deprecationReason) ?? "" } : {}),
      outputSchema: outputs.ofOperation(definition, new Map()),
    },
    ctx.config.scalars,
  );
}

/**
 * The field's description, then what the chosen selection left out, so a model knows to look elsewhere. The
 * describe pass puts the title first when the field has no description, and marks a deprecated one; a note
 * alone follows the title, so the first sentence still says what the tool does.
 */
function describe(field: GraphQLField<unknown, unknown>, selection: Selection, depth: number): string {
  const own = shortDescription(field.description) ?? (selection.overBudget.length + selection.tooDeep.length + selection.needArgs.length > 0 ? `${titleFromName(field.name)}.` : "");
  const left: string[] = [];
  if (selection.overBudget.length > 0) left.push(`${selection.overBudget.length} over the size budget (${examples(selection.overBudget)})`);
  if (selection.tooDeep.length > 0) left.push(`${selection.tooDeep.length} objects nested deeper than ${depth} (${examples(selection.tooDeep)})`);
  if (selection.needArgs.length > 0) left.push(`${selection.needArgs.length} needing arguments (${examples(selection.needArgs)})`);
  const note = left.length > 0 ? ` Selects ${selection.fields} fields; not selected: ${left.join(", ")}.` : "";
  return `${own}${note}`.trim();
}

/** The first few paths, shallowest first (the lists are in that order already). */
function examples(paths: string[]): string {
  const shown = paths.slice(0, EXAMPLES);
  return paths.length > EXAMPLES ? `${shown.join(", ")}, …` : shown.join(", ");
}
