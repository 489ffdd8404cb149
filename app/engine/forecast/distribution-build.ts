// Builds DemandDistribution objects from what the forecasting routes know (means, error sds, the
// sizes of past demands), and reads the per-week quantiles every route shows back from them, so the
// weekly figures and any span's policy come from one distribution.
import {
  type CorrelatedDemandDistribution,
  type DemandDistribution,
  type OccurrenceSizeDemandDistribution,
  DEMAND_DISTRIBUTION_VERSION,
  intervalDemand,
} from "./demand-distribution";

/** Finite and no negative zero, so JSON.stringify / JSON.parse give back exactly the same numbers. */
export function storable(value: number): number {
  return Number.isFinite(value) && value !== 0 ? value : 0;
}

/**
 * Persistence a from a model's per-step error variances, assuming the innovations form in which
 * v_h = v_1·(1 + a²(h − 1)) (exact for SES, a = α): a² = (v_H / v_1 − 1) / (H − 1).
 */
export function persistenceFromVariances(variances: readonly number[]): number {
  const horizon = variances.length;
  const first = variances[0] ?? 0;
  if (horizon < 2 || !(first > 0)) return 0;
  const growth = (variances[horizon - 1]! / first - 1) / (horizon - 1);
  return Math.min(1.5, Math.sqrt(Math.max(0, growth)));
}

export function correlatedDistribution(
  family: CorrelatedDemandDistribution["family"],
  mean: readonly number[],
  sd: readonly number[],
  persistence: number,
  levelShare: number,
  shift: readonly number[] = [],
  scaleCv = 0,
): CorrelatedDemandDistribution {
  return {
    version: DEMAND_DISTRIBUTION_VERSION,
    family,
    mean: mean.map((m) => storable(Math.max(0, m))),
    sd: mean.map((_, h) => storable(Math.max(0, sd[h] ?? sd[sd.length - 1] ?? 0))),
    persistence: storable(Math.max(0, persistence)),
    levelShare: storable(Math.max(0, levelShare)),
    shift: mean.map((_, h) => storable(shift[h] ?? 0)),
    scaleCv: storable(Math.max(0, scaleCv)),
  };
}

const MAX_SIZE_BINS = 128;

/**
 * Occurrence × size: the chance of demand per week, past non-zero demands and their weights (sizes
 * go on a grid of at most 128 steps), and the point forecast as the mean.
 */
export function occurrenceSizeDistribution(
  mean: readonly number[],
  probability: readonly number[],
  pastSizes: readonly number[],
  pastWeights: readonly number[],
  rateCv: number,
): OccurrenceSizeDemandDistribution {
  const positive = pastSizes.map((s, i) => ({ size: s, weight: pastWeights[i] ?? 0 })).filter((e) => e.size > 0 && e.weight > 0);
  const weightTotal = positive.reduce((a, e) => a + e.weight, 0);
  const entries = positive.length > 0 ? positive.map((e) => ({ size: e.size, weight: e.weight / weightTotal })) : [{ size: 1, weight: 1 }];
  const largest = Math.max(...entries.map((e) => e.size));
  const sizeStep = largest > MAX_SIZE_BINS ? Math.ceil(largest / MAX_SIZE_BINS) : largest >= 1 ? 1 : largest / MAX_SIZE_BINS;
  const binned = new Map<number, number>();
  for (const { size, weight } of entries) {
    const index = Math.max(1, Math.round(size / sizeStep));
    binned.set(index, (binned.get(index) ?? 0) + weight);
  }
  const indices = [...binned.keys()].sort((a, b) => a - b);
  const chance = positive.length > 0 ? probability : probability.map(() => 0);
  return {
    version: DEMAND_DISTRIBUTION_VERSION,
    family: "occurrence_size",
    mean: mean.map((m) => storable(Math.max(0, m))),
    probability: mean.map((_, w) => storable(Math.min(1, Math.max(0, chance[w] ?? chance[chance.length - 1] ?? 0)))),
    sizes: indices.map((i) => storable(i * sizeStep)),
    weights: indices.map((i) => storable(binned.get(i)!)),
    sizeStep: storable(sizeStep),
    rateCv: storable(Math.max(0, rateCv)),
  };
}

/** Per-week quantiles, keyed like "0.1", read from a distribution one whole week at a time. */
export function weeklyQuantiles(distribution: DemandDistribution, levels: readonly number[]): Record<string, number[]> {
  const result: Record<string, number[]> = Object.fromEntries(levels.map((level) => [String(level), [] as number[]]));
  const cache = new Map<string, number[]>();
  distribution.mean.forEach((_, week) => {
    // Flat intermittent forecasts repeat one week's distribution; compute it once.
    const key = distribution.family === "occurrence_size" ? String(distribution.mean[week]) : "";
    let values = key ? cache.get(key) : undefined;
    if (!values) {
      values = intervalDemand(distribution, { startWeek: week, weeks: 1 }, levels).quantiles;
      if (key) cache.set(key, values);
    }
    levels.forEach((level, i) => result[String(level)]!.push(values[i]!));
  });
  return result;
}
