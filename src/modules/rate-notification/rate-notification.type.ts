import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";

export enum RateNotificationState {
  PENDING = "pending",
  SENT = "sent",
  FAILED = "failed",
}

registerEnumType(RateNotificationState, {
  name: "RateNotificationState",
  description: "Where a rate notification's webhook delivery stands.",
  valuesConfig: {
    PENDING: { description: "Not delivered yet: waiting for its first attempt, for a retry, or for a webhook URL to be configured." },
    SENT: { description: "The webhook answered 2xx." },
    FAILED: { description: "Every allowed attempt failed; it is not retried." },
  },
});

@ObjectType({ description: "The price of one code before and after the change a rate notification announces." })
export class RateNotificationChange {
  @Field(() => String, { description: 'Destination code, e.g. "4915".' })
  code: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Price per minute rating used for this code at the effective date before the change; null when no rate applied.",
  })
  oldValue: string | null;

  @Field(() => DecimalScalar, { description: "Price per minute from the effective date on." })
  newValue: string;
}

@ObjectType({ description: "A notice to one client that prices of a rate table it uses change, and its webhook delivery." })
export class RateNotification {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Sent as the Idempotency-Key header of every delivery attempt, so the receiver can drop repeats." })
  idempotencyKey: string;

  @Field(() => Date, { description: "From when the new prices apply." })
  effectiveFrom: Date;

  @Field(() => Date, { nullable: true, description: "When the new prices end; null when open-ended." })
  endDate: Date | null;

  @Field(() => [RateNotificationChange], { description: "The codes whose price changes, in code order." })
  changes: RateNotificationChange[];

  @Field(() => RateNotificationState, { description: "Delivery state." })
  state: RateNotificationState;

  @Field(() => Int, { description: "Delivery attempts started so far." })
  attempts: number;

  @Field(() => String, { nullable: true, description: "Why the last failed attempt failed; null when none failed." })
  lastError: string | null;

  /** Resolved by RateNotificationResolver: shown only while PENDING. */
  nextAttemptAt: Date;

  @Field(() => Date, { nullable: true, description: "When the last attempt started; null before the first." })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the webhook accepted it; null unless SENT." })
  sentAt: Date | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When its delivery state last changed." })
  updatedAt: Date;

  clientId: number;
  rateTableId: number;
  specialRateId: number | null;
}

export const RateNotificationConnection = connectionType(RateNotification, "RateNotification", "rate notifications");
