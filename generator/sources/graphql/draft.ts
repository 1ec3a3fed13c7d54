// One GraphQL operation, however it was made (a root field or a written document) → one ToolDraft.
import type { GraphQLInputType } from "graphql";
import type { ArgPlan, JsonSchema, ToolDraft } from "../../plan/tool-plan.js";
import { operationRule } from "./hints.js";
import { InputSchemas } from "./input-schema.js";

/** A variable of the operation: one tool argument. */
export interface VariableInput {
  name: string;
  type: GraphQLInputType;
  description?: string | null;
  /** As JSON. */
  defaultValue?: unknown;
  required: boolean;
}

export interface OperationInput {
  app: string;
  /** The file the tool comes from: the schema (root fields) or the operation document. */
  file: string;
  /** Schema coordinate or operation name, unique in `file`. @example "Query.repository" */
  pointer: string;
  keys: string[];
  /** The written operation's name; absent for a root-field tool (its operation name is made up). */
  operationId?: string;
  candidate: string;
  operation: "query" | "mutation";
  operationName: string;
  /** Printed and validated. */
  document: string;
  /** The root fields the operation selects, for the annotation rule. */
  rootFields: string[];
  variables: VariableInput[];
  /** The field or operation name made readable. */
  title: string;
  /** May be empty: the describe pass leads with the title then. */
  description: string;
  /** The root field's @deprecated reason ("" when it gives none); absent when not deprecated. */
  deprecationReason?: string;
  outputSchema: JsonSchema & { type: "object" };
}

export function draftOf(input: OperationInput, scalars: Record<string, JsonSchema>): ToolDraft {
  const schemas = new InputSchemas(scalars);
  schemas.countUses(input.variables.map((v) => v.type));
  const args: ArgPlan[] = input.variables.map((variable) => ({
    name: variable.name,
    in: "variable",
    wire: variable.name,
    required: variable.required,
    schema: schemas.describedSchemaOf(variable.type, variable.description, variable.defaultValue),
  }));
  const rule = operationRule(input.operation, [input.operationName, ...input.rootFields]);
  return {
    candidate: input.candidate,
    app: input.app,
    title: input.title,
    description: input.description,
    ...(input.deprecationReason !== undefined ? { deprecated: input.deprecationReason ? { reason: input.deprecationReason } : {} } : {}),
    annotations: { ...rule.annotations },
    rule,
    args,
    defs: schemas.defs,
    outputSchema: input.outputSchema,
    tags: [],
    request: { kind: "graphql", operation: input.operation, operationName: input.operationName, document: input.document },
    source: { file: input.file, pointer: input.pointer, keys: input.keys, ...(input.operationId ? { operationId: input.operationId } : {}) },
  };
}
