import { buildSchema, execute, parse, type GraphQLSchema } from "graphql";

/**
 * The ceiling graphql-js itself puts on the client list page: the same document executed over
 * in-memory objects with a minimal schema of the same shape (no HTTP, no database, no Drizzle, no
 * type-graphql), resolvers async like the DataLoader-backed ones, and the result serialised to JSON.
 * Whatever the gateway does, it cannot serve the page faster than this on one core.
 */
const SCHEMA = `
  type Query { clients(first: Int): ClientConnection }
  type ClientConnection { totalCount: Int nodes: [Client!]! }
  type Client { id: ID! name: String! partition: Named currency: Currency accounts(first: Int): AccountConnection }
  type Named { name: String! }
  type Currency { code: String! }
  type AccountConnection { totalCount: Int nodes: [Account!]! }
  type Account { id: ID! name: String! identification: Identification origination: Origination }
  type Identification { authType: String! }
  type Origination { enabled: Boolean! rateTables: [RateTable!]! }
  type RateTable { id: ID! name: String! }`;

/** Every field resolves its property, calling and awaiting it when it is a function (a loader stand-in). */
function schemaWithResolvers(): GraphQLSchema {
  const schema = buildSchema(SCHEMA);
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !("getFields" in type) || !("getInterfaces" in type)) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = (source: Record<string, unknown>) => {
        const value = source[field.name];
        return typeof value === "function" ? Promise.resolve((value as () => unknown)()) : value;
      };
    }
  }
  return schema;
}

/** 20 clients with 10 accounts each, every other account with one rate table: the bench page's data. */
function pageData() {
  const clients = Array.from({ length: 20 }, (_, c) => ({
    id: c,
    name: `Client ${c}`,
    partition: () => ({ name: "Reseller A" }),
    currency: () => ({ code: "USD" }),
    accounts: () => ({
      totalCount: 10,
      nodes: Array.from({ length: 10 }, (_, a) => ({
        id: c * 10 + a,
        name: `acc-${c}-${a}`,
        identification: () => ({ authType: "NAME" }),
        origination: () => ({ enabled: true, rateTables: () => (a % 2 ? [{ id: a, name: `Table ${a}` }] : []) }),
      })),
    }),
  }));
  return { clients: () => ({ totalCount: 200, nodes: clients }) };
}

/** Executions per second of `query` on one core, after a warm-up. */
export async function engineFloor(query: string, seconds: number): Promise<number> {
  const schema = schemaWithResolvers();
  const document = parse(query);
  const rootValue = pageData();
  const run = async () => JSON.stringify(await execute({ schema, document, rootValue }));
  for (let i = 0; i < 200; i++) await run();
  let runs = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < end) {
    await run();
    runs += 1;
  }
  return runs / ((performance.now() - started) / 1000);
}
