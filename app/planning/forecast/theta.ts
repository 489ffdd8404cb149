// Standard Theta method (Assimakopoulos & Nikolopoulos 2000) in the form of R's thetaf
// (Hyndman & Billah 2003): SES with drift equal to half the slope of a linear trend, applied to
// the series after multiplicative classical decomposition when the 90% ACF test finds seasonality.
import type { MethodForecast } from "./method-types";
import { indexForStep, seasonalAdjustment } from "./seasonality";
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
