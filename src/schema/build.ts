import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { ClientResolver } from "../modules/client/client.resolver.js";
import { CurrencyResolver } from "../modules/currency/currency.resolver.js";
import { PartitionResolver } from "../modules/partition/partition.resolver.js";
import { DateTimeScalar } from "../scalars.js";

/** The gateway's GraphQL schema, built from the type-graphql resolvers. */
export function buildGatewaySchema(): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: [PartitionResolver, CurrencyResolver, ClientResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Input rules live in the services, which report them as userErrors rather than top-level errors.
    validate: false,
  });
  // type-graphql has no option to describe the root types; Sandbox shows these as the API's front page.
  Object.assign(schema.getQueryType() ?? {}, {
    description: "Reads of the VoIP wholesale billing domain. Lists are Relay connections with keyset cursors.",
  });
  Object.assign(schema.getMutationType() ?? {}, {
    description: "Writes. Every mutation takes one `input` and returns a payload with `userErrors`; nothing changes when they are not empty.",
  });
  return schema;
}

/** SDL as committed in schema.graphql: sorted, so the diff of a change shows only what changed. */
export function printGatewaySchema(schema: GraphQLSchema = buildGatewaySchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
