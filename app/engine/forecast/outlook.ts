/**
 * The per-variant demand pipeline: clean history, pick a route, forecast, explain.
 *
 * History runs from the variant's launch (or the data window start) to the end of the last
 * complete week before `asOf`; a partial launch week is dropped from the weekly series (it
 * still counts toward a new variant's run-rate). Forecast week 1 is the week holding `asOf`,
 * forecast as a whole week; use the daily split to drop its elapsed days.
 *
 * Routes:
 * - analog: fewer than `newVariantWeeks` complete weeks since launch;
 * - top_down: too short (< `ownSeasonalityWeeks`) or too thin (< `sparseWeeklyUnits` a week)
 *   to learn its own seasonality, while its group's profile is trusted, not flat, and fits the
 *   variant's own history better than a flat level;
 * - own_history: autoForecast on the cleaned weekly baseline.
 */
import { type AutoForecastOptions, type AutoForecastResult, type DemandClass, type ModelName, autoForecast } from "./auto";
import type { CalibrationSettings } from "./calibration";
import { type CleanedDemand, type CleaningOptions, type CleaningSummary, type PromoWindow, type StockoutInterval, cleanDemandHistory } from "./cleaning";
import type { DemandDistribution } from "./demand-distribution";
import { type ForecastExplanation, type ForecastSource, explainForecast } from "./explain";
import { type AnalogCandidate, type AnalogForecast, forecastNewVariant } from "./new-variant";
import { blendWeekdayIndex, disaggregateWeekly, pooledWeekdayIndex } from "./outlook-daily";
import { FLAT_PROFILE, type SeasonalProfile, type WeeklySeries, buildGroupProfile, profileAmplitude, profileFitsVariant, topDownForecast } from "./top-down";
import { inferProductPromoWindows } from "./promo-windows";
import { type PromoEvent, estimateUplift, extractPromoEvents } from "./uplift";
import { type PlannedPromotion, projectPromotion } from "./uplift-projection";
import { type DailyDemandRow, type Weekday, ISO_WEEK_START, fromDayNumber, toDayNumber, weekStartDay, weekStartsFrom } from "./weekly";
import { quantileKey } from "./weekly-count-quantiles";

export interface VariantDemandInput {
  variantId: string;
  productId: string;
  productType: string;
  vendor: string;
  locationId?: string;
  /** "YYYY-MM-DD" or an ISO timestamp. */
  firstSaleDate?: string | null;
  createdAt?: string | null;
  price: number | null;
  daily: readonly DailyDemandRow[];
  stockouts?: readonly StockoutInterval[];
  promoWindows?: readonly PromoWindow[];
}

export type Forecaster = (y: readonly number[], options: AutoForecastOptions) => AutoForecastResult;

export interface DemandOutlookOptions {
  asOf: string;
  horizonWeeks?: number;
  seasonLength?: number;
  quantiles?: number[];
  weekStartsOn?: Weekday;
  maxHistoryWeeks?: number;
  /** First day the shop's data covers: earlier days are unknown, not zero sales. */
  dataStart?: string;
  newVariantWeeks?: number;
  ownSeasonalityWeeks?: number;
  sparseWeeklyUnits?: number;
  minProfileWeight?: number;
  minProfileAmplitude?: number;
  /** Which variants share a seasonal profile and uplift pool; default product type, else product. */
  groupKey?: (input: VariantDemandInput) => string;
  cleaning?: CleaningOptions;
  /**
   * Read promotion windows off each product's pooled discounted sales where no known window
   * covers them (default on): a slow variant's own discounted days miss the days it sold nothing.
   */
  inferPromoWindows?: boolean;
  plannedPromotions?: readonly PlannedPromotion[];
  /** Receives the past promotion events found in the cleaned histories (for a shop-wide uplift model). */
  onPromoEvents?: (events: PromoEvent[]) => void;
  forecaster?: Forecaster;
  /** How top-down distributions are calibrated (own-history ones follow the forecaster's settings). */
  calibration?: CalibrationSettings;
}

