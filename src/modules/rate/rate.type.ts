import { Field, ID, Int, InterfaceType, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "../../errors.js";
import { connectionType } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";

export enum RateStatus {
  ACTIVE = "active",
  STASHED = "stashed",
}

registerEnumType(RateStatus, {
  name: "RateStatus",
  description: "Whether a rate takes part in rating.",
  valuesConfig: {
    ACTIVE: { description: "Used for rating while it is effective." },
    STASHED: { description: "Kept but never used for rating (e.g. a future change put aside)." },
  },
});

@InterfaceType({ description: "Price fields shared by regular and special rates (JeraSoft's rate model)." })
export abstract class RatePricing {
  @Field(() => Date, { description: "From when the price applies." })
  effectiveFrom: Date;

  @Field(() => Date, { nullable: true, description: "Explicit end of the price; null when open-ended." })
  endDate: Date | null;

  @Field(() => DecimalScalar, { description: "Price per minute of volume, in the rate table's currency (may be negative)." })
  value: string;

  @Field(() => Int, { description: "Minimum billed volume in seconds (at least 1)." })
  minVolume: number;

  @Field(() => Int, { description: "Billing increment in seconds after the minimum volume (at least 1)." })
  payInterval: number;

  @Field(() => DecimalScalar, { description: "Setup fee charged once per billed call." })
  setupFee: string;

  @Field(() => Int, { description: "Calls shorter than this many seconds cost nothing." })
  graceVolume: number;

  @Field(() => String, { description: 'Rating tag; "@" is the default that other tags fall back to.' })
  tag: string;

  @Field(() => Int, { nullable: true, description: "Shortest destination number length the rate applies to; null = no limit." })
  minDstLength: number | null;

  @Field(() => Int, { nullable: true, description: "Longest destination number length the rate applies to; null = no limit." })
  maxDstLength: number | null;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes: string | null;

  @Field(() => RateStatus, { description: "Whether the rate takes part in rating." })
  status: RateStatus;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;

  rateTableId: number;
  timeProfileId: number;
}

@ObjectType({
  implements: RatePricing,
  description: "The price of one code in a rate table from one moment on, until the next version of that code.",
})
export class Rate extends RatePricing {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: 'Destination code (number prefix), e.g. "4930".' })
  code: string;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the price stops applying: the next active version of the same code, tag and time profile, or the end date, whichever is first. Null when open-ended.",
  })
  effectiveTill: Date | null;

  specialRateId: number | null;
  stashedBySpecialRateId: number | null;
}

@ObjectType({
  implements: RatePricing,
  description:
    "An exclusive price for every code of one code name in a rate table. It owns the regular rates generated from it, one per code.",
})
export class SpecialRate extends RatePricing {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: 'Code name the price applies to, e.g. "Germany Mobile".' })
  codeName: string;

  @Field(() => Boolean, {
    description:
      "Whether it holds stashed the regular rates of its codes that start in its window (effectiveFrom to endDate), whatever their tag and time profile. Only while it is ACTIVE.",
  })
  stashFutureRates: boolean;
}

export const RateConnection = connectionType(Rate, "Rate", "rates");
export const SpecialRateConnection = connectionType(SpecialRate, "SpecialRate", "special rates");

/** `SpecialRateCreatePayload` and `SpecialRateUpdatePayload`: the special rate with the rates generated from it. */
function specialRatePayloadType(name: string) {
  @ObjectType(name, { description: `Result of ${name.replace(/Payload$/, "").replace(/^S/, "s")}.` })
  class SpecialRatePayload {
    @Field(() => SpecialRate, { nullable: true, description: "The special rate; null when userErrors is not empty." })
    specialRate: SpecialRate | null;

    @Field(() => [Rate], { description: "The regular rates generated from it, one per code, in code order; empty on failure." })
    rates: Rate[];

    @Field(() => [Rate], { description: "Regular rates this change stashed; the special rate now holds them. In code order." })
    stashedRates: Rate[];

    @Field(() => [Rate], {
      description:
        "Rates the special rate held stashed and released: ACTIVE again, or still STASHED when another special rate covering them took them over (see stashedBy). In code order.",
    })
    unstashedRates: Rate[];

    @Field(() => [Rate], {
      description: "Rates generated by other special rates within its codes and window: never stashed, left as they are. In code order.",
    })
    skippedRates: Rate[];

    @Field(() => [UserError], { description: "Why nothing changed; empty on success." })
    userErrors: UserError[];
  }
  return SpecialRatePayload;
}

export const SpecialRateCreatePayload = specialRatePayloadType("SpecialRateCreatePayload");
export const SpecialRateUpdatePayload = specialRatePayloadType("SpecialRateUpdatePayload");

@ObjectType({ description: "Result of specialRateDelete." })
export class SpecialRateDeletePayload {
  @Field(() => ID, { nullable: true, description: "Id of the deleted special rate; null when userErrors is not empty." })
  deletedId: number | null;

  @Field(() => [Rate], {
    description:
      "Rates it held stashed, released before it went: ACTIVE again, or STASHED under another special rate that covers them. In code order; empty on failure.",
  })
  unstashedRates: Rate[];

  @Field(() => [UserError], { description: "Why nothing was deleted; empty on success." })
  userErrors: UserError[];
}

@ObjectType({ description: "Result of rateCreate." })
export class RateCreatePayload {
  @Field(() => [Rate], { description: "The created rates, one per code, in code order; empty on failure." })
  rates: Rate[];

  @Field(() => [UserError], { description: "Why nothing was created; empty on success." })
  userErrors: UserError[];
}
