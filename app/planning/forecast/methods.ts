// Registry: one runner per model name, so the backtest and the final fit call methods uniformly.
import { autoEts, type EtsParameters, type EtsSpec } from "./ets";
import { croston, sba, tsb } from "./intermittent";
import type { MethodForecast } from "./method-types";
import { naive, seasonalNaive } from "./naive";
import { dampedHolt, holt, ses, type SmoothingParameters } from "./smoothing";
import { theta } from "./theta";

export type StatisticalModel = "naive" | "seasonal_naive" | "ses" | "holt" | "damped" | "ets" | "theta" | "croston" | "sba" | "tsb";

export type MethodRunner = (y: readonly number[], horizon: number, seasonLength: number) => MethodForecast;

export const methodRunners: Record<StatisticalModel, MethodRunner> = {
  naive: (y, h) => naive(y, h),
  seasonal_naive: (y, h, m) => seasonalNaive(y, h, m),
  ses: (y, h) => ses(y, h),
  holt: (y, h) => holt(y, h),
  damped: (y, h) => dampedHolt(y, h),
  ets: (y, h, m) => autoEts(y, h, m),
  theta: (y, h, m) => theta(y, h, m),
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
  let etsFit: { spec: EtsSpec; parameters: EtsParameters } | null = null;
  return {
    ...methodRunners,
    ses: (y, h) => {
      const fit = ses(y, h, sesFit ?? {});
      sesFit ??= fit.parameters;
      return fit;
    },
    holt: (y, h) => {
      const fit = holt(y, h, holtFit ?? {});
      holtFit ??= fit.parameters;
      return fit;
    },
    damped: (y, h) => {
      const fit = dampedHolt(y, h, dampedFit ?? {});
      dampedFit ??= fit.parameters;
      return fit;
    },
    theta: (y, h, m) => {
      const fit = theta(y, h, m, thetaFit ?? {});
      thetaFit ??= fit.smoothing;
      return fit;
    },
    ets: (y, h, m) => {
      const fit = autoEts(y, h, m, etsFit ? { frozen: etsFit } : {});
      etsFit ??= { spec: fit.spec, parameters: fit.parameters };
      return fit;
    },
  };
}
