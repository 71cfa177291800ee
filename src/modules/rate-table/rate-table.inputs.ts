import { ArgsType, Field, ID, InputType } from "type-graphql";
import { NameOrder } from "../../lists.js";
import { ConnectionArgs } from "../../pagination.js";

@InputType({ description: "Narrows a list of rate tables." })
export class RateTableFilter {
  @Field(() => ID, { nullable: true, description: "Only rate tables of this partition." })
  partitionId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only rate tables in this currency." })
  currencyId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only rate tables using this code deck." })
  codeDeckId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only rate tables inheriting from this parent table." })
  parentRateTableId?: string | null;

  @Field(() => String, { nullable: true, description: "Only rate tables whose name contains this text (case-insensitive)." })
  nameContains?: string | null;
}

@ArgsType()
export class RateTablesArgs extends ConnectionArgs {
  @Field(() => RateTableFilter, { nullable: true, description: "Conditions the rate tables must meet." })
  filter?: RateTableFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}
