/**
 * Which forecast a variant gets, and that forecast:
 * - analog: fewer than `newVariantWeeks` complete (or mostly in-stock) weeks;
 * - top_down: too short (< `ownSeasonalityWeeks`) or too thin (< `sparseWeeklyUnits` a week)
 *   to learn its own seasonality, while its group's profile is trusted, not flat, and fits the
 *   variant's own history better than a flat level;
 * - own_history: the forecaster (autoForecast) on the cleaned weekly baseline.
 */
import type { AutoForecastResult, DemandClass, ModelName } from "./auto";
import type { DemandDistribution } from "./demand-distribution";
import type { ForecastSource } from "./explain";
import { type AnalogCandidate, type AnalogForecast, forecastNewVariant } from "./new-variant";
import type { PreparedVariant } from "./outlook-history";
import type { OutlookSettings } from "./outlook-settings";
import { type SeasonalProfile, profileAmplitude, profileFitsVariant, topDownForecast } from "./top-down";

export interface RoutedForecast {
  source: ForecastSource;
  model: ModelName;
  modelLabel: string;
  demandClass: DemandClass | null;
  adi?: number;
  cv2?: number;
  mean: number[];
  quantiles: Record<string, number[]>;
  distribution: DemandDistribution;
  backtest: AutoForecastResult["backtest"] | null;
  analog: AnalogForecast | null;
  routeReason: string;
}

export function routeForecast(p: PreparedVariant, profile: SeasonalProfile, analogPool: readonly AnalogCandidate[], settings: OutlookSettings): RoutedForecast {
  const { newVariantWeeks, ownSeasonalityWeeks, sparseWeeklyUnits } = settings;
  const weeks = p.weekly.values.length;
  const meanWeekly = weeks > 0 ? p.weekly.values.reduce((a, b) => a + b, 0) / weeks : 0;
  const profileUsable = profile.weight >= settings.minProfileWeight && profileAmplitude(profile) >= settings.minProfileAmplitude;
  // Weeks mostly out of stock say little about demand; a chronically out-of-stock variant
  // is treated like a new one, its run-rate read from in-stock days only.
  if (weeks < newVariantWeeks || p.inStockWeeks < newVariantWeeks) return analogRoute(p, profile, analogPool, settings);
  if ((weeks < ownSeasonalityWeeks || meanWeekly < sparseWeeklyUnits) && profileUsable && profileFitsVariant(p.weekly, profile).fits) {
    return topDownRoute(p, profile, settings, meanWeekly);
  }
  return ownHistoryRoute(p, settings);
}

/** Similar variants set the level, scaled by the variant's in-stock run-rate when it has one. */
function analogRoute(p: PreparedVariant, profile: SeasonalProfile, analogPool: readonly AnalogCandidate[], settings: OutlookSettings): RoutedForecast {
  const { newVariantWeeks } = settings;
  const weeks = p.weekly.values.length;
  const inStockWeeks = p.inStockWeeks;
  const inStock = p.cleaned.daily.flags.map((f) => f !== "stockout");
  const days = inStock.filter(Boolean).length;
  const units = p.cleaned.daily.baseline.reduce((a, b, i) => (inStock[i] ? a + b : a), 0);
  const firstInStock = p.cleaned.daily.dates[inStock.indexOf(true)] ?? p.cleaned.range.from;
  const analog = forecastNewVariant(p.input, days > 0 ? { units, days, firstDate: firstInStock } : null, analogPool, profile, settings.futureWeeks, {
    minAnalogWeeks: newVariantWeeks,
    quantiles: settings.levels,
  });
  return {
    source: "analog",
    model: "analog",
    modelLabel: `analog (${analog.tier})`,
    demandClass: null,
    mean: analog.mean,
    quantiles: analog.quantiles,
    distribution: analog.distribution,
    backtest: null,
    analog,
    routeReason:
      weeks < newVariantWeeks
        ? `Only ${weeks} complete week${weeks === 1 ? "" : "s"} since launch (under ${newVariantWeeks}), so similar variants set the level.`
        : `Only ${inStockWeeks} of ${weeks} weeks were mostly in stock (under ${newVariantWeeks}), so similar variants set the level.`,
  };
}

/** The group's seasonal profile scaled to the variant's level. */
function topDownRoute(p: PreparedVariant, profile: SeasonalProfile, settings: OutlookSettings, meanWeekly: number): RoutedForecast {
  const weeks = p.weekly.values.length;
  const topDown = topDownForecast(p.weekly, profile, settings.futureWeeks, { quantiles: settings.levels, ...(settings.calibration ? { calibration: settings.calibration } : {}) });
  const why = weeks < settings.ownSeasonalityWeeks ? `${weeks} weeks of history are too few` : `${meanWeekly.toFixed(1)} units a week are too few`;
  return {
    source: "top_down",
    model: "top_down_profile",
    modelLabel: "top-down profile",
    ...classifyWeekly(p.weekly.values),
    mean: topDown.mean,
    quantiles: topDown.quantiles,
    distribution: topDown.distribution,
    backtest: null,
    analog: null,
    routeReason: `${why} to learn its own seasonality, so the ${p.groupKey} group's pattern is used.`,
  };
}

function ownHistoryRoute(p: PreparedVariant, settings: OutlookSettings): RoutedForecast {
  const weeks = p.weekly.values.length;
  const result = settings.forecaster(p.weekly.values, { horizon: settings.horizon, seasonLength: settings.seasonLength, quantiles: settings.levels });
  return {
    source: "own_history",
    model: result.model,
    modelLabel: result.modelLabel,
    demandClass: result.demandClass,
    adi: result.adi,
    cv2: result.cv2,
    mean: result.forecast.mean,
    quantiles: result.forecast.quantiles,
    distribution: result.distribution,
    backtest: result.backtest,
    analog: null,
    routeReason: `${weeks} weeks of its own history.`,
  };
}

/** ADI / CV² classification (Syntetos–Boylan cut-offs) for routes that skip autoForecast. */
function classifyWeekly(y: readonly number[]): { demandClass: DemandClass; adi: number; cv2: number } {
  const sizes = y.filter((v) => v > 0);
  const adi = sizes.length === 0 ? Infinity : y.length / sizes.length;
  const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, sizes.length);
  const cv2 = sizes.length < 2 || mean === 0 ? 0 : variance / (mean * mean);
  const frequent = adi < 1.32;
  const steady = cv2 < 0.49;
  return { demandClass: frequent ? (steady ? "smooth" : "erratic") : steady ? "intermittent" : "lumpy", adi, cv2 };
}
