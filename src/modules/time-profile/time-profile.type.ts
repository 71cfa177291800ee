import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";

@ObjectType({ description: "A window of a time profile: a weekday range and a time-of-day range, both inclusive." })
export class TimeProfilePeriod {
  @Field(() => Int, { description: "First ISO weekday of the window (1 = Monday … 7 = Sunday)." })
  weekdayFrom: number;

  @Field(() => Int, { description: "Last ISO weekday of the window (1 = Monday … 7 = Sunday)." })
  weekdayTill: number;

  @Field(() => String, { description: 'Start time of day, "HH:MM:SS", in the profile\'s timezone.' })
  timeFrom: string;

  @Field(() => String, { description: 'End time of day, "HH:MM:SS[.ffffff]", inclusive, in the profile\'s timezone.' })
  timeTill: string;
}

@ObjectType({
  description: "When a rate applies (e.g. business hours, weekends). A profile without periods covers all time.",
})
export class TimeProfile {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
  name: string;

  @Field(() => String, { description: 'IANA timezone the periods are read in, e.g. "Europe/Kyiv".' })
  timezone: string;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;
}

export const TimeProfileConnection = connectionType(TimeProfile, "TimeProfile", "time profiles");
