import { and, ilike, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { readRows, type Db } from "./db/client.js";
import { visibleIn } from "./scope.js";
import { ConnectionArgs, containsPattern, keysetPage, OrderDirection, type KeysetOrder, type Page } from "./pagination.js";
import { inIdArray } from "./db/id-array.js";
import type { LoaderCache } from "./loaders.js";
import { allColumns, selectRows, type Fields } from "./db/read-rows.js";

/** A table (or a selection of it) as a list source. */
export interface ListSource {
  table: PgTable;
  id: PgColumn;
  fields?: Fields;
}

/** Rows by id in one statement, for by-id DataLoaders. */
export function rowsByIds<Row>(db: Db, source: ListSource, ids: readonly number[]): Promise<Row[]> {
  return selectRows<Row>(db, source.fields ?? allColumns(source.table), sql`from ${source.table} where ${and(inIdArray(source.id, ids), visibleIn(source.table))}`);
}

/** One keyset page of a top-level list, with a lazy count under the same filter. */
export function tablePage<Row extends { id: number }>(
  db: Db,
  source: ListSource,
  args: ConnectionArgs,
  order: KeysetOrder<Row>,
  filter?: SQL,
): Promise<Page<Row>> {
  const where = and(filter, visibleIn(source.table));
  return keysetPage(
    args,
    order,
    (q) =>
      selectRows<Row>(
        db,
        source.fields ?? allColumns(source.table),
        sql`from ${source.table} where ${and(where, q.where) ?? sql`true`} order by ${sql.join(q.orderBy, sql`, `)} limit ${q.limit}`,
      ),
    async () => (await readRows(db, sql`select count(*)::int as n from ${source.table} where ${where ?? sql`true`}`))[0]!.n as number,
  );
}

/** A parent's page of named children (clients of a partition, contacts of a client): name filter, usual orders. */
export function namedChildPage<Row extends { id: number }>(
  db: Db,
  pages: LoaderCache,
  field: string,
  children: { table: PgTable & { id: PgColumn; name: PgColumn }; parent: PgColumn; orders: OrderChoices<Row, NameOrderField> },
  args: NamedListArgs,
  parentId: number,
): Promise<Page<Row>> {
  const { table, parent, orders } = children;
  const source = { table, id: table.id, parent, where: nameContains(table.name, args.filter?.nameContains) };
  return pages.childPage<Row>(db, field, source, args, chooseOrder(orders, args.orderBy, NameOrderField.NAME), parentId);
}

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
