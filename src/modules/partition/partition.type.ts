import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";

export enum PartitionStatus {
  ACTIVE = "active",
  DELETED = "deleted",
}

registerEnumType(PartitionStatus, {
  name: "PartitionStatus",
  description: "Lifecycle of a partition.",
  valuesConfig: {
    ACTIVE: { description: "In use." },
    DELETED: { description: "Retired; kept for history (archive mode)." },
  },
});

@ObjectType({
  description:
    "A partition (reseller, JeraSoft's company): the tenant that owns clients, client templates and rate tables.",
})
export class Partition {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique across partitions (1 to 255 characters)." })
  name: string;

  @Field(() => PartitionStatus, { description: "Whether the partition is in use." })
  status: PartitionStatus;

  @Field(() => Date, { description: "When the partition was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When the partition was last changed." })
  updatedAt: Date;
}

export const PartitionConnection = connectionType(Partition, "Partition", "partitions");
