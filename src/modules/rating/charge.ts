import { ExactDecimal, canonicalDecimal } from "../../decimal.js";

/** The price fields of a rate that the charge depends on. Money as exact decimal text. */
export interface ChargeTerms {
  /** Price per minute. */
  value: string;
  setupFee: string;
  minVolume: number;
  payInterval: number;
  graceVolume: number;
}

export interface Charge {
  billedVolume: number;
  /** Exact, rounded half-up to 6 decimal places, canonical text (e.g. "0.035"). */
  cost: string;
}

const SECONDS_PER_MINUTE = 60;
const COST_DECIMALS = 6;

/**
 * JeraSoft's charge (DOMAIN.md 4.1): nothing for an empty call or one below the grace volume (no setup
 * fee either); otherwise the minimum volume, plus whole pay intervals for the rest, priced per minute.
 */
export function charge(terms: ChargeTerms, volume: number): Charge {
  if (volume <= 0 || volume < terms.graceVolume) return { billedVolume: 0, cost: "0" };
  const { minVolume: min, payInterval: step } = terms;
  const billedVolume = volume <= min ? min : min + Math.ceil((volume - min) / step) * step;
  const cost = new ExactDecimal(terms.value)
    .times(billedVolume)
    .dividedBy(SECONDS_PER_MINUTE)
    .plus(terms.setupFee)
    .toDecimalPlaces(COST_DECIMALS, ExactDecimal.ROUND_HALF_UP);
  return { billedVolume, cost: canonicalDecimal(cost) };
}
