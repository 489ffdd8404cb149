// Automatic model choice per series: classify demand (ADI/CV²), narrow the candidates by class,
// rank them by a rolling-origin backtest on the series' own history, refit the best (by default
// the mean of the top three; `model` then names the best-ranked member and `modelLabel` lists all)
// on the full history and attach predictive quantiles (for intermittent and lumpy demand from TSB's
// occurrence × size distribution). Forecasts are demand, so means and quantiles are
// clipped at 0.
import { backtestMethod, planBacktest, type BacktestMetric } from "./backtest";
import { classifyDemand } from "./classification";
import type { DemandDistribution } from "./demand-distribution";
import { correlatedDistribution, occurrenceSizeDistribution, persistenceFromVariances, weeklyQuantiles } from "./distribution-build";
import { backtestScale, DEFAULT_CALIBRATION, growthShift, intermittentRateCv, type CalibrationSettings } from "./calibration";
import { dispersionStepSd } from "./distributions";
import { tsbDemandDistribution } from "./intermittent";
import { FORECAST_METHODS, type ModelName } from "./method-catalog";
import type { MethodForecast } from "./method-types";
import { backtestRunners, isStatisticalModel, methodRunners, type StatisticalModel } from "./methods";

export type { ModelName };
export type DemandClass = "smooth" | "erratic" | "intermittent" | "lumpy";
export interface AutoForecastOptions {
  horizon: number;
  seasonLength: number;
  /** quantile levels, default [0.1,0.5,0.9] */
  quantiles?: number[];
  /** backtest metric, default "mase" */
  metric?: "mase" | "wape";
  /** restrict candidates */
  candidates?: ModelName[];
}
export interface QuantileForecast {
  mean: number[];
  /** quantile level -> values per step, keys like "0.1","0.5","0.9" */
  quantiles: Record<string, number[]>;
}
export interface BacktestScore {
  model: ModelName;
  score: number;
}
export interface AutoForecastResult {
  model: ModelName;
  /** e.g. "ETS(A,Ad,M)" for ets, else same as model */
  modelLabel: string;
  demandClass: DemandClass;
  adi: number;
  cv2: number;
  forecast: QuantileForecast;
  /** metric is the caller's; intermittent and lumpy series are ranked by RMSSE (see AutoForecastSettings) */
  backtest: { metric: "mase" | "wape"; origins: number; ranking: BacktestScore[] }; // best first
  /** one-step in-sample residual standard deviation, and per-horizon-step error sd used for intervals */
  residualSd: number;
  stepSd: number[];
  /** The predictive distribution (JSON) the quantiles are read from; intervalDemand sums it over any span. */
  distribution: DemandDistribution;
}

export const DEFAULT_QUANTILES = [0.1, 0.5, 0.9];

/**
 * Seasonal Theta on a two-cycle profile fills the gap between seasonal naive (one cycle) and the
 * classical decomposition inside theta/ETS (three cycles): offered with at least two but fewer
 * than three full cycles, e.g. a DTC variant with 104 weeks of weekly history.
 */
export function offersTwoCycleSeason(length: number, seasonLength: number): boolean {
  return seasonLength > 1 && length >= 2 * seasonLength && length < 3 * seasonLength;
}

/**
 * Candidates per demand class (before any caller restriction). Naive is left out by default: it is
 * SES with α = 1, which SES can fit, and it only adds noise to the ranking. Holt's undamped trend
 * over-extrapolates; damped trend and ETS cover trends.
 */
export const CANDIDATES_BY_CLASS: Record<DemandClass, StatisticalModel[]> = {
  smooth: ["seasonal_naive", "ses", "damped", "ets", "theta", "seasonal_theta"],
  erratic: ["seasonal_naive", "ses", "damped", "theta", "seasonal_theta"],
  intermittent: ["croston", "sba", "tsb", "ses"],
  lumpy: ["sba", "tsb", "ses"],
};

/** Model used when the history is too short to backtest. */
const FALLBACK_BY_CLASS: Record<DemandClass, StatisticalModel> = { smooth: "ses", erratic: "ses", intermittent: "sba", lumpy: "sba" };

