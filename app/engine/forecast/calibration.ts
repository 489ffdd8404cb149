/**
 * Calibration of a forecast's predictive distribution (its point forecast is left alone). What
 * `npm run bench:accuracy` showed, and what the defaults therefore do:
 *
 * - Centre: on M4 weekly and M3 monthly, 57–58% of outcomes fell above the point forecast where
 *   the series grew over its last year, 47–48% where it shrank: damped and smoothed forecasts
 *   carry less growth forward than the series had. Where the forecast implies less year-on-year
 *   growth ρ than the last year showed (r = last year's mean over the year before's), the centre
 *   leans toward continued growth: centre_h = mean_h · (r / ρ)^{κ(1 + (2h + 1)/m)}, κ = 0.25, the
 *   gap compounding with the horizon; ρ compares the forecast's first season with the same
 *   periods a year earlier, so seasonality cancels. (M4's share at or below P50 went 0.453 → 0.494.)
 *   Declines do not persist the way growth does: on M3 monthly, series that shrank over their last
 *   year and were leaned down at the full κ had only 40% of outcomes at or below P50 (growing
 *   ones 50%). So a lean toward continued decline on a shrinking series gets `declineWeight`·κ:
 *   at 0.3, M3's P50 share went 0.462 → 0.498 and M4's 0.494 → 0.512.
 * - Shape: continuous forecasts' totals are lognormal around that centre (demand is positive and
 *   its errors grow with its level): M3's P90 share 0.864 → 0.876, P10 0.093 → 0.114.
 * - Intermittent rate: TSB's chance and size are smoothed estimates of a drifting rate; the
 *   occurrence × size distribution mixes over a rate factor with 3× the coefficient of variation a
 *   stationary TSB implies (carparts' 4–6-month totals: P50 share 0.605 → 0.511; pinball loss
 *   0.1463 → 0.1452).
 * - Scale from the series' own rolling-origin backtest, as normalised (locally weighted)
 *   split-conformal prediction does (Papadopoulos, Vovk & Gammerman 2008; Lei, G'Sell, Rinaldo,
 *   Tibshirani & Wasserman 2018; statsforecast's ConformalIntervals takes per-horizon errors from
 *   cross-validation windows): each backtest error over the model's sd for its step, pooled over
 *   steps, shrunk toward 1 with a prior worth `priorOrigins` origins, with `scaleCv` for the doubt
 *   left in it. Off by default: the same backtest chose the model, so its errors are optimistic,
 *   and with 6 origins per series M4's P10–P90 band fell from 85% to 75% of outcomes.
 */

export interface CalibrationSettings {
  /** weight, in backtest origins, of the model's own sd against the backtest's (Infinity: off) */
  priorOrigins: number;
  /** κ: how far the centre leans toward last year's growth (0: not at all) */
  growthWeight: number;
  /** share of κ for a downward lean on a series that shrank over its last year (1: symmetric) */
  declineWeight: number;
  /** log-sd of the common error-scale factor (0: Gaussian tails) */
  scaleCv: number;
  /** factor on the intermittent rate's theoretical uncertainty (0: none) */
  rateCvFactor: number;
  /** shape of continuous (not count) forecasts' totals */
  continuousFamily: "normal" | "lognormal";
}

export const DEFAULT_CALIBRATION: CalibrationSettings = { priorOrigins: Infinity, growthWeight: 0.25, declineWeight: 0.3, scaleCv: 0, rateCvFactor: 3, continuousFamily: "lognormal" };

/** errors[origin][step] = actual − forecast; sd[step] the model's error sd for that step. Returns the factor on sd. */
export function backtestScale(errors: readonly (readonly number[])[], sd: readonly number[], priorOrigins: number): number {
  if (!Number.isFinite(priorOrigins)) return 1;
  let sumSquares = 0;
  let count = 0;
  for (const originErrors of errors) {
    originErrors.forEach((e, h) => {
      const s = sd[h] ?? sd[sd.length - 1] ?? 0;
      if (s > 0 && Number.isFinite(e)) {
        sumSquares += (e / s) ** 2;
        count++;
      }
    });
  }
  if (count < 2 || errors.length === 0) return 1;
  const spread = Math.min(5, Math.max(0.2, Math.sqrt(sumSquares / count)));
  const weight = errors.length / (errors.length + Math.max(0, priorOrigins));
  return Math.exp(weight * Math.log(spread));
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Units to add to each step's centre so quantiles lean toward last year's growth (zeros when it cannot be measured). */
export function growthShift(history: readonly number[], seasonLength: number, forecast: readonly number[], weight: number, declineWeight = 1): number[] {
  const zeros = forecast.map(() => 0);
  const m = Math.round(seasonLength);
  const n = history.length;
  if (!(weight > 0) || m <= 1 || n < 2 * m) return zeros;
  const lastYear = mean(history.slice(n - m));
  const yearBefore = mean(history.slice(n - 2 * m, n - m));
  const steps = Math.min(m, forecast.length);
  let forecastSeason = 0;
  let sameWeeksBefore = 0;
  for (let h = 0; h < steps; h++) {
    forecastSeason += forecast[h]!;
    sameWeeksBefore += history[n - m + h]!;
  }
  if (!(lastYear > 0 && yearBefore > 0 && forecastSeason > 0 && sameWeeksBefore > 0)) return zeros;
  const gap = Math.min(1.5, Math.max(2 / 3, lastYear / yearBefore / (forecastSeason / sameWeeksBefore)));
  const kappa = gap < 1 && lastYear < yearBefore ? weight * declineWeight : weight;
  return forecast.map((f, h) => f * (Math.pow(gap, kappa * (1 + (2 * h + 1) / m)) - 1));
}

/**
 * Uncertainty of an intermittent series' demand rate, as a coefficient of variation: TSB's
 * smoothed chance p (weight β) has variance β/(2 − β)·p(1 − p), its smoothed size (weight α)
 * α/(2 − α)·Var(size); the two add on the log scale. The rate is common to every week of a span,
 * so it widens long spans far more than single weeks (see compound-demand.ts).
 */
export function intermittentRateCv(probability: number, sizes: readonly number[], weights: readonly number[], alpha = 0.1, beta = 0.1): number {
  if (!(probability > 0)) return 0;
  const total = weights.reduce((a, b) => a + b, 0);
  const sizeMean = total > 0 ? sizes.reduce((a, s, i) => a + s * weights[i]!, 0) / total : 0;
  const sizeVariance = total > 0 ? sizes.reduce((a, s, i) => a + (s - sizeMean) ** 2 * weights[i]!, 0) / total : 0;
  const chance = (beta / (2 - beta)) * ((1 - probability) / probability);
  const size = sizeMean > 0 ? (alpha / (2 - alpha)) * (sizeVariance / (sizeMean * sizeMean)) : 0;
  return Math.sqrt(chance + size);
}
