// The selection set a root-field tool asks for, chosen by rule since no human wrote one: scalars and enums down
// to a depth, connections followed through `nodes` or `edges { node }` with their page info, cycles cut, and a
// size budget filled shallow fields first. What was left out is said, so the description can tell the model.
import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from "graphql";

export interface SelectionOptions {
  /** Levels of objects below the root field's own type. */
  depth: number;
  /** Most leaf fields selected. */
  maxFields: number;
}

/** A chosen selection set, printed, and what it had to leave out. */
export interface Selection {
  /** `{ … }` with the chosen fields, or "" for a root field of a leaf type. */
  text: string;
  /** Leaf fields selected. */
  fields: number;
  /** Paths of leaf fields over the size budget. @example ["owner.url"] */
  overBudget: string[];
  /** Paths of objects below the depth limit or on a cycle. */
  tooDeep: string[];
  /** Paths of fields that need arguments the tool cannot know. */
  needArgs: string[];
}

/** Page size asked of a connection nested inside a result: some APIs (GitHub) refuse a connection without one. */
export const NESTED_PAGE_SIZE = 10;

interface Leaf {
  path: string;
  level: number;
  /** Position in schema order, to break level ties stably. */
  order: number;
}

/** One field (or `... on Type`) in the candidate tree. */
interface Branch {
  /** What is printed before the sub-selection. @example "issues(first: 10)" */
  head: string;
  leaf?: Leaf;
  children: Branch[];
}

/** Picks the selection for a root field returning `type`. */
export function selectionFor(schema: GraphQLSchema, type: GraphQLNamedType, options: SelectionOptions): Selection {
  const result: Selection = { text: "", fields: 0, overBudget: [], tooDeep: [], needArgs: [] };
  if (!isCompositeType(type)) return result;
  const leaves: Leaf[] = [];
  const walker = new Walker(schema, options.depth, leaves, result);
  const connection = isObjectType(type) ? connectionOf(type) : undefined;
  const children = connection ? walker.connectionChildren(connection, 1, "", [type.name]) : walker.composite(type, 1, "", [type.name]);
  // Shallow first, then schema order: a budget cut keeps the fields nearest the root.
  const ranked = [...leaves].sort((a, b) => a.level - b.level || a.order - b.order);
  const chosen = new Set(ranked.slice(0, options.maxFields));
  result.overBudget = ranked.slice(options.maxFields).map((leaf) => leaf.path);
  result.fields = chosen.size;
  result.text = printBranches(children, chosen);
  return result;
}

