// Distribution of total demand over a lead time, from an autoForecast result.
import type { AutoForecastResult } from "./auto";
import { countQuantiles, normalDemandQuantile } from "./distributions";

export interface LeadTimeDemand {
  mean: number;
  sd: number;
  /** quantile level -> total units over the lead time */
  quantiles: Record<string, number>;
}

/**
 * Sums the per-step forecasts over `leadTimeSteps` (steps past the horizon repeat the last mean
 * and extend the variance growth linearly). Errors of forecasts made from one origin are
 * correlated: each step's error variance v_h is split into independent one-step noise v_1 and an
 * accumulated level error a_h = v_h − v_1 that steps share, so Cov(e_i, e_j) = min(a_i, a_j) for
 * i ≠ j. This matches a random walk's structure up to its v_1 term and is exact for noise around a
 * fixed level. Counts (intermittent classes) use a negative binomial on the total, others a
 * Gaussian clipped at 0.
 */
export function leadTimeDemand(result: AutoForecastResult, leadTimeSteps: number, quantiles: readonly number[] = [0.1, 0.5, 0.9]): LeadTimeDemand {
  const steps = Math.max(0, Math.floor(leadTimeSteps));
  const { mean: means } = result.forecast;
  const variances = result.stepSd.map((sd) => sd * sd);
  const horizon = means.length;
  const growth = horizon >= 2 ? Math.max(0, variances[horizon - 1]! - variances[horizon - 2]!) : 0;
  const meanAt = (h: number): number => (h < horizon ? means[h]! : (means[horizon - 1] ?? 0));
  const varianceAt = (h: number): number => (h < horizon ? variances[h]! : (variances[horizon - 1] ?? 0) + growth * (h - horizon + 1));

  let total = 0;
  let totalVariance = 0;
  const oneStep = varianceAt(0);
  for (let i = 0; i < steps; i++) {
    total += meanAt(i);
    totalVariance += varianceAt(i);
    const sharedI = Math.max(0, varianceAt(i) - oneStep);
    for (let j = i + 1; j < steps; j++) totalVariance += 2 * Math.min(sharedI, Math.max(0, varianceAt(j) - oneStep));
  }
  const sd = Math.sqrt(totalVariance);
  const counts = result.demandClass === "intermittent" || result.demandClass === "lumpy";
  const values = counts ? countQuantiles(total, totalVariance, quantiles) : quantiles.map((q) => normalDemandQuantile(total, sd, q));
  return { mean: total, sd, quantiles: Object.fromEntries(quantiles.map((q, i) => [String(q), values[i]!])) };
}