export interface AutoForecastSettings {
  /** rolling origins in the backtest (default 6; cheap because later origins reuse parameters) */
  origins: number;
  /**
   * Smooth and erratic series: forecast with the equal-weight mean of the k best-ranked candidates
   * (default 3; 1 = the single best). Averaging the top few is steadier than trusting a ranking from
   * a short backtest.
   */
  combineTopK: number;
  /**
   * Intermittent and lumpy series: k for the same mean (default 1). Their candidates are all
   * exponential smoothing of the same demand, so averaging adds little diversity.
   */
  intermittentTopK: number;
  /**
   * Ranking metric for intermittent and lumpy series (default "rmsse"): absolute-error metrics
   * (MASE, WAPE) are minimised by forecasting zero on mostly-zero data and so pick forecasts that
   * are biased low; a squared-error metric targets the mean, which the count quantiles build on.
   */
  intermittentMetric: BacktestMetric;
  /** How the predictive distribution is calibrated (see calibration.ts). */
  calibration: CalibrationSettings;
}

export const DEFAULT_SETTINGS: AutoForecastSettings = { origins: 6, combineTopK: 3, intermittentTopK: 1, intermittentMetric: "rmsse", calibration: DEFAULT_CALIBRATION };

export function quantileKey(level: number): string {
  return String(level);
}

function nonDecreasing(values: readonly number[]): number[] {
  let running = 0;
  return values.map((v) => (running = Math.max(running, Number.isFinite(v) ? v : running)));
}

/** Per-step error sd from backtest errors (RMS per step); used when a method has no analytic variance. */
function backtestStepSd(errorsByStep: readonly (readonly number[])[], horizon: number, residualSd: number): number[] {
  const sds = errorsByStep.map((errors) => Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / Math.max(1, errors.length)));
  const result: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const fromBacktest = sds[h] ?? (sds.length > 0 ? sds[sds.length - 1]! * Math.sqrt((h + 1) / sds.length) : residualSd * Math.sqrt(h + 1));
    result.push(Math.max(residualSd, fromBacktest));
  }
  return result;
}

export function usesCountDistribution(model: ModelName, demandClass: DemandClass): boolean {
  return demandClass === "intermittent" || demandClass === "lumpy" || FORECAST_METHODS[model].counts;
}

/**
 * Intermittent and lumpy demand: TSB's occurrence × size distribution (α = β = 0.1, the textbook
 * values; fitting them by in-sample MSE made quantiles worse on carparts): TSB's chance of demand
 * and past demand sizes weighted by recency. The mean stays the backtest's choice (scaling the
 * chance to it raised carparts' pinball loss from 0.146 to 0.151).
 */
function intermittentDistribution(history: readonly number[], mean: readonly number[], calibration: CalibrationSettings): DemandDistribution {
  const { probability, sizes, weights } = tsbDemandDistribution(history);
  const rateCv = calibration.rateCvFactor * intermittentRateCv(probability, sizes, weights);
  return occurrenceSizeDistribution(mean, mean.map(() => probability), sizes, weights, rateCv);
}

/** Backtest errors of the equal-weight mean of the chosen methods, [origin][step]. */
function combinedErrors(members: readonly (readonly (readonly number[])[])[]): number[][] {
  const first = members[0];
  if (!first || first.length === 0) return [];
  const origins = first[0]?.length ?? 0;
  return Array.from({ length: origins }, (_, o) => first.map((_, h) => members.reduce((a, m) => a + (m[h]?.[o] ?? 0), 0) / members.length));
}

function averageForecasts(fits: readonly MethodForecast[]): MethodForecast {
  const k = fits.length;
  const horizon = fits[0]!.mean.length;
  const mean = Array.from({ length: horizon }, (_, h) => fits.reduce((a, f) => a + f.mean[h]!, 0) / k);
  // Members' errors are highly correlated, so the combined sd is taken as the members' mean sd.
  const variance = Array.from({ length: horizon }, (_, h) => (fits.reduce((a, f) => a + Math.sqrt(f.variance?.[h] ?? 0), 0) / k) ** 2);
  const residualSd = fits.reduce((a, f) => a + f.residualSd, 0) / k;
  return { mean, variance: fits.every((f) => f.variance !== null) ? variance : null, residualSd, label: `comb(${fits.map((f) => f.label).join(",")})` };
}

export function autoForecast(y: readonly number[], options: AutoForecastOptions): AutoForecastResult {
  return autoForecastWith(y, options, DEFAULT_SETTINGS);
}

