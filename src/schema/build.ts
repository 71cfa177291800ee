import { isObjectType, lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchemaSync, getMetadataStorage } from "type-graphql";
import {
  AccountIdentificationResolver,
  AccountOriginationResolver,
  AccountResolver,
  AccountTerminationResolver,
} from "../modules/account/account.resolver.js";
import { ApiKeyResolver } from "../modules/api-key/api-key.resolver.js";
import { AuditEventResolver } from "../modules/audit/audit.resolver.js";
import { AccountBalanceResolver, BalanceTransactionResolver, ClientBalanceResolver } from "../modules/balance/balance.resolver.js";
import { ClientTemplateOriginationResolver, ClientTemplateResolver } from "../modules/client-template/client-template.resolver.js";
import { ClientResolver } from "../modules/client/client.resolver.js";
import { CodeDeckResolver, CodeResolver } from "../modules/code-deck/code-deck.resolver.js";
import { ContactResolver } from "../modules/contact/contact.resolver.js";
import { CurrencyResolver } from "../modules/currency/currency.resolver.js";
import { EquipmentResolver } from "../modules/equipment/equipment.resolver.js";
import { InvoiceTemplateResolver } from "../modules/invoice-template/invoice-template.resolver.js";
import { LowBalanceProfileResolver } from "../modules/low-balance-profile/low-balance-profile.resolver.js";
import { PartitionResolver } from "../modules/partition/partition.resolver.js";
import { PaymentTermResolver } from "../modules/payment-term/payment-term.resolver.js";
import { RateNotificationResolver } from "../modules/rate-notification/rate-notification.resolver.js";
import { RateTableResolver } from "../modules/rate-table/rate-table.resolver.js";
import { RatePricingResolver, RateResolver, SpecialRateResolver } from "../modules/rate/rate.resolver.js";
import { RateQuoteResolver } from "../modules/rating/rating.resolver.js";
import { RoutingPlanResolver } from "../modules/routing-plan/routing-plan.resolver.js";
import { TimeProfileResolver } from "../modules/time-profile/time-profile.resolver.js";
import { authChecker } from "../auth.js";
import { DateTimeScalar } from "../scalars.js";
import { guardArguments } from "../graphql/argument-guard.js";
import { resolveDirectly, ResolverInstances } from "./direct-resolvers.js";
import { fieldsOfObjectType } from "./type-fields.js";

export const RESOLVERS = [
  PartitionResolver,
  CurrencyResolver,
  ClientResolver,
  ClientTemplateResolver,
  ClientTemplateOriginationResolver,
  ContactResolver,
  AccountResolver,
  AccountIdentificationResolver,
  AccountOriginationResolver,
  AccountTerminationResolver,
  AccountBalanceResolver,
  BalanceTransactionResolver,
  ClientBalanceResolver,
  RateTableResolver,
  RatePricingResolver,
  RateResolver,
  SpecialRateResolver,
  RateNotificationResolver,
  CodeDeckResolver,
  CodeResolver,
  TimeProfileResolver,
  RoutingPlanResolver,
  PaymentTermResolver,
  InvoiceTemplateResolver,
  EquipmentResolver,
  LowBalanceProfileResolver,
  AuditEventResolver,
  ApiKeyResolver,
  RateQuoteResolver,
] as const;

/**
 * The schema as type-graphql builds it, every query and field resolver behind its wrapper, calling
 * methods on the resolver instances of `instances`.
 */
export function buildTypeGraphqlSchema(instances: ResolverInstances): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: RESOLVERS,
    container: instances,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    authChecker,
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

/** The gateway's GraphQL schema, built from the type-graphql resolvers. */
export function buildGatewaySchema(): GraphQLSchema {
  const instances = new ResolverInstances();
  const schema = buildTypeGraphqlSchema(instances);
  return guardArguments(resolveDirectly(plainFieldsUnwrapped(schema), RESOLVERS, instances));
}

/**
 * type-graphql gives every plain field a resolver that reads the property through its (here empty)
 * middleware chain. Without one, graphql-jit compiles the field to a property read: a nested page
 * has a thousand such fields. graphql-jit reads such a property synchronously, so a field whose
 * property holds a promise says `simple: false`. Kept too for renamed fields (the property is not the
 * field name), fields with middlewares or roles, and every field resolver. Fields an object type has
 * from an interface (a rate's price fields) are plain fields too.
 */
function plainFieldsUnwrapped(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const resolved = new Map<unknown, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const target = r.getObjectType?.();
    resolved.set(target, (resolved.get(target) ?? new Set()).add(r.methodName));
  }
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of fieldsOfObjectType(objectType)) {
      const plain = field.schemaName === field.name && !field.middlewares?.length && !field.roles?.length && field.simple !== false;
      const fieldConfig = fields[field.schemaName];
      if (plain && fieldConfig && !resolved.get(field.target)?.has(field.name)) fieldConfig.resolve = undefined;
    }
  }
  return schema;
}

/** SDL as committed in schema.graphql: sorted, so the diff of a change shows only what changed. */
export function printGatewaySchema(schema: GraphQLSchema = buildGatewaySchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
