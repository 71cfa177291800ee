import { and } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { clientTemplates, type ClientTemplateRow } from "../../db/schema.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type PartitionNamedListArgs } from "../../lists.js";

const ORDERS = namedOrders<ClientTemplateRow>(clientTemplates);

export function listClientTemplates(db: Db, args: PartitionNamedListArgs) {
  const where = and(
    idEquals(clientTemplates.partitionId, args.filter?.partitionId),
    nameContains(clientTemplates.name, args.filter?.nameContains),
  );
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: clientTemplates, id: clientTemplates.id }, args, order, where);
}
