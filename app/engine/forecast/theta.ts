// Standard Theta method (Assimakopoulos & Nikolopoulos 2000) in the form of R's thetaf
// (Hyndman & Billah 2003): SES with drift equal to half the slope of a linear trend, applied to
// the series after multiplicative classical decomposition when the 90% ACF test finds seasonality.
import type { MethodForecast } from "./method-types";
import { indexForStep, seasonalAdjustment, trendAndSeasonProfile } from "./seasonality";
import { ses } from "./smoothing";
import { linearTrend } from "./stats";

export interface ThetaOptions {
  /** fix the SES smoothing parameter (fitted by SSE otherwise) */
  alpha?: number;
  /** fix the SES initial level (fitted otherwise; defaults to y[0] when alpha is fixed) */
  initialLevel?: number;
}

export interface ThetaFit extends MethodForecast {
  /** the SES part's smoothing parameter and initial level (on the adjusted series) */
  smoothing: { alpha: number; initialLevel: number };
}

export function theta(y: readonly number[], horizon: number, seasonLength: number, options: ThetaOptions = {}): ThetaFit {
  const n = y.length;
  const adjustment = seasonalAdjustment(y, seasonLength);
  const x = adjustment.adjusted;
  const smooth = ses(x, horizon, options);
  const alpha = Math.max(1e-10, smooth.parameters.alpha);
  const halfSlope = linearTrend(x).slope / 2;
  const drift = (1 - (1 - alpha) ** n) / alpha;
  const index = (h: number): number => indexForStep(adjustment.indices, n, h);
  return {
    mean: smooth.mean.map((v, i) => (v + halfSlope * (i + drift)) * index(i + 1)),
    variance: smooth.variance!.map((v, i) => v * index(i + 1) ** 2),
    residualSd: smooth.residualSd,
    label: adjustment.seasonal ? "theta(seasonal)" : "theta",
    smoothing: { alpha: smooth.parameters.alpha, initialLevel: smooth.parameters.initialLevel },
  };
}

/**
 * Theta on a series with an additive seasonal profile (trend + season-position least squares, see
 * trendAndSeasonProfile) taken out and added back. It needs only two cycles, where the classical
 * decomposition behind `theta` needs three and an ACF test that a smooth yearly wave rarely passes
 * with so few cycles; whether the season is real is left to the backtest. Additive, so zero weeks
 * are fine; the caller clips the forecast at 0.
 */
export function seasonalTheta(y: readonly number[], horizon: number, seasonLength: number, options: ThetaOptions = {}): ThetaFit {
  const n = y.length;
  const profile = trendAndSeasonProfile(y, seasonLength);
  const m = profile.length;
  const adjusted = y.map((v, t) => v - profile[t % m]!);
  const fit = theta(adjusted, horizon, 1, options);
  return { ...fit, mean: fit.mean.map((v, i) => v + indexForStep(profile, n, i + 1)), label: "seasonal_theta" };
}
