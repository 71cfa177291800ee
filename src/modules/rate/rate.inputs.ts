import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import type { OrderArg } from "../../lists.js";
import { ConnectionArgs, OrderDirection } from "../../pagination.js";
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
