// The in-memory shop behind test/fixtures/graphql/shop/schema.graphql: seed data and resolvers, one store per call.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  assertScalarType,
  buildSchema,
  defaultFieldResolver,
  GraphQLError,
  Kind,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";

export const SHOP_SCHEMA_PATH = fileURLToPath(new URL("../fixtures/graphql/shop/schema.graphql", import.meta.url));
export const SHOP_OPERATIONS_DIR = fileURLToPath(new URL("../fixtures/graphql/shop/operations/", import.meta.url));

export type Category = "BOOKS" | "GAMES" | "TOOLS";

export interface ProductRecord {
  __typename: "Product";
  id: string;
  sku: string;
  name: string;
  description: string | null;
  category: Category;
  price: number;
  tags: string[];
  createdAt: Date;
}

export interface ReviewRecord {
  __typename: "Review";
  id: string;
  productId: string;
  rating: number;
  body: string | null;
  author: string;
  createdAt: Date;
}

const product = (id: string, sku: string, name: string, category: Category, price: number, tags: string[], createdAt: string, description: string | null = null): ProductRecord =>
  ({ __typename: "Product", id, sku, name, description, category, price, tags, createdAt: new Date(createdAt) });
const review = (id: string, productId: string, rating: number, body: string | null, author: string, createdAt: string): ReviewRecord =>
  ({ __typename: "Review", id, productId, rating, body, author, createdAt: new Date(createdAt) });

/** What every new upstream starts with. By name: Catan, Claw hammer, Dune, Hanabi, Mystery box, The Hobbit. */
export const SHOP_SEED: { readonly products: readonly ProductRecord[]; readonly reviews: readonly ReviewRecord[] } = {
  products: [
    product("p1", "BK-001", "Dune", "BOOKS", 9.99, ["scifi", "paperback"], "2024-01-10T09:00:00Z", "Desert planet, spice and politics."),
    product("p2", "BK-002", "The Hobbit", "BOOKS", 12.5, ["fantasy", "hardcover"], "2024-02-01T09:00:00Z"),
    product("p3", "GM-001", "Catan", "GAMES", 45, ["strategy", "family"], "2024-03-15T09:00:00Z", "Trade and build on an island."),
    product("p4", "GM-002", "Hanabi", "GAMES", 11, ["cards", "family"], "2024-04-20T09:00:00Z"),
    product("p5", "TL-001", "Claw hammer", "TOOLS", 19.9, ["steel"], "2024-05-05T09:00:00Z"),
    // The warehouse has no record of X- skus: `stock` throws for it (partial success).
    product("p6", "X-900", "Mystery box", "GAMES", 5, ["family"], "2024-06-01T09:00:00Z"),
  ],
  reviews: [
    review("r1", "p1", 5, "A classic of science fiction.", "ana", "2024-03-01T10:00:00Z"),
    review("r2", "p1", 4, null, "ben", "2024-04-01T10:00:00Z"),
    review("r3", "p3", 5, "Great family game.", "cleo", "2024-04-02T10:00:00Z"),
    review("r4", "p4", 3, "Fun but short.", "dev", "2024-05-03T10:00:00Z"),
  ],
};

/** Units in the warehouse per sku; X- skus are absent on purpose. */
const STOCK: Record<string, number> = { "BK-001": 12, "BK-002": 3, "GM-001": 0, "GM-002": 7, "TL-001": 25 };