export interface VariantOutlook {
  variantId: string;
  productId: string;
  locationId?: string;
  groupKey: string;
  source: ForecastSource;
  model: ModelName;
  modelLabel: string;
  demandClass: DemandClass | null;
  weekStarts: string[];
  mean: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  quantiles: Record<string, number[]>;
  /**
   * The forecast's predictive distribution, plain JSON for every route: store it, and read any
   * span's total demand from it with intervalDemand (no re-forecasting).
   */
  distribution: DemandDistribution;
  history: { weekStarts: string[]; raw: number[]; baseline: number[] };
  cleaning: CleaningSummary;
  /** Weekday multipliers, 0 = Sunday … 6 = Saturday, used for the daily split. */
  weekdayIndex: number[];
  daily: { dates: string[]; mean: number[] };
  /** Extra units per forecast week from planned promotions (not included in mean/quantiles). */
  promotions: { extraUnits: number[]; reasons: string[] };
  analog: AnalogForecast | null;
  routeReason: string;
  explanation: ForecastExplanation;
}

interface PreparedVariant {
  input: VariantDemandInput;
  groupKey: string;
  cleaned: CleanedDemand;
  launchObserved: boolean;
  /** Complete weeks of cleaned history. */
  weekly: WeeklySeries;
  rawWeekly: number[];
  /** Complete weeks not mostly out of stock. */
  inStockWeeks: number;
}

const DEFAULT_GROUP_KEY = (input: VariantDemandInput): string => input.productType || `product:${input.productId}`;

/** Each input's known windows plus the ones its product's pooled sales show that no known window overlaps. */
function withInferredWindows(inputs: readonly VariantDemandInput[]): VariantDemandInput[] {
  const inferred = inferProductPromoWindows(inputs.map((input) => ({ productId: input.productId, price: input.price, daily: input.daily })));
  return inputs.map((input) => {
    const candidates = inferred.get(input.productId) ?? [];
    if (candidates.length === 0) return input;
    const known = input.promoWindows ?? [];
    const added = candidates.filter((w) => !known.some((k) => k.start <= w.end && w.start <= k.end));
    return added.length === 0 ? input : { ...input, promoWindows: [...known, ...added] };
  });
}

function dateOnly(value: string | null | undefined): string | null {
  return value ? value.slice(0, 10) : null;
}

function launchDate(input: VariantDemandInput): string | null {
  const firstRow = input.daily.filter((r) => r.units > 0).reduce<string | null>((min, r) => (min === null || r.date < min ? r.date : min), null);
  const firstSale = dateOnly(input.firstSaleDate);
  const candidates = [firstSale, firstRow].filter((d): d is string => d !== null);
  if (candidates.length > 0) return candidates.sort()[0] ?? null;
  return dateOnly(input.createdAt);
}

