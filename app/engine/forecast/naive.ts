// Naive, seasonal naive and Naive2 (naive after multiplicative classical seasonal adjustment).
import { rootMeanSquare, type MethodForecast } from "./method-types";
import { indexForStep, seasonalAdjustment } from "./seasonality";

/** Last value carried forward; random-walk variance h·σ². */
export function naive(y: readonly number[], horizon: number): MethodForecast {
  const n = y.length;
  const last = n > 0 ? y[n - 1]! : 0;
  const errors: number[] = [];
  for (let t = 1; t < n; t++) errors.push(y[t]! - y[t - 1]!);
  const sd = rootMeanSquare(errors);
  const steps = Array.from({ length: horizon }, (_, i) => i + 1);
  return { mean: steps.map(() => last), variance: steps.map((h) => h * sd * sd), residualSd: sd, label: "naive" };
}

/** Value from the same season last cycle; variance σ²·(number of cycles ahead). Falls back to naive when n < m. */
export function seasonalNaive(y: readonly number[], horizon: number, seasonLength: number): MethodForecast {
  const n = y.length;
  const m = seasonLength;
  if (m <= 1 || n < m) return { ...naive(y, horizon), label: "seasonal_naive" };
  const errors: number[] = [];
  for (let t = m; t < n; t++) errors.push(y[t]! - y[t - m]!);
  const sd = rootMeanSquare(errors);
  const mean: number[] = [];
  const variance: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    mean.push(y[n - m + ((h - 1) % m)]!);
    variance.push((Math.floor((h - 1) / m) + 1) * sd * sd);
  }
  return { mean, variance, residualSd: sd, label: "seasonal_naive" };
}

/** M4's Naive2: naive on the seasonally adjusted series, reseasonalised. */
export function naive2(y: readonly number[], horizon: number, seasonLength: number): MethodForecast {
  const adjustment = seasonalAdjustment(y, seasonLength);
  const base = naive(adjustment.adjusted, horizon);
  const n = y.length;
  const index = (h: number): number => indexForStep(adjustment.indices, n, h);
  return {
    mean: base.mean.map((v, i) => v * index(i + 1)),
    variance: base.variance!.map((v, i) => v * index(i + 1) ** 2),
    residualSd: base.residualSd,
    label: "naive2",
  };
}