export function autoForecastWith(y: readonly number[], options: AutoForecastOptions, settings: AutoForecastSettings): AutoForecastResult {
  const horizon = options.horizon;
  const seasonLength = Math.max(1, Math.round(options.seasonLength));
  const levels = options.quantiles ?? DEFAULT_QUANTILES;
  const metric: "mase" | "wape" = options.metric ?? "mase";
  if (!(horizon >= 1)) throw new Error(`horizon must be at least 1, got ${horizon}`);
  const history = y.map((v) => (Number.isFinite(v) ? v : 0));
  const { demandClass, adi, cv2 } = classifyDemand(history);

  const allowed = options.candidates?.filter(isStatisticalModel);
  let candidates = CANDIDATES_BY_CLASS[demandClass].filter((m) => allowed === undefined || allowed.includes(m));
  if (candidates.length === 0) candidates = allowed !== undefined && allowed.length > 0 ? allowed : [FALLBACK_BY_CLASS[demandClass]];
  if (seasonLength <= 1 && candidates.length > 1) candidates = candidates.filter((m) => m !== "seasonal_naive");
  if (!offersTwoCycleSeason(history.length, seasonLength) && candidates.length > 1) candidates = candidates.filter((m) => m !== "seasonal_theta");

  const runners = backtestRunners();
  const plan = history.length > 0 ? planBacktest(history.length, horizon, seasonLength, settings.origins) : null;
  const intermittent = demandClass === "intermittent" || demandClass === "lumpy";
  const rankingMetric = intermittent ? settings.intermittentMetric : metric;
  const topK = Math.max(1, intermittent ? settings.intermittentTopK : settings.combineTopK);
  const scored = plan
    ? candidates.map((model) => ({ model, ...backtestMethod(history, runners[model], plan, seasonLength, rankingMetric) }))
    : [];
  scored.sort((a, b) => a.score - b.score);
  const ranking: BacktestScore[] = scored.map(({ model, score }) => ({ model, score }));
  const fallback = candidates.includes(FALLBACK_BY_CLASS[demandClass]) ? FALLBACK_BY_CLASS[demandClass] : candidates[0]!;
  const chosen: StatisticalModel[] = scored.length === 0 ? [fallback] : scored.slice(0, topK).map((s) => s.model);

  // The final forecast refits the chosen methods (and re-selects ETS) on the full history.
  const fits = chosen.map((model) => methodRunners[model](history.length > 0 ? history : [0], horizon, seasonLength));
  const fit = fits.length === 1 ? fits[0]! : averageForecasts(fits);
  const model = chosen[0]!;

  const analyticSd = fit.variance?.map((v) => Math.sqrt(Math.max(0, v)));
  const bestErrors = scored.find((s) => s.model === model)?.errorsByStep ?? [];
  const mean = fit.mean.map((v) => (v > 0 ? v : 0));
  const rawSd = analyticSd ?? backtestStepSd(bestErrors, horizon, fit.residualSd);
  // A perfect in-sample fit (constant or one-point history) would give zero-width intervals; fall
  // back to Poisson noise around the forecast, the least uncertainty unit demand carries.
  const degenerate = rawSd.every((sd) => !(sd > 1e-9 * (1 + Math.abs(mean[0] ?? 0))));
  const counts = usesCountDistribution(model, demandClass);
  const modelSd = nonDecreasing(degenerate ? mean.map((m) => Math.sqrt(m)) : rawSd);
  const stepSd = counts ? nonDecreasing(dispersionStepSd(mean, history, modelSd)) : modelSd;
  const scale = Number.isFinite(settings.calibration.priorOrigins)
    ? backtestScale(combinedErrors(scored.filter((s) => chosen.includes(s.model)).map((s) => s.errorsByStep)), stepSd, settings.calibration.priorOrigins)
    : 1;
  const distribution = intermittent
    ? intermittentDistribution(history, mean, settings.calibration)
    : correlatedDistribution(
        counts ? "negative_binomial" : settings.calibration.continuousFamily,
        mean,
        stepSd.map((sd) => sd * scale),
        persistenceFromVariances(modelSd.map((sd) => sd * sd)),
        0,
        growthShift(history, seasonLength, mean, settings.calibration.growthWeight, settings.calibration.declineWeight),
        settings.calibration.scaleCv,
      );
  const quantiles = weeklyQuantiles(distribution, levels);

  return {
    model,
    modelLabel: fits.length > 1 ? fit.label : model === "ets" ? fit.label : model,
    demandClass,
    adi,
    cv2,
    forecast: { mean, quantiles },
    backtest: { metric, origins: plan?.origins.length ?? 0, ranking },
    residualSd: fit.residualSd,
    stepSd,
    distribution,
  };
}

export { leadTimeDemand, type LeadTimeDemand } from "./lead-time";
