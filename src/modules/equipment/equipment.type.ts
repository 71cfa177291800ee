import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../pagination.js";

@ObjectType({ description: "A switch or gateway that accounts may be used on." })
export class Equipment {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
  name: string;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes: string | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;
}

export const EquipmentConnection = connectionType(Equipment, "Equipment", "equipment");
