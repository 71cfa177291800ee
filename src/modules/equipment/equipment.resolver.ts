import { Resolver } from "type-graphql";
import { NamedListArgs } from "../../loading/list-args.js";
import { readQueries } from "../../read-queries.js";
import { listEquipment } from "./equipment.service.js";
import { Equipment, EquipmentConnection } from "./equipment.type.js";

@Resolver(() => Equipment)
export class EquipmentResolver extends readQueries({
  type: Equipment,
  connection: EquipmentConnection,
  args: NamedListArgs,
  single: "equipment",
  plural: "equipmentList",
  noun: "equipment",
  load: (ctx, id) => ctx.loaders.equipmentById.load(id),
  list: (ctx, args) => listEquipment(ctx.db, args),
}) {}
