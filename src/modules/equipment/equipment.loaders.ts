import type { Db } from "../../db/client.js";
import { equipment, type EquipmentRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

export function createEquipmentLoaders(db: Db) {
  return { equipmentById: tableByIdLoader<EquipmentRow>(db, { table: equipment, id: equipment.id }) };
}
