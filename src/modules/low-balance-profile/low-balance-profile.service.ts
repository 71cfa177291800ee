import { and } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { lowBalanceProfiles, type LowBalanceProfileRow } from "../../db/schema.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type PartitionNamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";

const ORDERS = namedOrders<LowBalanceProfileRow>(lowBalanceProfiles);

export function listLowBalanceProfiles(db: Db, args: PartitionNamedListArgs) {
  const where = and(
    idEquals(lowBalanceProfiles.partitionId, args.filter?.partitionId),
    nameContains(lowBalanceProfiles.name, args.filter?.nameContains),
  );
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: lowBalanceProfiles, id: lowBalanceProfiles.id }, args, order, where);
}
