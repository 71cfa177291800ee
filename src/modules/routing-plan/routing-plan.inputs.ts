import { Field, InputType } from "type-graphql";

@InputType({ description: "Changes to a routing plan: omitted fields stay as they are." })
export class RoutingPlanUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique (1 to 128 characters)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Free-form notes; null clears them." })
  notes?: string | null;
}

@InputType({ description: "A new routing plan." })
export class RoutingPlanCreateInput extends RoutingPlanUpdateInput {
  @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
  declare name: string;
}