function prepare(input: VariantDemandInput, options: Required<Pick<DemandOutlookOptions, "asOf" | "weekStartsOn" | "maxHistoryWeeks">> & DemandOutlookOptions, groupKey: string): PreparedVariant {
  const historyEnd = weekStartDay(toDayNumber(options.asOf), options.weekStartsOn) - 1;
  const windowStart = Math.max(historyEnd + 1 - 7 * options.maxHistoryWeeks, options.dataStart ? toDayNumber(options.dataStart) : -Infinity);
  const launch = launchDate(input);
  const launchDay = launch === null ? historyEnd + 1 : toDayNumber(launch);
  const start = Math.max(launchDay, windowStart);
  const cleaned = cleanDemandHistory(
    {
      rows: input.daily,
      range: { from: fromDayNumber(Math.min(start, historyEnd + 1)), to: fromDayNumber(historyEnd) },
      stockouts: input.stockouts,
      promoWindows: input.promoWindows,
    },
    { ...options.cleaning, weekStartsOn: options.weekStartsOn },
  );
  const complete = cleaned.weekly.flags.map((f) => !f.partial);
  return {
    input,
    groupKey,
    cleaned,
    launchObserved: launch !== null && launchDay >= windowStart,
    weekly: {
      weekStarts: cleaned.weekly.weekStarts.filter((_, w) => complete[w]),
      values: cleaned.weekly.baseline.filter((_, w) => complete[w]),
    },
    rawWeekly: cleaned.weekly.raw.filter((_, w) => complete[w]),
    inStockWeeks: cleaned.weekly.flags.filter((f) => !f.partial && !f.mostlyOut).length,
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

function quantileLevels(requested: readonly number[] | undefined): number[] {
  return [...new Set([...(requested ?? []), 0.1, 0.5, 0.9])].sort((a, b) => a - b);
}

interface RoutedForecast {
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

export function buildDemandOutlook(inputs: readonly VariantDemandInput[], options: DemandOutlookOptions): VariantOutlook[] {
  const opts = {
    ...options,
    weekStartsOn: options.weekStartsOn ?? ISO_WEEK_START,
    maxHistoryWeeks: options.maxHistoryWeeks ?? 156,
  };
  const horizon = options.horizonWeeks ?? 26;
  const seasonLength = options.seasonLength ?? 52;
  const levels = quantileLevels(options.quantiles);
  const newVariantWeeks = options.newVariantWeeks ?? 8;
  const ownSeasonalityWeeks = options.ownSeasonalityWeeks ?? 2 * seasonLength;
  const sparseWeeklyUnits = options.sparseWeeklyUnits ?? 2;
  const minProfileWeight = options.minProfileWeight ?? 0.25;
  const minProfileAmplitude = options.minProfileAmplitude ?? 0.1;
  const forecaster = options.forecaster ?? autoForecast;
  const groupKeyOf = options.groupKey ?? DEFAULT_GROUP_KEY;
  const futureWeeks = weekStartsFrom(options.asOf, horizon, opts.weekStartsOn);

  const withWindows = options.inferPromoWindows === false ? inputs : withInferredWindows(inputs);
  const prepared = withWindows.map((input) => prepare(input, opts, groupKeyOf(input)));
  const byGroup = new Map<string, PreparedVariant[]>();
  for (const p of prepared) {
    const members = byGroup.get(p.groupKey);
    if (members) members.push(p);
    else byGroup.set(p.groupKey, [p]);
  }
  const profiles = new Map<string, SeasonalProfile>();
  const groupWeekdays = new Map<string, number[]>();
  for (const [key, members] of byGroup) {
    profiles.set(key, buildGroupProfile(members.map((m) => m.weekly)));
    groupWeekdays.set(key, pooledWeekdayIndex(members.map((m) => m.cleaned)));
  }
  const analogPool: AnalogCandidate[] = prepared
    .filter((p) => p.inStockWeeks >= newVariantWeeks)
    .map((p) => ({ ...p.input, history: p.weekly, launchObserved: p.launchObserved }));

  const wantsEvents = (options.plannedPromotions && options.plannedPromotions.length > 0) || options.onPromoEvents !== undefined;
  const promoEvents = wantsEvents
    ? prepared.flatMap((p): PromoEvent[] =>
        extractPromoEvents(p.cleaned, { variantId: p.input.variantId, groupId: p.groupKey, price: p.input.price, promoWindows: p.input.promoWindows }),
      )
    : [];
  options.onPromoEvents?.(promoEvents);
  const upliftModel = options.plannedPromotions && options.plannedPromotions.length > 0 ? estimateUplift(promoEvents) : null;

  return prepared.map((p): VariantOutlook => {
    const profile = profiles.get(p.groupKey) ?? FLAT_PROFILE;
    const weeks = p.weekly.values.length;
    const meanWeekly = weeks > 0 ? p.weekly.values.reduce((a, b) => a + b, 0) / weeks : 0;
    const profileUsable = profile.weight >= minProfileWeight && profileAmplitude(profile) >= minProfileAmplitude;
    let routed: RoutedForecast;

    // Weeks mostly out of stock say little about demand; a chronically out-of-stock variant
    // is treated like a new one, its run-rate read from in-stock days only.
    const inStockWeeks = p.inStockWeeks;
    if (weeks < newVariantWeeks || inStockWeeks < newVariantWeeks) {
      const inStock = p.cleaned.daily.flags.map((f) => f !== "stockout");
      const days = inStock.filter(Boolean).length;
      const units = p.cleaned.daily.baseline.reduce((a, b, i) => (inStock[i] ? a + b : a), 0);
      const firstInStock = p.cleaned.daily.dates[inStock.indexOf(true)] ?? p.cleaned.range.from;
      const analog = forecastNewVariant(p.input, days > 0 ? { units, days, firstDate: firstInStock } : null, analogPool, profile, futureWeeks, {
        minAnalogWeeks: newVariantWeeks,
        quantiles: levels,
      });
      routed = {
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
    } else if ((weeks < ownSeasonalityWeeks || meanWeekly < sparseWeeklyUnits) && profileUsable && profileFitsVariant(p.weekly, profile).fits) {
      const topDown = topDownForecast(p.weekly, profile, futureWeeks, { quantiles: levels, ...(options.calibration ? { calibration: options.calibration } : {}) });
      const why = weeks < ownSeasonalityWeeks ? `${weeks} weeks of history are too few` : `${meanWeekly.toFixed(1)} units a week are too few`;
      routed = {
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
    } else {
      const result = forecaster(p.weekly.values, { horizon, seasonLength, quantiles: levels });
      routed = {
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

    const column = (level: number): number[] => routed.quantiles[quantileKey(level)] ?? routed.mean;
    const ownUnits = p.cleaned.daily.baseline.reduce((a, b) => a + b, 0);
    const weekdayIndex = blendWeekdayIndex(p.cleaned.weekdayIndex, groupWeekdays.get(p.groupKey) ?? [1, 1, 1, 1, 1, 1, 1], ownUnits);
    const daily = disaggregateWeekly(futureWeeks, routed.mean, weekdayIndex);

    const promotions = { extraUnits: futureWeeks.map(() => 0), reasons: [] as string[] };
    for (const plan of upliftModel ? (options.plannedPromotions ?? []) : []) {
      if (!upliftModel || !plan.variantIds.includes(p.input.variantId)) continue;
      const [effect] = projectPromotion(plan, [{ variantId: p.input.variantId, groupId: p.groupKey, weekStarts: futureWeeks, weekly: routed.mean }], upliftModel);
      if (!effect) continue;
      effect.extraUnits.forEach((extra, w) => (promotions.extraUnits[w] = (promotions.extraUnits[w] ?? 0) + extra));
      promotions.reasons.push(effect.reason);
    }

    const explanation = explainForecast({
      source: routed.source,
      model: routed.model,
      modelLabel: routed.modelLabel,
      demandClass: routed.demandClass,
      adi: routed.adi,
      cv2: routed.cv2,
      backtest: routed.backtest,
      historyWeeks: weeks,
      historyUnits: p.weekly.values.reduce((a, b) => a + b, 0),
      mean: routed.mean,
      p10: column(0.1),
      p90: column(0.9),
      cleaning: p.cleaned.summary,
      topDown: routed.source === "top_down" ? { groupName: p.groupKey, groupHistoryWeeks: profile.historyWeeks, profileWeight: profile.weight } : null,
      analog: routed.analog
        ? {
            tier: routed.analog.tier,
            tierValue: routed.analog.tierValue,
            analogCount: routed.analog.analogVariantIds.length,
            scaleSource: routed.analog.scaleSource,
            earlyWeeks: p.cleaned.daily.flags.filter((f) => f !== "stockout").length / 7,
            isNew: weeks < newVariantWeeks,
          }
        : null,
      routeReason: routed.routeReason,
    });

    return {
      variantId: p.input.variantId,
      productId: p.input.productId,
      ...(p.input.locationId !== undefined ? { locationId: p.input.locationId } : {}),
      groupKey: p.groupKey,
      source: routed.source,
      model: routed.model,
      modelLabel: routed.modelLabel,
      demandClass: routed.demandClass,
      weekStarts: futureWeeks,
      mean: routed.mean,
      p10: column(0.1),
      p50: column(0.5),
      p90: column(0.9),
      quantiles: routed.quantiles,
      distribution: routed.distribution,
      history: { weekStarts: p.weekly.weekStarts, raw: p.rawWeekly, baseline: p.weekly.values },
      cleaning: p.cleaned.summary,
      weekdayIndex,
      daily: { dates: daily.dates, mean: daily.values },
      promotions,
      analog: routed.analog,
      routeReason: routed.routeReason,
      explanation,
    };
  });
}
