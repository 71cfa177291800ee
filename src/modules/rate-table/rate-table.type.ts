import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";

@ObjectType({
  description:
    "A rate table (price list): rates in one currency, named through a code deck, optionally inheriting the rates of a parent table.",
})
export class RateTable {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique within its partition (1 to 128 characters)." })
  name: string;

  @Field(() => String, { description: 'Default rating tag of the table; "@" unless set.' })
  tag: string;

  @Field(() => Boolean, { description: "True when the rate values already include taxes." })
  withTaxes: boolean;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes: string | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;

  partitionId: number;
  currencyId: number;
  codeDeckId: number | null;
  parentRateTableId: number | null;
}

export const RateTableConnection = connectionType(RateTable, "RateTable", "rate tables");
