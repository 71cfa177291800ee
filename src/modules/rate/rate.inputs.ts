import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import type { OrderArg } from "../../loading/list-args.js";
import { ConnectionArgs, OrderDirection } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";
import { RateStatus } from "./rate.type.js";

@InputType({ description: "Narrows the rates of a rate table." })
export class TableRateFilter {
  @Field(() => String, { nullable: true, description: 'Only rates whose code starts with this text, e.g. "44".' })
  codePrefix?: string | null;

  @Field(() => String, { nullable: true, description: "Only rates of the codes that have this code name in the table's code deck." })
  codeName?: string | null;

  @Field(() => RateStatus, { nullable: true, description: "Only rates with this status." })
  status?: RateStatus | null;

  @Field(() => String, { nullable: true, description: "Only rates with this tag." })
  tag?: string | null;

  @Field(() => ID, { nullable: true, description: "Only rates of this time profile." })
  timeProfileId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "Only active rates in effect at this moment: effectiveFrom <= moment < effectiveTill.",
  })
  effectiveAt?: Date | null;
}

@InputType({ description: "Narrows a list of rates." })
export class RateFilter extends TableRateFilter {
  @Field(() => ID, { nullable: true, description: "Only rates of this rate table." })
  rateTableId?: string | null;
}

export enum RateOrderField {
  ID = "ID",
  CODE = "CODE",
  EFFECTIVE_FROM = "EFFECTIVE_FROM",
}

registerEnumType(RateOrderField, {
  name: "RateOrderField",
  description: "What a list of rates can be sorted by.",
  valuesConfig: {
    ID: { description: "Creation order (id)." },
    CODE: { description: "The code, as text." },
    EFFECTIVE_FROM: { description: "When the rate takes effect." },
  },
});

@InputType({ description: "Sort order of a list of rates." })
export class RateOrder implements OrderArg<RateOrderField> {
  @Field(() => RateOrderField, { description: "Sort key." })
  field: RateOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Direction. Default ASC." })
  direction?: OrderDirection | null;
}

@ArgsType()
export class TableRatesArgs extends ConnectionArgs {
  @Field(() => TableRateFilter, { nullable: true, description: "Conditions the rates must meet." })
  filter?: TableRateFilter | null;

  @Field(() => RateOrder, { nullable: true, description: "Sort order. Default by CODE ascending." })
  orderBy?: RateOrder | null;
}

@ArgsType()
export class RatesArgs extends ConnectionArgs {
  @Field(() => RateFilter, { nullable: true, description: "Conditions the rates must meet." })
  filter?: RateFilter | null;

  @Field(() => RateOrder, { nullable: true, description: "Sort order. Default by CODE ascending." })
  orderBy?: RateOrder | null;
}

@InputType({ description: "Narrows a list of special rates." })
export class SpecialRateFilter {
  @Field(() => ID, { nullable: true, description: "Only special rates of this rate table." })
  rateTableId?: string | null;

  @Field(() => String, { nullable: true, description: "Only special rates of exactly this code name." })
  codeName?: string | null;

  @Field(() => RateStatus, { nullable: true, description: "Only special rates with this status." })
  status?: RateStatus | null;
}

@ArgsType()
export class SpecialRatesArgs extends ConnectionArgs {
  @Field(() => SpecialRateFilter, { nullable: true, description: "Conditions the special rates must meet." })
  filter?: SpecialRateFilter | null;
}

@InputType({ description: "Changes to a rate's price: omitted fields stay, an explicit null clears a nullable field." })
export class RatePricingUpdateInput {
  @Field(() => Date, { nullable: true, description: "From when the price applies." })
  effectiveFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "When the price ends; after effectiveFrom; null for open-ended." })
  endDate?: Date | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Price per minute, -999999999.999999 to 999999999.999999." })
  value?: string | null;

  @Field(() => Int, { nullable: true, description: "Minimum billed seconds, at least 1." })
  minVolume?: number | null;

  @Field(() => Int, { nullable: true, description: "Billing increment in seconds, at least 1." })
  payInterval?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Setup fee per billed call." })
  setupFee?: string | null;

  @Field(() => Int, { nullable: true, description: "Calls shorter than this many seconds are free; 0 or more." })
  graceVolume?: number | null;

  @Field(() => ID, { nullable: true, description: "Time profile the price applies in." })
  timeProfileId?: string | null;

  @Field(() => String, { nullable: true, description: 'Rating tag (1 to 64 characters); "@" is the default tag.' })
  tag?: string | null;

  @Field(() => Int, { nullable: true, description: "Shortest destination number (1 to 100); null = no limit." })
  minDstLength?: number | null;

  @Field(() => Int, { nullable: true, description: "Longest destination number (1 to 100, at least minDstLength); null = no limit." })
  maxDstLength?: number | null;

  @Field(() => String, { nullable: true, description: "Free-form notes; null clears them." })
  notes?: string | null;

  @Field(() => RateStatus, { nullable: true, description: "ACTIVE or STASHED." })
  status?: RateStatus | null;
}

