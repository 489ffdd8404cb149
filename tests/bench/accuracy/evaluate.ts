// Scores one benchmark series with autoForecast, Naive2 and reference methods.
import { autoForecastWith, DEFAULT_SETTINGS, type AutoForecastSettings, type ModelName } from "../../../app/engine/forecast/auto";
import { countQuantiles, dispersionStepSd, normalDemandQuantile, occurrenceSizeQuantiles } from "../../../app/engine/forecast/distributions";
import { tsb, tsbDemandDistribution } from "../../../app/engine/forecast/intermittent";
import { mase, pinballLoss, rmsse, smape, bias } from "../../../app/engine/forecast/metrics";
import { methodRunners, type StatisticalModel } from "../../../app/engine/forecast/methods";
import { naive2 } from "../../../app/engine/forecast/naive";
import { dampedHolt, holt, ses } from "../../../app/engine/forecast/smoothing";
import { calibratedResult, seriesBacktestSamples } from "../../../app/engine/forecast/series-calibration";
import type { CalibrationSample, ShopCalibration } from "../../../app/engine/forecast/shop-calibration";
import { tallyCalibration, type CalibrationTally } from "./calibration";
import type { BenchmarkSeries } from "./data";

export interface EvaluationTask {
  series: BenchmarkSeries[];
  horizon: number;
  seasonLength: number;
  maseLag: number;
  references: string[];
  settings?: Partial<AutoForecastSettings>;
  /** quantile levels for pinball loss and the inventory simulation */
  levels: number[];
  candidates?: ModelName[];
  /** the set's calibration, learned from the training periods only (null: the model's own intervals) */
  shopCalibration?: ShopCalibration | null;
}

export interface PointScores {
  smape: number;
  mase: number;
  rmsse: number;
  bias: number;
}

export interface SeriesEvaluation {
  id: string;
  model: string;
  scores: Record<string, PointScores>;
  /** method -> level -> per-step quantile forecasts (only for methods with quantiles) */
  quantiles: Record<string, Record<string, number[]>>;
  actual: number[];
  seconds: number;
  /** the auto forecast's distribution scored per period and over spans */
  calibration: CalibrationTally;
}

function pointScores(actual: number[], forecast: number[], train: number[], lag: number): PointScores {
  return { smape: smape(actual, forecast), mase: mase(actual, forecast, train, lag), rmsse: rmsse(actual, forecast, train), bias: bias(actual, forecast) };
}

function referenceForecast(name: string, train: number[], h: number, m: number): number[] {
  if (name === "comb") {
    const parts = [ses(train, h).mean, holt(train, h).mean, dampedHolt(train, h).mean];
    return parts[0]!.map((_, i) => (parts[0]![i]! + parts[1]![i]! + parts[2]![i]!) / 3);
  }
  if (name === "ets_theta_damped") {
    const parts = (["ets", "theta", "damped"] as const).map((name) => methodRunners[name](train, h, m).mean);
    return parts[0]!.map((_, i) => (parts[0]![i]! + parts[1]![i]! + parts[2]![i]!) / 3);
  }
  if (name === "zero") return Array<number>(h).fill(0);
  return methodRunners[name as StatisticalModel](train, h, m).mean;
}

export function evaluateSeries(task: EvaluationTask): SeriesEvaluation[] {
  const settings = { ...DEFAULT_SETTINGS, ...task.settings };
  return task.series.map((s) => {
    const started = performance.now();
    const h = task.horizon;
    const actual = s.test.slice(0, h);
    const raw = autoForecastWith(s.train, { horizon: h, seasonLength: task.seasonLength, quantiles: task.levels, ...(task.candidates ? { candidates: task.candidates } : {}) }, settings);
    const { result } = calibratedResult(raw, task.shopCalibration ?? null, task.levels);
    const seconds = (performance.now() - started) / 1000;
    const scores: Record<string, PointScores> = {
      auto: pointScores(actual, result.forecast.mean, s.train, task.maseLag),
      auto_p50: pointScores(actual, result.forecast.quantiles["0.5"] ?? result.forecast.mean, s.train, task.maseLag),
      naive2: pointScores(actual, naive2(s.train, h, task.seasonLength).mean, s.train, task.maseLag),
    };
    for (const name of task.references) scores[name] = pointScores(actual, referenceForecast(name, s.train, h, task.seasonLength), s.train, task.maseLag);
    const quantiles: Record<string, Record<string, number[]>> = { auto: result.forecast.quantiles };
    if (task.references.includes("tsb")) {
      // TSB(α=β=0.1) baseline with four interval treatments: negative binomial from TSB's own error
      // variance, Gaussian, negative binomial with the history's dispersion index, and TSB's
      // occurrence × weighted-size distribution (what auto now uses for intermittent classes).
      const fit = tsb(s.train, h, 0.1, 0.1);
      const nb: Record<string, number[]> = {};
      const dispersed: Record<string, number[]> = {};
      const dispersionSd = dispersionStepSd(fit.mean, s.train, fit.variance!.map(Math.sqrt));
      const normal: Record<string, number[]> = {};
      const hurdle: Record<string, number[]> = {};
      const hurdleValues = occurrenceSizeQuantiles(tsbDemandDistribution(s.train), task.levels);
      for (const [i, level] of task.levels.entries()) {
        hurdle[String(level)] = fit.mean.map(() => hurdleValues[i]!);
        nb[String(level)] = fit.mean.map((mu, i) => countQuantiles(mu, fit.variance![i]!, [level])[0]!);
        dispersed[String(level)] = fit.mean.map((mu, i) => countQuantiles(mu, dispersionSd[i]! ** 2, [level])[0]!);
        normal[String(level)] = fit.mean.map((mu, i) => normalDemandQuantile(mu, Math.sqrt(fit.variance![i]!), level));
      }
      quantiles["tsb_nb"] = nb;
      quantiles["tsb_normal"] = normal;
      quantiles["tsb_dispersion"] = dispersed;
      quantiles["tsb_hurdle"] = hurdle;
    }
    return { id: s.id, model: result.modelLabel, scores, quantiles, actual, seconds, calibration: tallyCalibration(result.distribution, actual) };
  });
}

/** The set's calibration backtests: each series' training periods only, origins 1·h and 2·h before their end. */
export function calibrationSamples(task: EvaluationTask & { origins: number }): CalibrationSample[] {
  const settings = { ...DEFAULT_SETTINGS, ...task.settings };
  return task.series.flatMap((s) =>
    seriesBacktestSamples(s.train, {
      horizon: task.horizon,
      seasonLength: task.seasonLength,
      origins: task.origins,
      forecast: (y, options) => autoForecastWith(y, { ...options, ...(task.candidates ? { candidates: task.candidates } : {}) }, settings),
    }),
  );
}

export function pinball(evaluations: SeriesEvaluation[], method: string, level: number): number {
  let total = 0;
  let count = 0;
  for (const e of evaluations) {
    const q = e.quantiles[method]?.[String(level)];
    if (!q) continue;
    total += pinballLoss(e.actual, q, level);
    count++;
  }
  return total / count;
}

/** Share of outcomes at or below the forecast quantile (calibration: should be near the level). */
export function quantileHitRate(evaluations: SeriesEvaluation[], method: string, level: number): number {
  let below = 0;
  let count = 0;
  for (const e of evaluations) {
    const q = e.quantiles[method]?.[String(level)];
    if (!q) continue;
    e.actual.forEach((y, h) => {
      if (y <= q[h]!) below++;
      count++;
    });
  }
  return below / count;
}
