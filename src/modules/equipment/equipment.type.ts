import { referenceType } from "../../reference-type.js";

const { type, connection } = referenceType("Equipment", "A switch or gateway that accounts may be used on.", "equipment");

export const Equipment = type;
export type Equipment = InstanceType<typeof type>;
export const EquipmentConnection = connection;
