/**
 * New variants (too little history of their own): forecast from established similar variants.
 *
 * Analogs are searched in tiers: same product, then product type, then vendor, then the
 * whole shop; the first tier holding established variants wins. Their typical (median)
 * deseasonalised recent level is scaled to the newcomer:
 * - by price: (analog median price / own price) ^ elasticity, clamped to [0.5, 2];
 * - by early run-rate once the variant has sold for a week or more: its deseasonalised
 *   run-rate × the analogs' growth from launch to settled level (Σ settled / Σ first weeks;
 *   analogs whose launch predates the data count as no growth); that projection is
 *   combined with the price-scaled analog level in log space, each weighted by its precision
 *   (analog prior: spread of the analogs' log levels, at least analogCv²; run-rate: Poisson
 *   1/units plus a launch-curve allowance). Many early units and disagreeing analogs ⇒ the
 *   run-rate dominates; a few units and consistent analogs ⇒ the analogs do.
 */
import { type SeasonalProfile, type WeeklySeries, profileFactor } from "./top-down";
import type { DemandDistribution } from "./demand-distribution";
import { correlatedDistribution, weeklyQuantiles } from "./distribution-build";
import { addDays, weekStartOf } from "./weekly";

export interface VariantAttributes {
  variantId: string;
  productId: string;
  productType: string;
  vendor: string;
  price: number | null;
}

export interface AnalogCandidate extends VariantAttributes {
  /** Cleaned baseline weekly history. */
  history: WeeklySeries;
  /** True when `history` starts at the variant's launch, so its first weeks are launch weeks. */
  launchObserved: boolean;
}

export interface EarlySales {
  /** Cleaned units since launch. */
  units: number;
  /** Days those units cover (stockout days already imputed). */
  days: number;
  /** First of those days, to take the group's season out of the run-rate. */
  firstDate?: string;
}

export type AnalogTier = "product" | "product_type" | "vendor" | "shop" | "none";

export interface NewVariantOptions {
  minAnalogWeeks?: number;
  levelWeeks?: number;
  priceElasticity?: number;
  /** Least relative (log-scale) uncertainty of an analog-based level; analogs that disagree add more. */
  analogCv?: number;
  /** Log-variance allowed for launch curves differing between variants. */
  launchCurveVariance?: number;
  quantiles?: number[];
}

export interface AnalogForecast {
  tier: AnalogTier;
  tierValue: string;
  analogVariantIds: string[];
  analogLevel: number;
  priceFactor: number;
  /** Own early run-rate relative to the analogs, or null without early sales. */
  runRateRatio: number | null;
  scaleSource: "none" | "price" | "run_rate" | "price_and_run_rate";
  level: number;
  mean: number[];
  quantiles: Record<string, number[]>;
  /** Weekly counts (negative binomial) whose level uncertainty is common to all weeks. */
  distribution: DemandDistribution;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function findAnalogs(
  target: VariantAttributes,
  candidates: readonly AnalogCandidate[],
  minWeeks: number,
): { tier: AnalogTier; tierValue: string; analogs: AnalogCandidate[] } {
  const established = candidates.filter((c) => c.variantId !== target.variantId && c.history.values.length >= minWeeks);
  const tiers: { tier: AnalogTier; value: string; key: (c: AnalogCandidate) => string }[] = [
    { tier: "product", value: target.productId, key: (c) => c.productId },
    { tier: "product_type", value: target.productType, key: (c) => c.productType },
    { tier: "vendor", value: target.vendor, key: (c) => c.vendor },
  ];
  for (const { tier, value, key } of tiers) {
    if (!value) continue;
    const analogs = established.filter((c) => key(c) === value);
    if (analogs.length > 0) return { tier, tierValue: value, analogs };
  }
  if (established.length > 0) return { tier: "shop", tierValue: "", analogs: established };
  return { tier: "none", tierValue: "", analogs: [] };
}

function deseasonalisedMean(values: readonly number[], weekStarts: readonly string[], profile: SeasonalProfile): number {
  const factors = weekStarts.reduce((a, w) => a + profileFactor(profile, w), 0);
  return factors > 0 ? values.reduce((a, b) => a + b, 0) / factors : 0;
}

function recentLevel(history: WeeklySeries, weeks: number, profile: SeasonalProfile): number {
  const from = Math.max(0, history.values.length - weeks);
  return deseasonalisedMean(history.values.slice(from), history.weekStarts.slice(from), profile);
}

function launchLevel(history: WeeklySeries, weeks: number, profile: SeasonalProfile): number {
  return deseasonalisedMean(history.values.slice(0, weeks), history.weekStarts.slice(0, weeks), profile);
}

function logVariance(values: readonly number[]): number {
  const logs = values.filter((v) => v > 0).map(Math.log);
  if (logs.length < 2) return 0;
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1);
}

