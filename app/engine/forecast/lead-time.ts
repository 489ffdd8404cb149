// Distribution of total demand over a lead time, from an autoForecast result: the first
// `leadTimeSteps` whole steps of its predictive distribution (see demand-distribution.ts for how
// errors of one origin's steps are correlated and how intermittent totals are convolved).
import type { AutoForecastResult } from "./auto";
import { intervalDemand, intervalVariance } from "./demand-distribution";

export interface LeadTimeDemand {
  mean: number;
  sd: number;
  /** quantile level -> total units over the lead time */
  quantiles: Record<string, number>;
}

export function leadTimeDemand(result: AutoForecastResult, leadTimeSteps: number, quantiles: readonly number[] = [0.1, 0.5, 0.9]): LeadTimeDemand {
  const span = { startWeek: 0, weeks: Math.max(0, Math.floor(leadTimeSteps)) };
  const total = intervalDemand(result.distribution, span, quantiles);
  return {
    mean: total.mean,
    sd: Math.sqrt(intervalVariance(result.distribution, span)),
    quantiles: Object.fromEntries(quantiles.map((q, i) => [String(q), total.quantiles[i]!])),
  };
}
