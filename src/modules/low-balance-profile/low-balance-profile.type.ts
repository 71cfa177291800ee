import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";

@ObjectType({ description: "Notifies clients whose balance runs low (JeraSoft low balance profile); owned by a partition." })
export class LowBalanceProfile {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique within its partition (1 to 128 characters)." })
  name: string;

  @Field(() => DecimalScalar, { nullable: true, description: "Balance below which notifications are sent; null when unset." })
  threshold: string | null;

  @Field(() => Int, { description: "Most notifications sent until the balance is refilled." })
  maxNotifications: number;

  @Field(() => Int, { description: "How often the balance is checked, in hours." })
  checkPeriodHours: number;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;

  partitionId: number;
}

export const LowBalanceProfileConnection = connectionType(LowBalanceProfile, "LowBalanceProfile", "low balance profiles");