class Walker {
  #order = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly depth: number,
    private readonly leaves: Leaf[],
    private readonly result: Selection,
  ) {}

  /** The candidate branches of a composite type whose fields sit at `level`. */
  composite(type: GraphQLCompositeType, level: number, path: string, ancestors: string[], taken?: Map<string, string>): Branch[] {
    const branches: Branch[] = [];
    if (isAbstractType(type)) branches.push(this.#leaf("__typename", join(path, "__typename"), level));
    if (isUnionType(type)) {
      // Members may share a field name with different types (`email: String` and `email: String!`), which
      // GraphQL refuses to merge in one selection: the first member's field keeps the name.
      const taken = new Map<string, string>();
      for (const member of type.getTypes()) {
        const children = this.composite(member, level, join(path, `(${member.name})`), [...ancestors, member.name], taken);
        if (children.length > 0) branches.push({ head: `... on ${member.name}`, children });
      }
      return branches;
    }
    for (const field of Object.values(type.getFields())) {
      if (field.deprecationReason) continue;
      if (taken) {
        const type = String(field.type);
        if ((taken.get(field.name) ?? type) !== type) continue;
        taken.set(field.name, type);
      }
      const branch = this.#field(field, level, join(path, field.name), ancestors);
      if (branch) branches.push(branch);
    }
    return branches;
  }

  #field(field: GraphQLField<unknown, unknown>, level: number, path: string, ancestors: string[]): Branch | undefined {
    const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    if (args.length > 0) {
      this.result.needArgs.push(path);
      return undefined;
    }
    const named = getNamedType(field.type);
    if (isLeafType(named)) return this.#leaf(field.name, path, level);
    if (!isCompositeType(named)) return undefined;
    const connection = isObjectType(named) ? connectionOf(named) : undefined;
    if (connection) return this.#connection(field, connection, level, path, ancestors);
    if (level >= this.depth || ancestors.includes(named.name)) {
      this.result.tooDeep.push(path);
      return undefined;
    }
    const children = this.composite(named, level + 1, path, [...ancestors, named.name]);
    return children.length > 0 ? { head: field.name, children } : undefined;
  }

  /** `field(first: 10) { totalCount pageInfo { … } nodes { … } }` inside a result: the wrapper costs no level. */
  #connection(field: GraphQLField<unknown, unknown>, connection: Connection, level: number, path: string, ancestors: string[]): Branch | undefined {
    if (level >= this.depth || ancestors.includes(connection.node.name)) {
      this.result.tooDeep.push(path);
      return undefined;
    }
    const children = this.connectionChildren(connection, level, path, ancestors);
    if (children.length === 0) return undefined;
    // The root field's own `first` is the tool's argument; a nested connection gets a fixed page size, when its
    // `first` takes one (an Int): any other literal would make the whole document invalid.
    const first = field.args.find((arg) => arg.name === "first");
    const head = first && getNamedType(first.type).name === "Int" ? `${field.name}(first: ${NESTED_PAGE_SIZE})` : field.name;
    return { head, children };
  }

  /** A connection's total, page info, and items through `nodes` (or `edges { node }` when there is no `nodes`). */
  connectionChildren(connection: Connection, level: number, path: string, ancestors: string[]): Branch[] {
    const children: Branch[] = [];
    const fields = connection.type.getFields();
    // Inside a result a connection ranks one level down, and gets no page info: the tool has no cursor to pass.
    const nested = path !== "";
    if (fields.totalCount && isLeafType(getNamedType(fields.totalCount.type))) children.push(this.#leaf("totalCount", join(path, "totalCount"), nested ? level + 1 : level));
    const pageInfo = !nested && fields.pageInfo ? getNamedType(fields.pageInfo.type) : undefined;
    if (pageInfo && isObjectType(pageInfo)) {
      const info = ["hasNextPage", "endCursor"].filter((name) => name in pageInfo.getFields()).map((name) => this.#leaf(name, join(path, `pageInfo.${name}`), level));
      if (info.length > 0) children.push({ head: "pageInfo", children: info });
    }
    const nodePath = join(path, connection.via === "nodes" ? "nodes" : "edges.node");
    const nodeChildren = this.composite(connection.node, level + 1, nodePath, [...ancestors, connection.node.name]);
    if (nodeChildren.length > 0) {
      children.push(connection.via === "nodes" ? { head: "nodes", children: nodeChildren } : { head: "edges", children: [{ head: "node", children: nodeChildren }] });
    }
    return children;
  }

  #leaf(name: string, path: string, level: number): Branch {
    const leaf = { path, level, order: this.#order++ };
    this.leaves.push(leaf);
    return { head: name, leaf, children: [] };
  }
}

/** A path below the root field. @example "owner.login" */
function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

interface Connection {
  type: GraphQLObjectType;
  /** The type of one item. */
  node: GraphQLCompositeType;
  via: "nodes" | "edges";
}

/** A Relay-style connection: a list `nodes`, or a list `edges` of objects with a `node`. */
function connectionOf(type: GraphQLObjectType): Connection | undefined {
  if (!type.name.endsWith("Connection")) return undefined;
  const fields = type.getFields();
  const nodes = fields.nodes;
  if (nodes && isListType(unwrapNonNull(nodes.type))) {
    const node = getNamedType(nodes.type);
    if (isCompositeType(node)) return { type, node, via: "nodes" };
  }
  const edges = fields.edges;
  const edge = edges && isListType(unwrapNonNull(edges.type)) ? getNamedType(edges.type) : undefined;
  if (edge && (isObjectType(edge) || isInterfaceType(edge))) {
    const node = edge.getFields().node ? getNamedType(edge.getFields().node!.type) : undefined;
    if (node && isCompositeType(node)) return { type, node, via: "edges" };
  }
  return undefined;
}

function unwrapNonNull<T>(type: T): T {
  return (isNonNullType(type) ? type.ofType : type) as T;
}

/** The chosen branches as a selection set; "" when nothing under them was chosen. */
function printBranches(branches: Branch[], chosen: Set<Leaf>): string {
  const parts: string[] = [];
  for (const branch of branches) {
    if (branch.leaf) {
      if (chosen.has(branch.leaf)) parts.push(branch.head);
      continue;
    }
    const inner = printBranches(branch.children, chosen);
    if (inner) parts.push(`${branch.head} ${inner}`);
  }
  return parts.length > 0 ? `{ ${parts.join(" ")} }` : "";
}
