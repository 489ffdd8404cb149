/**
 * One variant's own backtest, for its page: the forecast its own history gave `weeksAgo` weeks
 * before the plan date (the model chosen on the weeks before that), beside the demand that came.
 * The page shows it against the forecast it has now: what the plan would have said, and how far
 * off that was.
 */
import { autoForecast } from "./auto";
import { wape } from "./metrics";

export interface VariantBacktest {
  /** first week forecast, and the weeks scored after it */
  fromWeek: string;
  weeks: number;
  mean: number[];
  p10: number[];
  p90: number[];
  /** cleaned demand in those weeks (what the plan scores against) */
  actual: number[];
  forecastTotal: number;
  actualTotal: number;
  /** Σ|error| / Σ demand; null with no demand */
  wape: number | null;
  /** Σ(forecast − demand) / Σ demand: + ran over, − ran under */
  bias: number | null;
}

export interface VariantBacktestOptions {
  weeksAgo: number;
  seasonLength: number;
  /** fewest weeks of history before the origin worth forecasting from */
  minimumWeeks: number;
}

export const DEFAULT_VARIANT_BACKTEST: VariantBacktestOptions = { weeksAgo: 13, seasonLength: 52, minimumWeeks: 8 };

/** null when the history before the origin is too short to forecast from. */
export function variantBacktest(weekStarts: readonly string[], demand: readonly number[], options: VariantBacktestOptions = DEFAULT_VARIANT_BACKTEST): VariantBacktest | null {
  const origin = demand.length - options.weeksAgo;
  if (origin < options.minimumWeeks || weekStarts.length !== demand.length) return null;
  const result = autoForecast(demand.slice(0, origin), { horizon: options.weeksAgo, seasonLength: options.seasonLength, quantiles: [0.1, 0.5, 0.9] });
  const actual = demand.slice(origin);
  const mean = result.forecast.mean;
  const actualTotal = actual.reduce((a, b) => a + b, 0);
  const forecastTotal = mean.reduce((a, b) => a + b, 0);
  const score = wape(actual, mean);
  return {
    fromWeek: weekStarts[origin]!,
    weeks: options.weeksAgo,
    mean,
    p10: result.forecast.quantiles["0.1"] ?? mean,
    p90: result.forecast.quantiles["0.9"] ?? mean,
    actual,
    forecastTotal,
    actualTotal,
    wape: Number.isFinite(score) ? score : null,
    bias: actualTotal > 0 ? (forecastTotal - actualTotal) / actualTotal : null,
  };
}
