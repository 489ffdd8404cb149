// Registry: one runner per model name, so the backtest and the final fit call methods uniformly.
import { autoEts, type EtsParameters, type EtsSpec } from "./ets";
import { croston, sba, tsb } from "./intermittent";
import type { StatisticalModel } from "./method-catalog";
import type { MethodForecast } from "./method-types";
import { naive, seasonalNaive } from "./naive";
import { indexForStep, seasonalAdjustment } from "./seasonality";
import { dampedHolt, holt, ses, type SmoothingParameters } from "./smoothing";
import { seasonalTheta, theta } from "./theta";

export type { StatisticalModel };

export type MethodRunner = (y: readonly number[], horizon: number, seasonLength: number) => MethodForecast;

/**
 * Seasons up to this length (monthly, quarterly) are adjusted, as ETS keeps seasonal states only up
 * to 24. For weekly data (m = 52) the 52 classical indices are noisy and Theta already offers the
 * deseasonalised route; adjusting SES and damped as well made each better alone on M4 weekly but
 * the auto combination worse (OWA 0.870 → 0.898), as its members became alike.
 */
const MAX_ADJUSTED_SEASON = 24;

/**
 * Runs a non-seasonal method on the seasonally adjusted series and reseasonalises it, when the 90%
 * ACF test finds seasonality (the M4 convention for SES, Holt and damped; Theta does the same).
 * On non-seasonal or non-positive data, or seasons over MAX_ADJUSTED_SEASON, it is the method itself.
 */
export function onSeasonallyAdjusted(y: readonly number[], horizon: number, seasonLength: number, run: (x: readonly number[]) => MethodForecast): MethodForecast {
  const adjustment = seasonalAdjustment(y, seasonLength <= MAX_ADJUSTED_SEASON ? seasonLength : 1);
  const fit = run(adjustment.adjusted);
  if (!adjustment.seasonal) return fit;
  const index = (h: number): number => indexForStep(adjustment.indices, y.length, h);
  return {
    ...fit,
    mean: fit.mean.map((v, i) => v * index(i + 1)),
    variance: fit.variance?.map((v, i) => v * index(i + 1) ** 2) ?? null,
    label: `${fit.label}(seasonal)`,
  };
}

export const methodRunners: Record<StatisticalModel, MethodRunner> = {
  naive: (y, h) => naive(y, h),
  seasonal_naive: (y, h, m) => seasonalNaive(y, h, m),
  ses: (y, h, m) => onSeasonallyAdjusted(y, h, m, (x) => ses(x, h)),
  holt: (y, h, m) => onSeasonallyAdjusted(y, h, m, (x) => holt(x, h)),
  damped: (y, h, m) => onSeasonallyAdjusted(y, h, m, (x) => dampedHolt(x, h)),
  ets: (y, h, m) => autoEts(y, h, m),
  theta: (y, h, m) => theta(y, h, m),
  seasonal_theta: (y, h, m) => seasonalTheta(y, h, m),
  croston: (y, h) => croston(y, h),
  sba: (y, h) => sba(y, h),
  tsb: (y, h) => tsb(y, h),
};

export function isStatisticalModel(name: string): name is StatisticalModel {
  return name in methodRunners;
}

/**
 * Runners for one series' rolling-origin backtest. Each fitted method estimates its parameters
 * (and ETS its specification) on the first, earliest origin and reuses them at later origins,
 * only filtering the longer history: statsforecast's cross-validation without refit. It costs
 * one fit per method instead of one per origin and still never sees data past an origin.
 */
export function backtestRunners(): Record<StatisticalModel, MethodRunner> {
  let sesFit: SmoothingParameters | null = null;
  let holtFit: SmoothingParameters | null = null;
  let dampedFit: SmoothingParameters | null = null;
  let thetaFit: { alpha: number; initialLevel: number } | null = null;
  let seasonalThetaFit: { alpha: number; initialLevel: number } | null = null;
  let etsFit: { spec: EtsSpec; parameters: EtsParameters } | null = null;
  return {
    ...methodRunners,
    ses: (y, h, m) =>
      onSeasonallyAdjusted(y, h, m, (x) => {
        const fit = ses(x, h, sesFit ?? {});
        sesFit ??= fit.parameters;
        return fit;
      }),
    holt: (y, h, m) =>
      onSeasonallyAdjusted(y, h, m, (x) => {
        const fit = holt(x, h, holtFit ?? {});
        holtFit ??= fit.parameters;
        return fit;
      }),
    damped: (y, h, m) =>
      onSeasonallyAdjusted(y, h, m, (x) => {
        const fit = dampedHolt(x, h, dampedFit ?? {});
        dampedFit ??= fit.parameters;
        return fit;
      }),
    theta: (y, h, m) => {
      const fit = theta(y, h, m, thetaFit ?? {});
      thetaFit ??= fit.smoothing;
      return fit;
    },
    seasonal_theta: (y, h, m) => {
      const fit = seasonalTheta(y, h, m, seasonalThetaFit ?? {});
      seasonalThetaFit ??= fit.smoothing;
      return fit;
    },
    ets: (y, h, m) => {
      const fit = autoEts(y, h, m, etsFit ? { frozen: etsFit } : {});
      etsFit ??= { spec: fit.spec, parameters: fit.parameters };
      return fit;
    },
  };
}
