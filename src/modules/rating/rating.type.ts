import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DecimalScalar } from "../../scalars.js";
import { Rate } from "../rate/rate.type.js";

export enum RatingDirection {
  ORIGINATION = "ORIGINATION",
  TERMINATION = "TERMINATION",
}

registerEnumType(RatingDirection, {
  name: "RatingDirection",
  description: "Which side of a call is rated.",
  valuesConfig: {
    ORIGINATION: { description: "The account sends the call to us; rated with its origination rate tables." },
    TERMINATION: { description: "We send the call to the account; rated with its termination rate tables." },
  },
});

export enum RateQuoteMiss {
  NO_MATCHING_RATE = "NO_MATCHING_RATE",
  DIRECTION_DISABLED = "DIRECTION_DISABLED",
  NO_RATE_TABLES = "NO_RATE_TABLES",
  ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND",
  RATE_TABLE_NOT_FOUND = "RATE_TABLE_NOT_FOUND",
}

registerEnumType(RateQuoteMiss, {
  name: "RateQuoteMiss",
  description: "Why no rate applies to a call.",
  valuesConfig: {
    NO_MATCHING_RATE: { description: "No active rate in effect at that moment matches the number, its length, the time and the tag." },
    DIRECTION_DISABLED: { description: "The account may not originate (or terminate) traffic." },
    NO_RATE_TABLES: { description: "Neither the account nor its client has rate tables for this direction." },
    ACCOUNT_NOT_FOUND: { description: "There is no account with this id." },
    RATE_TABLE_NOT_FOUND: { description: "There is no rate table with this id." },
  },
});

@InputType({ description: "A call to price: who or which table, where to, when, and how long." })
export class RateQuoteInput {
  @Field(() => ID, { nullable: true, description: "Rate with this account's rate tables (else its client's); exactly one of accountId and rateTableId." })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: "Rate with this rate table (and its parents); exactly one of accountId and rateTableId." })
  rateTableId?: string | null;

  @Field(() => RatingDirection, { nullable: true, defaultValue: RatingDirection.ORIGINATION, description: "Which rate tables of the account to use." })
  direction?: RatingDirection | null;

  @Field(() => String, { description: "Dialled number, possibly starting with the account's tech prefix (1 to 64 characters)." })
  dstNumber: string;

  @Field(() => Date, { description: "When the call starts; picks the rate version and the time profile." })
  at: Date;

  @Field(() => Int, { description: "Duration in seconds (0 or more)." })
  volume: number;

  @Field(() => String, { nullable: true, description: 'Rating tag; rates with this tag are preferred, else the "@" rates apply. Default "@".' })
  tag?: string | null;
}

@ObjectType({ description: "The price of one call, or why there is none." })
export class RateQuote {
  @Field(() => String, { description: "The number as rated: after the account's tech prefix was stripped." })
  dstNumber: string;

  rate: Rate | null;

  @Field(() => String, { nullable: true, description: "The matched code (the longest prefix of the number); null when no rate applies." })
  code: string | null;

  @Field(() => Int, { nullable: true, description: "Seconds billed after minimum volume, intervals and grace; null when no rate applies." })
  billedVolume: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "setupFee + value × billedVolume / 60, exact, rounded half-up to 6 decimals; null when no rate applies.",
  })
  cost: string | null;

  @Field(() => RateQuoteMiss, { nullable: true, description: "Why no rate applies; null when one does." })
  reason: RateQuoteMiss | null;

  rateId: number | null;
}
