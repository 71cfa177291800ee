import { Field, InputType, Int } from "type-graphql";

@InputType({ description: "A window of a time profile." })
export class TimeProfilePeriodInput {
  @Field(() => Int, { description: "First ISO weekday, 1 (Monday) to 7 (Sunday)." })
  weekdayFrom: number;

  @Field(() => Int, { description: "Last ISO weekday, at least weekdayFrom." })
  weekdayTill: number;

  @Field(() => String, { description: 'Start time of day, "HH:MM" or "HH:MM:SS".' })
  timeFrom: string;

  @Field(() => String, { description: 'End time of day, inclusive, "HH:MM" or "HH:MM:SS[.ffffff]", at least timeFrom.' })
  timeTill: string;
}

@InputType({ description: "Changes to a time profile: omitted fields stay as they are." })
export class TimeProfileUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique (1 to 128 characters)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA timezone the periods are read in. Default "UTC".' })
  timezone?: string | null;

  @Field(() => [TimeProfilePeriodInput], { nullable: true, description: "The windows, replacing the current ones; [] makes the profile cover all time." })
  periods?: TimeProfilePeriodInput[] | null;
}

@InputType({ description: "A new time profile." })
export class TimeProfileCreateInput extends TimeProfileUpdateInput {
  @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
  declare name: string;
}
