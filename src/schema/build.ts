import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
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

/** The gateway's GraphQL schema, built from the type-graphql resolvers. */
export function buildGatewaySchema(): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: [
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
    ],
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
  return guardArguments(schema);
}

/** SDL as committed in schema.graphql: sorted, so the diff of a change shows only what changed. */
export function printGatewaySchema(schema: GraphQLSchema = buildGatewaySchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
