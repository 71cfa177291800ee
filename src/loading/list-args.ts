import { ilike, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { ConnectionArgs, containsPattern, OrderDirection, type KeysetOrder } from "./keyset-pagination.js";

/** The arguments lists share: sort orders and name filters. */

/** An `orderBy` argument: which sort key, which direction. */
export interface OrderArg<F extends string> {
  field: F;
  direction?: OrderDirection | null;
}

export type OrderChoices<Row, F extends string> = Record<F, Omit<KeysetOrder<Row>, "direction">>;

/** The keyset order an `orderBy` argument asks for, or the default one. */
export function chooseOrder<Row, F extends string>(
  choices: OrderChoices<Row, F>,
  orderBy: OrderArg<F> | null | undefined,
  fallback: F,
): KeysetOrder<Row> {
  return { ...choices[orderBy?.field ?? fallback], direction: orderBy?.direction ?? OrderDirection.ASC };
}

/** The usual orders of a named entity: by name, by creation, by id. */
export function namedOrders<Row extends { id: number; name: string; createdAt: Date }>(table: {
  id: PgColumn;
  name: PgColumn;
  createdAt: PgColumn;
}): OrderChoices<Row, NameOrderField> {
  return {
    [NameOrderField.ID]: { name: "id", id: table.id },
    [NameOrderField.NAME]: { name: "name", id: table.id, key: { column: table.name, pgType: "text", read: (r) => r.name } },
    [NameOrderField.CREATED_AT]: {
      name: "createdAt",
      id: table.id,
      key: { column: table.createdAt, pgType: "timestamptz", read: (r) => r.createdAt.toISOString() },
    },
  };
}

/** Case-insensitive "name contains" condition; undefined when not asked for. */
export function nameContains(column: PgColumn, text: string | null | undefined): SQL | undefined {
  return text == null ? undefined : ilike(column, containsPattern(text));
}

export enum NameOrderField {
  ID = "ID",
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
}

registerEnumType(NameOrderField, {
  name: "NameOrderField",
  description: "What a list of named objects can be sorted by.",
  valuesConfig: {
    ID: { description: "Creation order (id)." },
    NAME: { description: "Name, alphabetically." },
    CREATED_AT: { description: "Creation time." },
  },
});

@InputType({ description: "Sort order of a list of named objects." })
export class NameOrder implements OrderArg<NameOrderField> {
  @Field(() => NameOrderField, { description: "Sort key." })
  field: NameOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Direction. Default ASC." })
  direction?: OrderDirection | null;
}

@InputType({ description: "Narrows a list of named objects." })
export class NameFilter {
  @Field(() => String, { nullable: true, description: "Only objects whose name contains this text (case-insensitive)." })
  nameContains?: string | null;
}

@ArgsType()
export class NamedListArgs extends ConnectionArgs {
  @Field(() => NameFilter, { nullable: true, description: "Conditions the objects must meet." })
  filter?: NameFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}

@InputType({ description: "Narrows a list of named objects owned by partitions." })
export class PartitionNameFilter extends NameFilter {
  @Field(() => ID, { nullable: true, description: "Only objects of this partition." })
  partitionId?: string | null;
}

@ArgsType()
export class PartitionNamedListArgs extends ConnectionArgs {
  @Field(() => PartitionNameFilter, { nullable: true, description: "Conditions the objects must meet." })
  filter?: PartitionNameFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}
