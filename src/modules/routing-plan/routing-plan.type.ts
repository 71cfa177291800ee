import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../pagination.js";

@ObjectType({ description: "A routing plan: decides which vendors carry a client's or account's calls." })
export class RoutingPlan {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
  name: string;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes: string | null;

  @Field(() => Date, { description: "When the routing plan was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When the routing plan was last changed." })
  updatedAt: Date;
}

export const RoutingPlanConnection = connectionType(RoutingPlan, "RoutingPlan", "routing plans");
