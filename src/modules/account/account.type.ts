import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";

export enum AuthType {
  NAME = "name",
  IP = "ip",
  ANI = "ani",
}

registerEnumType(AuthType, {
  name: "AuthType",
  description: "How the switch recognises an account's traffic.",
  valuesConfig: {
    NAME: { description: "By SIP/RADIUS user name (authName), optionally with a password." },
    IP: { description: "By source IP address or network (ips)." },
    ANI: { description: "By calling number (ani)." },
  },
});

export enum InvoicePeriod {
  DAILY = "daily",
  WEEKLY = "weekly",
  BIWEEKLY = "biweekly",
  MONTHLY = "monthly",
  BIWEEKLY_SPLIT_BY_MONTH = "biweekly_split_by_month",
  WEEKLY_SPLIT_BY_MONTH = "weekly_split_by_month",
  SEMIMONTHLY = "semimonthly",
}

registerEnumType(InvoicePeriod, {
  name: "InvoicePeriod",
  description: "How often an account is invoiced (Yeti invoice periods); boundaries follow the account's timezone.",
  valuesConfig: {
    DAILY: { description: "Every day." },
    WEEKLY: { description: "Every week." },
    BIWEEKLY: { description: "Every two weeks." },
    MONTHLY: { description: "Every calendar month." },
    BIWEEKLY_SPLIT_BY_MONTH: { description: "Every two weeks, also cut at month ends." },
    WEEKLY_SPLIT_BY_MONTH: { description: "Every week, also cut at month ends." },
    SEMIMONTHLY: { description: "On the 1st and the 16th." },
  },
});

@ObjectType({ description: "How the switch recognises an account's traffic. The password is write-only and never returned." })
export class AccountIdentification {
  @Field(() => AuthType, { description: "Identification method." })
  authType: AuthType;

  @Field(() => String, { nullable: true, description: "Calling number, used when authType is ANI (up to 64 characters)." })
  ani: string | null;

  @Field(() => String, { nullable: true, description: "User name, used when authType is NAME (up to 128 characters)." })
  authName: string | null;

  @Field(() => Boolean, { description: "True when a password is set (it is never returned)." })
  hasPassword: boolean;

  @Field(() => [String], { description: 'Source IP addresses or networks, e.g. "192.0.2.10" or "198.51.100.0/24".' })
  ips: string[];

  @Field(() => String, { nullable: true, description: "Technical prefix: matched at the start of the dialled number and stripped before rating." })
  techPrefix: string | null;

  accountId: number;
}

@ObjectType({ description: "Whether and how an account may send traffic to us (we charge it)." })
export class AccountOrigination {
  @Field(() => Boolean, { description: "True when the account may originate traffic." })
  enabled: boolean;

  @Field(() => Int, { nullable: true, description: "Concurrent channels; null = unlimited." })
  capacity: number | null;

  @Field(() => [String], { description: "Tags stamped on originated events." })
  tags: string[];

  accountId: number;
  clientId: number;
  routingPlanId: number | null;
}

@ObjectType({ description: "Whether and how we may send traffic to an account (we pay it)." })
export class AccountTermination {
  @Field(() => Boolean, { description: "True when the account may terminate traffic." })
  enabled: boolean;

  @Field(() => Int, { nullable: true, description: "Concurrent channels; null = unlimited." })
  capacity: number | null;

  @Field(() => [String], { description: "Tags stamped on terminated events." })
  tags: string[];

  @Field(() => String, { nullable: true, description: "Signalling protocol of the equipment, e.g. SIP." })
  protocol: string | null;

  @Field(() => String, { nullable: true, description: "Port of the equipment." })
  port: string | null;

  @Field(() => Int, { description: "Proxy mode of the equipment (0 to 7, default 1)." })
  proxyMode: number;

  accountId: number;
  clientId: number;
}

@ObjectType({
  description:
    "An account of a client: the identity its traffic is recognised by (JeraSoft) and the money container with balance, limits and thresholds (Yeti).",
})
export class Account {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Globally unique UUID, stable across systems." })
  uuid: string;

  @Field(() => String, { description: "Name, unique within its client (1 to 64 characters)." })
  name: string;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes: string | null;

  @Field(() => String, { nullable: true, description: "Identifier in an external system; unique when set." })
  externalId: string | null;

  @Field(() => String, { description: 'IANA timezone for invoice periods and reports, e.g. "Europe/Kyiv".' })
  timezone: string;

  @Field(() => DecimalScalar, { description: "Current balance; moved by paymentCreate and balanceCorrectionCreate (see balanceTransactions), never by accountUpdate." })
  balance: string;

  @Field(() => DecimalScalar, { description: "The account may originate while balance > minBalance (negative = credit)." })
  minBalance: string;

  @Field(() => DecimalScalar, { description: "The account may terminate while balance < maxBalance; never below minBalance." })
  maxBalance: string;

  @Field(() => DecimalScalar, { description: "VAT percent applied on invoices, 0 to 100." })
  vat: string;

  @Field(() => DecimalScalar, { nullable: true, description: "A low-balance notification fires below this; always below the high threshold." })
  balanceLowThreshold: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "A high-balance notification fires above this." })
  balanceHighThreshold: string | null;

  @Field(() => Int, { nullable: true, description: "Concurrent channels in both directions together; null = unlimited." })
  totalCapacity: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Calls to destinations priced above this (per minute) are rejected; null = no limit." })
  destinationRateLimit: string | null;

  @Field(() => Int, { nullable: true, description: "Longest allowed call in seconds; null = no limit." })
  maxCallDuration: number | null;

  @Field(() => InvoicePeriod, { nullable: true, description: "How often the account is invoiced; null = not invoiced automatically." })
  invoicePeriod: InvoicePeriod | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;

  clientId: number;
  invoiceTemplateId: number | null;
}

export const AccountConnection = connectionType(Account, "Account", "accounts");