@InputType({
  description:
    "Changes to a special rate: its generated rates are repriced in place (codes it gains get a rate, codes it loses lose theirs), and what it holds stashed follows its new codes and window.",
})
export class SpecialRateUpdateInput extends RatePricingUpdateInput {
  @Field(() => String, { nullable: true, description: "Code name whose codes get the price (1 to 128 characters)." })
  codeName?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: hold the later regular rates of its codes stashed (as on create); false: release every rate it holds stashed.",
  })
  stashFutureRates?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Create a RateNotification for every client using the rate table for origination, with the prices before and after this change.",
  })
  notify?: boolean | null;
}

/** Fields every new rate has, with JeraSoft's defaults; the two create inputs below extend it. */
@InputType({ description: "Price fields of a new rate, with their defaults." })
export class NewRatePricingInput {
  @Field(() => ID, { description: "Rate table the price belongs to." })
  rateTableId: string;

  @Field(() => Date, { description: "From when the price applies." })
  effectiveFrom: Date;

  @Field(() => DecimalScalar, { description: "Price per minute, -999999999.999999 to 999999999.999999." })
  value: string;

  @Field(() => Date, { nullable: true, description: "When the price ends; after effectiveFrom; null for open-ended." })
  endDate?: Date | null;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: "Minimum billed seconds, at least 1." })
  minVolume?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: "Billing increment in seconds, at least 1." })
  payInterval?: number | null;

  @Field(() => DecimalScalar, { nullable: true, defaultValue: "0", description: "Setup fee per billed call." })
  setupFee?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "Calls shorter than this many seconds are free; 0 or more." })
  graceVolume?: number | null;

  @Field(() => String, { nullable: true, defaultValue: "@", description: "Rating tag (1 to 64 characters)." })
  tag?: string | null;

  @Field(() => Int, { nullable: true, description: "Shortest destination number (1 to 100); null = no limit." })
  minDstLength?: number | null;

  @Field(() => Int, { nullable: true, description: "Longest destination number (1 to 100, at least minDstLength); null = no limit." })
  maxDstLength?: number | null;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes?: string | null;

  @Field(() => RateStatus, { nullable: true, defaultValue: RateStatus.ACTIVE, description: "ACTIVE or STASHED." })
  status?: RateStatus | null;
}

@InputType({ description: "A new special rate: one price for every code of a code name in the rate table's code deck." })
export class SpecialRateCreateInput extends NewRatePricingInput {
  @Field(() => String, { description: 'Code name whose codes get the price, e.g. "Germany Mobile".' })
  codeName: string;

  @Field(() => ID, { description: "Time profile the price applies in." })
  timeProfileId: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "Stash the regular rates of these codes that start at or after effectiveFrom and before endDate (any tag and time profile), so the special price stays in force; they become active again when the special rate stops covering them.",
  })
  stashFutureRates?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Create a RateNotification for every client using the rate table for origination, delivered by the webhook worker.",
  })
  notify?: boolean | null;
}

@InputType({ description: "New regular rates: one per code named by `code` or by `codeName` (exactly one of them)." })
export class RateCreateInput extends NewRatePricingInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Codes: one ("44"), a list ("44301,44303"), a range ("44301-44303"), a digit range ("443(0-2)1"), or a comma list of these; at most 10000 codes.',
  })
  code?: string | null;

  @Field(() => String, { nullable: true, description: "A code name: every code of that name in the rate table's code deck." })
  codeName?: string | null;

  @Field(() => ID, { nullable: true, description: 'Time profile; default "All time".' })
  timeProfileId?: string | null;
}