/** Products created through `createProduct` get this time plus one second per product: snapshots stay stable. */
const CREATED_CLOCK_START = Date.parse("2025-01-01T00:00:00Z");

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO 8601 date and time with an offset, e.g. "2024-05-01T12:00:00Z"; got ${JSON.stringify(value)}`);
  }
  return date;
}

/** The shop schema with `DateTime` wired to `Date`. Built once: the schema is immutable, the store is not shared. */
export const shopSchema: GraphQLSchema = (() => {
  const schema = buildSchema(readFileSync(SHOP_SCHEMA_PATH, "utf8"));
  Object.assign(assertScalarType(schema.getType("DateTime")), {
    serialize: (value: unknown) => (value instanceof Date ? value : parseDateTime(value)).toISOString(),
    parseValue: parseDateTime,
    parseLiteral: (node: ValueNode) => parseDateTime(node.kind === Kind.STRING ? node.value : undefined),
  });
  return schema;
})();

type Resolvers = Record<string, Record<string, GraphQLFieldResolver<any, unknown, any>>>;

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64");

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw new GraphQLError(`after: ${JSON.stringify(cursor)} is not a cursor from this API`);
  return Number(match[1]);
}

const SORTS: Record<string, (a: ProductRecord, b: ProductRecord) => number> = {
  NAME: (a, b) => a.name.localeCompare(b.name),
  PRICE: (a, b) => a.price - b.price || a.name.localeCompare(b.name),
  NEWEST: (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
};

interface ProductFilter {
  category?: Category | null;
  price?: { min?: number | null; max?: number | null } | null;
  tags?: string[] | null;
}

function matches(p: ProductRecord, filter: ProductFilter | null | undefined): boolean {
  if (!filter) return true;
  if (filter.category && p.category !== filter.category) return false;
  if (filter.price?.min != null && p.price < filter.price.min) return false;
  if (filter.price?.max != null && p.price > filter.price.max) return false;
  return (filter.tags ?? []).every((tag) => p.tags.includes(tag));
}

/** A fresh store seeded from SHOP_SEED, and the resolvers over it. Nothing is shared between two calls. */
export function createShop(): { fieldResolver: GraphQLFieldResolver<unknown, unknown> } {
  const products = SHOP_SEED.products.map((p) => ({ ...p, tags: [...p.tags] }));
  let reviews = SHOP_SEED.reviews.map((r) => ({ ...r }));
  let created = 0;
  const byId = (id: string) => products.find((p) => p.id === id) ?? reviews.find((r) => r.id === id) ?? null;

  const resolvers: Resolvers = {
    Query: {
      product: (_, { key }: { key: { id?: string; sku?: string } }) =>
        products.find((p) => (key.id !== undefined ? p.id === key.id : p.sku === key.sku)) ?? null,
      products: (_, args: { first: number; after?: string | null; filter?: ProductFilter | null; sort: string }) => {
        if (args.first < 0 || args.first > 50) throw new GraphQLError(`first must be between 0 and 50; got ${args.first}`);
        const all = products.filter((p) => matches(p, args.filter)).sort(SORTS[args.sort]);
        const start = args.after == null ? 0 : decodeCursor(args.after) + 1;
        const edges = all.slice(start, start + args.first).map((node, i) => ({ cursor: encodeCursor(start + i), node }));
        return {
          edges,
          nodes: edges.map((e) => e.node),
          totalCount: all.length,
          pageInfo: {
            hasNextPage: start + edges.length < all.length,
            hasPreviousPage: start > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null,
          },
        };
      },
      search: (_, { text, limit }: { text: string; limit: number }) => {
        const needle = text.toLowerCase();
        const has = (s: string | null) => s !== null && s.toLowerCase().includes(needle);
        return [...products.filter((p) => has(p.name) || has(p.description)), ...reviews.filter((r) => has(r.body))].slice(0, Math.max(0, limit));
      },
      node: (_, { id }: { id: string }) => byId(id),
      salesReport: () => {
        throw new GraphQLError("reporting backend unavailable", { extensions: { code: "SERVICE_UNAVAILABLE" } });
      },
    },
    Mutation: {
      createProduct: (_, { input }: { input: Omit<ProductRecord, "__typename" | "id" | "createdAt"> }) => {
        if (products.some((p) => p.sku === input.sku)) throw new GraphQLError(`sku ${JSON.stringify(input.sku)} is already in use`);
        if (input.price < 0) throw new GraphQLError(`price must not be negative; got ${input.price}`);
        const id = `p${SHOP_SEED.products.length + created + 1}`;
        const record: ProductRecord = {
          __typename: "Product", id, sku: input.sku, name: input.name, description: input.description ?? null,
          category: input.category, price: input.price, tags: input.tags ?? [], createdAt: new Date(CREATED_CLOCK_START + created * 1000),
        };
        created += 1;
        products.push(record);
        return record;
      },
      deleteProduct: (_, { id }: { id: string }) => {
        const index = products.findIndex((p) => p.id === id);
        if (index < 0) return false;
        products.splice(index, 1);
        reviews = reviews.filter((r) => r.productId !== id);
        return true;
      },
    },
    Product: {
      stock: (p: ProductRecord) => {
        // A plain Error, as a real resolver's dependency would throw: graphql-js turns it into a field error.
        if (!(p.sku in STOCK)) throw new Error(`warehouse has no record of sku ${p.sku}`);
        return STOCK[p.sku];
      },
      reviews: (p: ProductRecord, { first }: { first: number }) =>
        reviews.filter((r) => r.productId === p.id).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, Math.min(Math.max(first, 0), 20)),
    },
    Review: {
      product: (r: ReviewRecord) => products.find((p) => p.id === r.productId),
    },
  };

  return {
    fieldResolver: (source, args, context, info) =>
      (resolvers[info.parentType.name]?.[info.fieldName] ?? defaultFieldResolver)(source, args, context, info),
  };
}
