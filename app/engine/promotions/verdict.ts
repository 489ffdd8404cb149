/** What one series' run under a promotion comes to, and the verdict it earns. */

/** Less than half a unit short over the window is not short (forecasts are fractional). */
export const SHORT_TOLERANCE_UNITS = 0.5;

export interface Outcome {
  /** 0 supportable, 1 at risk, 2 not supportable. */
  rank: 0 | 1 | 2;
  unitsShort: number;
  firstShortDay: number;
  revenueLost: number;
  unitsShortHigh: number;
  firstShortHighDay: number;
  revenueLostHigh: number;
  /** First promotion day whose closing stock is half a unit or more under the safety stock; −1 for none. */
  belowSafetyDay: number;
  lowestDay: number;
  lowestStock: number;
  promotionUnits: number;
  extraUnits: number;
  /** Last day of the window this series is judged over; −1 when it has no promotion days. */
  windowEnd: number;
  /**
   * Baseline demand after the promotion that it leaves unserved later than an order placed today
   * could arrive: a buying matter, not a verdict. The first such day, the units, and the day the
   * stock would have run out without the promotion (−1 when not within the timeline).
   */
  forwardDay: number;
  forwardUnits: number;
  forwardFromDay: number;
}

export function emptyOutcome(windowEnd: number): Outcome {
  return {
    rank: 0,
    unitsShort: 0,
    firstShortDay: -1,
    revenueLost: 0,
    unitsShortHigh: 0,
    firstShortHighDay: -1,
    revenueLostHigh: 0,
    belowSafetyDay: -1,
    lowestDay: -1,
    lowestStock: Infinity,
    promotionUnits: 0,
    extraUnits: 0,
    windowEnd,
    forwardDay: -1,
    forwardUnits: 0,
    forwardFromDay: -1,
  };
}

/** Short beyond tolerance: not supportable; short only if demand runs high, or under safety stock: at risk. */
export function rankOf(outcome: Outcome): Outcome["rank"] {
  if (outcome.unitsShort >= SHORT_TOLERANCE_UNITS) return 2;
  if (outcome.unitsShortHigh >= SHORT_TOLERANCE_UNITS || outcome.belowSafetyDay >= 0) return 1;
  return 0;
}

/** Earliest day trouble starts on any path (short, short if demand runs high, under safety stock); −1 for none. */
export function troubleDay(outcome: Outcome): number {
  const days = [
    outcome.unitsShort >= SHORT_TOLERANCE_UNITS ? outcome.firstShortDay : -1,
    outcome.unitsShortHigh >= SHORT_TOLERANCE_UNITS ? outcome.firstShortHighDay : -1,
    outcome.belowSafetyDay,
  ].filter((d) => d >= 0);
  return days.length > 0 ? Math.min(...days) : -1;
}
