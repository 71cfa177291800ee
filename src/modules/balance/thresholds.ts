import { ExactDecimal } from "../../decimal.js";

export type ThresholdEvent = "account.balance_low" | "account.balance_high";

export interface Thresholds {
  balanceLowThreshold: string | null;
  balanceHighThreshold: string | null;
}

/**
 * The threshold a balance move crosses, if any (Yeti: low while balance < low threshold, high while
 * balance > high threshold). Only the move into the state counts, so a balance that stays low emits
 * nothing more until it has risen to the threshold and fallen below it again.
 */
export function thresholdCrossed(before: ExactDecimal, after: ExactDecimal, t: Thresholds): { event: ThresholdEvent; threshold: string } | undefined {
  const low = t.balanceLowThreshold;
  if (low !== null && !before.lessThan(low) && after.lessThan(low)) return { event: "account.balance_low", threshold: low };
  const high = t.balanceHighThreshold;
  if (high !== null && !before.greaterThan(high) && after.greaterThan(high)) return { event: "account.balance_high", threshold: high };
  return undefined;
}
