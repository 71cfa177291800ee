import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { NameOrder } from "../../loading/list-args.js";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";
import { AuthType, InvoicePeriod } from "./account.type.js";

@InputType({ description: "Narrows the accounts of a client." })
export class ClientAccountFilter {
  @Field(() => String, { nullable: true, description: "Only accounts whose name contains this text (case-insensitive)." })
  nameContains?: string | null;

  @Field(() => AuthType, { nullable: true, description: "Only accounts identified this way." })
  authType?: AuthType | null;

  @Field(() => Boolean, { nullable: true, description: "Only accounts whose origination is enabled (true) or disabled (false)." })
  originationEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Only accounts whose termination is enabled (true) or disabled (false)." })
  terminationEnabled?: boolean | null;
}

@InputType({ description: "Narrows a list of accounts." })
export class AccountFilter extends ClientAccountFilter {
  @Field(() => ID, { nullable: true, description: "Only accounts of this client." })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only accounts of clients of this partition." })
  partitionId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Whose traffic comes from this IP address (or network): accounts whose ips hold it or a network containing it, e.g. "192.0.2.10".',
  })
  ip?: string | null;

  @Field(() => String, { nullable: true, description: "Only accounts with exactly this ANI." })
  ani?: string | null;

  @Field(() => String, { nullable: true, description: "Only accounts with exactly this auth name." })
  authName?: string | null;

  @Field(() => String, { nullable: true, description: "Only accounts with exactly this tech prefix." })
  techPrefix?: string | null;
}

@ArgsType()
export class ClientAccountsArgs extends ConnectionArgs {
  @Field(() => ClientAccountFilter, { nullable: true, description: "Conditions the accounts must meet." })
  filter?: ClientAccountFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}

@ArgsType()
export class AccountsArgs extends ConnectionArgs {
  @Field(() => AccountFilter, { nullable: true, description: "Conditions the accounts must meet." })
  filter?: AccountFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}

@InputType({ description: "How the switch recognises the account's traffic. Omitted fields stay as they are." })
export class AccountIdentificationInput {
  @Field(() => AuthType, { nullable: true, description: "Identification method; required on create. NAME needs authName, IP needs ips, ANI needs ani." })
  authType?: AuthType | null;

  @Field(() => String, { nullable: true, description: "Calling number (up to 64 characters); null clears it." })
  ani?: string | null;

  @Field(() => String, { nullable: true, description: "User name (up to 128 characters); null clears it." })
  authName?: string | null;

  @Field(() => String, { nullable: true, description: "Password for name identification (up to 256 characters). Write-only; null clears it." })
  password?: string | null;

  @Field(() => [String], { nullable: true, description: 'IP addresses or CIDR networks, e.g. "192.0.2.10" or "198.51.100.0/24"; replaces the list.' })
  ips?: string[] | null;

  @Field(() => String, { nullable: true, description: "Technical prefix stripped from dialled numbers (up to 64 characters); null clears it." })
  techPrefix?: string | null;

  @Field(() => [ID], { nullable: true, description: "Equipment the account may be used on; replaces the list (null or [] clears it)." })
  equipmentIds?: string[] | null;
}

@InputType({ description: "Origination settings. Omitted fields stay as they are." })
export class AccountOriginationInput {
  @Field(() => Boolean, { nullable: true, description: "Whether the account may originate traffic." })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Concurrent channels, 0 to 2147483647; null = unlimited." })
  capacity?: number | null;

  @Field(() => [String], { nullable: true, description: "Tags stamped on originated events (each 1 to 64 characters); replaces the list." })
  tags?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Rate tables, in order, from the client's partition; [] or null means the client's are used." })
  rateTableIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Routing plan; null means the client's is used." })
  routingPlanId?: string | null;
}

@InputType({ description: "Termination settings. Omitted fields stay as they are." })
export class AccountTerminationInput {
  @Field(() => Boolean, { nullable: true, description: "Whether we may send traffic to the account." })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Concurrent channels, 0 to 2147483647; null = unlimited." })
  capacity?: number | null;

  @Field(() => [String], { nullable: true, description: "Tags stamped on terminated events (each 1 to 64 characters); replaces the list." })
  tags?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Rate tables, in order, from the client's partition; [] or null means the client's are used." })
  rateTableIds?: string[] | null;

  @Field(() => String, { nullable: true, description: "Signalling protocol of the equipment (up to 64 characters)." })
  protocol?: string | null;

  @Field(() => String, { nullable: true, description: "Port of the equipment (up to 64 characters)." })
  port?: string | null;

  @Field(() => Int, { nullable: true, description: "Proxy mode of the equipment, 0 to 7 (default 1)." })
  proxyMode?: number | null;
}

@InputType({ description: "Changes to an account: omitted fields stay as they are, an explicit null clears a nullable field." })
export class AccountUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique within the client (1 to 64 characters)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: "Identifier in an external system (up to 64 characters), unique when set." })
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA timezone, e.g. "Europe/Kyiv". Default UTC.' })
  timezone?: string | null;

  @Field(() => AccountIdentificationInput, { nullable: true, description: "How the account's traffic is recognised." })
  identification?: AccountIdentificationInput | null;

  @Field(() => AccountOriginationInput, { nullable: true, description: "Origination settings." })
  origination?: AccountOriginationInput | null;

  @Field(() => AccountTerminationInput, { nullable: true, description: "Termination settings." })
  termination?: AccountTerminationInput | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Originate while balance > minBalance; ±999999999.999999. Default 0." })
  minBalance?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Terminate while balance < maxBalance; at least minBalance. Default 0." })
  maxBalance?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "VAT percent, 0 to 100. Default 0." })
  vat?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Low-balance notification threshold; below balanceHighThreshold." })
  balanceLowThreshold?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "High-balance notification threshold." })
  balanceHighThreshold?: string | null;

  @Field(() => Int, { nullable: true, description: "Concurrent channels in both directions, 0 to 2147483647; null = unlimited." })
  totalCapacity?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Reject calls to destinations priced above this per minute (0 or more); null = no limit." })
  destinationRateLimit?: string | null;

  @Field(() => Int, { nullable: true, description: "Longest call in seconds (at least 1); null = no limit." })
  maxCallDuration?: number | null;

  @Field(() => InvoicePeriod, { nullable: true, description: "How often the account is invoiced; null = not automatically." })
  invoicePeriod?: InvoicePeriod | null;

  @Field(() => ID, { nullable: true, description: "Invoice template; null clears it." })
  invoiceTemplateId?: string | null;

  @Field(() => [ID], { nullable: true, description: "Contacts of the client receiving invoices; replaces the list." })
  sendInvoicesTo?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Contacts of the client receiving balance notifications; replaces the list." })
  sendBalanceNotificationsTo?: string[] | null;
}

@InputType({ description: "A new account of a client." })
export class AccountCreateInput extends AccountUpdateInput {
  @Field(() => ID, { description: "The client that owns the account; cannot change later." })
  clientId: string;

  @Field(() => String, { description: "Name, unique within the client (1 to 64 characters)." })
  declare name: string;

  @Field(() => AccountIdentificationInput, { description: "How the account's traffic is recognised; authType is required." })
  declare identification: AccountIdentificationInput;
}
