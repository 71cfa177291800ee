import type { Db } from "../../db/client.js";
import { accountEquipment, equipment, type EquipmentRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader } from "../../loaders.js";
import { ACCOUNT_SOURCE, type ReadableAccountRow } from "./account.service.js";

export function createAccountLoaders(db: Db) {
  return {
    accountById: tableByIdLoader<ReadableAccountRow>(db, ACCOUNT_SOURCE),
    equipmentOfAccount: joinLoader<EquipmentRow>(db, {
      target: { table: equipment, id: equipment.id },
      link: accountEquipment,
      parent: accountEquipment.accountId,
      ref: accountEquipment.equipmentId,
    }),
  };
}
