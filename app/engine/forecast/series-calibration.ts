/**
 * The shop calibration for plain series (a CSV of `series_id,period,value`, a benchmark set):
 * each series forecast from origins `k·horizon` periods before its end (k = 1..origins), with the
 * model chosen on the history before each origin, and scored on the periods that followed. The
 * periods after the series' end, which a benchmark scores, are never seen.
 */
import type { AutoForecastOptions, AutoForecastResult } from "./auto";
import { weeklyQuantiles } from "./distribution-build";
import { calibrationFor, fitShopCalibration, recalibrated, sampleBacktest, type CalibrationSample, type ClassCalibration, type ShopCalibration } from "./shop-calibration";

export const SERIES_ROUTE = "own_history";

export interface SeriesBacktestOptions {
  horizon: number;
  seasonLength: number;
  origins: number;
  forecast: (y: readonly number[], options: AutoForecastOptions) => AutoForecastResult;
  /** shortest training history an origin may leave (default 2 seasons, at least 10 periods) */
  minimumTraining?: number;
}

export function seriesBacktestSamples(y: readonly number[], options: SeriesBacktestOptions): CalibrationSample[] {
  const minimum = options.minimumTraining ?? Math.max(10, options.seasonLength > 1 ? 2 * options.seasonLength : 0);
  const samples: CalibrationSample[] = [];
  for (let k = 1; k <= options.origins; k++) {
    const origin = y.length - k * options.horizon;
    if (origin < minimum) break;
    const result = options.forecast(y.slice(0, origin), { horizon: options.horizon, seasonLength: options.seasonLength, quantiles: [0.5] });
    samples.push(sampleBacktest(`${SERIES_ROUTE}:${result.demandClass}`, result.distribution, y.slice(origin, origin + options.horizon)));
  }
  return samples;
}

/** The calibration from `seriesBacktestSamples` taken with `origins` origins: they lie k·horizon periods before each series' end. */
export function fitSeriesCalibration(samples: readonly CalibrationSample[], horizon: number, origins: number): ShopCalibration | null {
  return fitShopCalibration(samples, { horizonWeeks: horizon, originsWeeksAgo: Array.from({ length: origins }, (_, k) => (k + 1) * horizon) });
}

/** A forecast read through the calibration for its class, its quantiles recomputed at `levels`. */
export function calibratedResult(result: AutoForecastResult, calibration: ShopCalibration | null, levels: readonly number[]): { result: AutoForecastResult; used: ClassCalibration | null } {
  const used = calibration ? calibrationFor(calibration, SERIES_ROUTE, result.demandClass) : null;
  if (!used) return { result, used: null };
  const distribution = recalibrated(result.distribution, used);
  return { result: { ...result, distribution, forecast: { mean: result.forecast.mean, quantiles: weeklyQuantiles(distribution, levels) } }, used };
}
