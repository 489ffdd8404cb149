// The forecasting engine's public face: the per-variant demand outlook, its predictive
// distribution, and the distribution of total demand over any span of weeks.
export { buildDemandOutlook, type DemandOutlookOptions, type VariantDemandInput, type VariantOutlook } from "./outlook";
export {
  intervalDemand,
  intervalDemandCdf,
  intervalDistribution,
  intervalVariance,
  DEMAND_DISTRIBUTION_VERSION,
  type CorrelatedDemandDistribution,
  type DemandDistribution,
  type DemandSpan,
  type IntervalDemand,
  type OccurrenceSizeDemandDistribution,
  type SpanDistribution,
} from "./demand-distribution";
export { autoForecast, type AutoForecastOptions, type AutoForecastResult } from "./auto";
export { leadTimeDemand, type LeadTimeDemand } from "./lead-time";
export { cleanDemandHistory, type CleanedDemand, type CleaningSummary, type StockoutInterval } from "./cleaning";
