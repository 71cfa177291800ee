import { ArgsType, Field, ID, InputType } from "type-graphql";
import { NameOrder } from "../../loading/list-args.js";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";

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

@InputType({ description: "Changes to a rate table: omitted fields stay, an explicit null clears a nullable field. The currency cannot change." })
export class RateTableUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique within the partition (1 to 128 characters)." })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: "Code deck naming the codes; null for none." })
  codeDeckId?: string | null;

  @Field(() => ID, { nullable: true, description: "Parent table to inherit rates from: same partition and currency, no cycles; null for none." })
  parentRateTableId?: string | null;

  @Field(() => String, { nullable: true, description: 'Default rating tag (1 to 64 characters). Default "@".' })
  tag?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether rate values already include taxes. Default false." })
  withTaxes?: boolean | null;

  @Field(() => String, { nullable: true, description: "Free-form notes; null clears them." })
  notes?: string | null;
}

@InputType({ description: "A new rate table." })
export class RateTableCreateInput extends RateTableUpdateInput {
  @Field(() => ID, { description: "Partition (reseller) that owns the table." })
  partitionId: string;

  @Field(() => ID, { description: "Currency of every price in the table; cannot change later." })
  currencyId: string;

  @Field(() => String, { description: "Name, unique within the partition (1 to 128 characters)." })
  declare name: string;
}
