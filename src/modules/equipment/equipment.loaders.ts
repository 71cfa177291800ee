import type { Db } from "../../db/client.js";
import { equipment, type EquipmentRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";

/** Equipment as its loader and embedded reads read it. */
export const EQUIPMENT_SOURCE: ListSource = { table: equipment, id: equipment.id, type: { name: "Equipment", needs: {} } };

export function createEquipmentLoaders(db: Db) {
  return { equipmentById: tableByIdLoader<EquipmentRow>(db, EQUIPMENT_SOURCE) };
}