/** Mean profile factor over the weeks an early-sales window touches. */
function earlySeasonalFactor(early: EarlySales, profile: SeasonalProfile): number {
  if (!early.firstDate) return 1;
  let total = 0;
  for (let day = 0; day < early.days; day++) total += profileFactor(profile, weekStartOf(addDays(early.firstDate, day)));
  return early.days > 0 ? total / early.days : 1;
}

export function forecastNewVariant(
  target: VariantAttributes,
  early: EarlySales | null,
  candidates: readonly AnalogCandidate[],
  profile: SeasonalProfile,
  futureWeekStarts: readonly string[],
  options: NewVariantOptions = {},
): AnalogForecast {
  const levelWeeks = options.levelWeeks ?? 8;
  const elasticity = options.priceElasticity ?? 1;
  const minPriorVariance = Math.pow(options.analogCv ?? 0.5, 2);
  const launchCurveVariance = options.launchCurveVariance ?? 0.05;
  const { tier, tierValue, analogs } = findAnalogs(target, candidates, options.minAnalogWeeks ?? 8);

  const analogLevels = analogs.map((a) => recentLevel(a.history, levelWeeks, profile));
  const analogLevel = median(analogLevels);
  const analogPrice = median(analogs.map((a) => a.price ?? 0).filter((p) => p > 0));
  const priceKnown = analogPrice > 0 && (target.price ?? 0) > 0;
  const priceFactor = priceKnown ? Math.min(2, Math.max(0.5, Math.pow(analogPrice / (target.price ?? 1), elasticity))) : 1;

  // Prior from the analogs, as uncertain as the analogs disagree (in log terms).
  const priorLevel = analogLevel * priceFactor;
  const priorVariance = Math.max(minPriorVariance, logVariance(analogLevels));
  let level = priorLevel;
  let levelVariance = priorVariance;
  let runRateRatio: number | null = null;

  const weeksObserved = early && early.days > 0 ? early.days / 7 : 0;
  if (early && weeksObserved >= 1) {
    const seasonal = earlySeasonalFactor(early, profile);
    // Analogs tell how far a launch run-rate grows (or fades) into a settled level: summed
    // settled levels over summed launch levels, so busy analogs, whose ratio is precise, count most.
    let settled = 0;
    let launched = 0;
    analogs.forEach((a, i) => {
      const ownLevel = analogLevels[i] ?? 0;
      settled += ownLevel;
      launched += a.launchObserved ? launchLevel(a.history, Math.max(1, Math.round(weeksObserved)), profile) : ownLevel;
    });
    const growth = settled > 0 && launched > 0 ? settled / launched : 1;
    // Half a unit keeps a zero-sales start from collapsing to exactly zero.
    const projected = (Math.max(early.units, 0.5) / weeksObserved / seasonal) * growth;
    const observedVariance = 1 / (early.units + 0.5) + launchCurveVariance;
    if (priorLevel > 0 && projected > 0) {
      runRateRatio = projected / priorLevel;
      const precision = 1 / priorVariance + 1 / observedVariance;
      level = Math.exp((Math.log(priorLevel) / priorVariance + Math.log(projected) / observedVariance) / precision);
      levelVariance = 1 / precision;
    } else {
      level = projected;
      levelVariance = observedVariance;
    }
  }

  const scaleSource: AnalogForecast["scaleSource"] =
    runRateRatio !== null ? (priceKnown && priceFactor !== 1 ? "price_and_run_rate" : "run_rate") : priceKnown && priceFactor !== 1 ? "price" : "none";
  const cv = Math.sqrt(Math.exp(levelVariance) - 1);
  const mean = futureWeekStarts.map((w) => level * profileFactor(profile, w));
  const variances = mean.map((m) => m + Math.pow(cv * m, 2));
  // Poisson noise of its own each week plus a level error (cv × mean) shared by all weeks:
  // relative to the own noise that is cv² × mean, taken at the average week.
  const averageWeek = mean.reduce((a, b) => a + b, 0) / Math.max(1, mean.length);
  const distribution = correlatedDistribution("negative_binomial", mean, variances.map(Math.sqrt), 0, cv * cv * averageWeek);
  return {
    tier,
    tierValue,
    analogVariantIds: analogs.map((a) => a.variantId),
    analogLevel,
    priceFactor,
    runRateRatio,
    scaleSource,
    level,
    mean: distribution.mean,
    quantiles: weeklyQuantiles(distribution, options.quantiles ?? [0.1, 0.5, 0.9]),
    distribution,
  };
}
