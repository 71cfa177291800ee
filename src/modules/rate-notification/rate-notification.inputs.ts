import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";
import { RateNotificationState } from "./rate-notification.type.js";

@InputType({ description: "Narrows a list of rate notifications." })
export class RateNotificationFilter {
  @Field(() => ID, { nullable: true, description: "Only notifications to this client." })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only notifications about this rate table." })
  rateTableId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only notifications about this special rate." })
  specialRateId?: string | null;

  @Field(() => RateNotificationState, { nullable: true, description: "Only notifications in this delivery state." })
  state?: RateNotificationState | null;
}

@ArgsType()
export class RateNotificationsArgs extends ConnectionArgs {
  @Field(() => RateNotificationFilter, { nullable: true, description: "Conditions the notifications must meet." })
  filter?: RateNotificationFilter | null;
}
