// Forecast accuracy metrics as defined in the M4 competition guide and M5 (see
// /work/shared/data/README.md). `actual` and `forecast` cover the horizon; `insample` is the history.

/** mean of 200·|y−ŷ|/(|y|+|ŷ|); a term with zero denominator counts as 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    if (denominator > 0) total += (200 * Math.abs(actual[i]! - forecast[i]!)) / denominator;
  }
  return total / actual.length;
}

/** Mean absolute difference at the given lag over the history (NaN when too short). */
export function naiveScale(insample: readonly number[], lag: number, power: 1 | 2 = 1): number {
  let total = 0;
  let count = 0;
  for (let t = lag; t < insample.length; t++) {
    total += Math.abs(insample[t]! - insample[t - lag]!) ** power;
    count++;
  }
  return count === 0 ? NaN : total / count;
}

/** mean |y−ŷ| divided by the in-sample mean |y_t − y_{t−lag}|. */
export function mase(actual: readonly number[], forecast: readonly number[], insample: readonly number[], lag = 1): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) total += Math.abs(actual[i]! - forecast[i]!);
  return total / actual.length / naiveScale(insample, lag);
}

/** sqrt(mean (y−ŷ)² / in-sample mean (y_t − y_{t−1})²) (M5). */
export function rmsse(actual: readonly number[], forecast: readonly number[], insample: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) total += (actual[i]! - forecast[i]!) ** 2;
  return Math.sqrt(total / actual.length / naiveScale(insample, 1, 2));
}

/** Σ|y−ŷ| / Σ|y| (NaN when the actuals are all zero). */
export function wape(actual: readonly number[], forecast: readonly number[]): number {
  let errors = 0;
  let volume = 0;
  for (let i = 0; i < actual.length; i++) {
    errors += Math.abs(actual[i]! - forecast[i]!);
    volume += Math.abs(actual[i]!);
  }
  return volume === 0 ? NaN : errors / volume;
}

/** mean (ŷ − y): positive means over-forecasting. */
export function bias(actual: readonly number[], forecast: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) total += forecast[i]! - actual[i]!;
  return total / actual.length;
}

/** mean pinball loss of quantile forecasts q at level τ: max(τ(y−q), (τ−1)(y−q)). */
export function pinballLoss(actual: readonly number[], quantileForecast: readonly number[], level: number): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const diff = actual[i]! - quantileForecast[i]!;
    total += Math.max(level * diff, (level - 1) * diff);
  }
  return total / actual.length;
}
