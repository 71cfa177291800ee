import { and } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rateTables, type RateTableRow } from "../../db/schema.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs } from "../../lists.js";
import type { LoaderCache } from "../../loaders.js";
import type { RateTablesArgs } from "./rate-table.inputs.js";

const ORDERS = namedOrders<RateTableRow>(rateTables);

export function listRateTables(db: Db, args: RateTablesArgs) {
  const f = args.filter;
  const where = and(
    idEquals(rateTables.partitionId, f?.partitionId),
    idEquals(rateTables.currencyId, f?.currencyId),
    idEquals(rateTables.codeDeckId, f?.codeDeckId),
    idEquals(rateTables.parentRateTableId, f?.parentRateTableId),
    nameContains(rateTables.name, f?.nameContains),
  );
  return tablePage(db, { table: rateTables, id: rateTables.id }, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), where);
}

export function rateTablesOfPartition(db: Db, pages: LoaderCache, partitionId: number, args: NamedListArgs) {
  const source = { table: rateTables, parent: rateTables.partitionId, where: nameContains(rateTables.name, args.filter?.nameContains) };
  return pages.childPage(db, "partition.rateTables", source, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), partitionId);
}
