// An operation's selection set → the JSON Schema of its `data`: response keys (aliases honoured), fragments
// merged, nullable fields allowing null. Nothing is required: fields under a type condition may be absent.
import {
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  Kind,
  type GraphQLCompositeType,
} from "graphql";
import type { JsonSchema } from "../../plan/tool-plan.js";
import { BUILT_IN_SCALARS, shortDescription } from "./input-schema.js";

export class OutputSchemas {
  constructor(
    private readonly schema: GraphQLSchema,
    /** Custom scalars the config describes; others are left untyped (the server decides their shape). */
    private readonly scalars: Record<string, JsonSchema>,
  ) {}

  /** The schema of the operation's `data`. */
  ofOperation(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): JsonSchema & { type: "object" } {
    const root = this.schema.getRootType(operation.operation);
    const properties = root ? this.#properties(root, operation.selectionSet, fragments) : {};
    return { type: "object", properties };
  }

  #properties(parent: GraphQLCompositeType, set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Record<string, JsonSchema> {
    const properties: Record<string, JsonSchema> = {};
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.name.value === "__typename") {
          properties[key] = { type: "string" };
          continue;
        }
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        const schema = this.#typeSchema(field.type, selection.selectionSet, fragments);
        const text = shortDescription(field.description);
        properties[key] = text ? { ...schema, description: text } : schema;
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : parent;
      if (!condition || !isCompositeType(condition)) continue;
      // Same key twice (a field in the parent and in a fragment) means the same field: the first one stands.
      for (const [key, schema] of Object.entries(this.#properties(condition, fragment.selectionSet, fragments))) properties[key] ??= schema;
    }
    return properties;
  }

  #typeSchema(type: GraphQLOutputType, set: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>): JsonSchema {
    if (isNonNullType(type)) return this.#nonNullSchema(type.ofType, set, fragments);
    return nullable(this.#nonNullSchema(type, set, fragments));
  }

  #nonNullSchema(type: GraphQLOutputType, set: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>): JsonSchema {
    if (isListType(type)) return { type: "array", items: this.#typeSchema(type.ofType, set, fragments) };
    const named = getNamedType(type);
    if (isScalarType(named)) return structuredClone(this.scalars[named.name] ?? BUILT_IN_SCALARS[named.name] ?? {});
    if (isEnumType(named)) return { type: "string", enum: named.getValues().map((v) => v.name) };
    if (isCompositeType(named) && set) return { type: "object", properties: this.#properties(named, set, fragments) };
    return {};
  }
}

/** `schema` that also admits null; an untyped schema already does. */
function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"], ...(schema.enum ? { enum: [...(schema.enum as unknown[]), null] } : {}) };
  return schema;
}
