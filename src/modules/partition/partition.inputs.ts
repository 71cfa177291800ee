import { Field, InputType } from "type-graphql";

@InputType({ description: "A new partition." })
export class PartitionCreateInput {
  @Field(() => String, { description: "Name, unique across partitions (1 to 255 characters)." })
  name: string;
}
