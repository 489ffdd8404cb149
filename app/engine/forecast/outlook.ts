/**
 * The per-variant demand pipeline: clean history, pick a route, forecast, explain.
 *
 * History runs from the variant's launch (or the data window start) to the end of the last
 * complete week before `asOf` (./outlook-history); the route and its forecast are chosen in
 * ./outlook-routes. Forecast week 1 is the week holding `asOf`, forecast as a whole week; use
 * the daily split to drop its elapsed days.
 */
import type { AnalogCandidate } from "./new-variant";
import { explainForecast, type ForecastExplanation } from "./explain";
import { keptCleaning, type PreparedVariant, prepareVariant, withInferredWindows } from "./outlook-history";
import { blendWeekdayIndex, disaggregateWeekly, pooledWeekdayIndex } from "./outlook-daily";
import { type RoutedForecast, routeForecast } from "./outlook-routes";
import { DEFAULT_GROUP_KEY, type OutlookSettings, outlookSettings } from "./outlook-settings";
import type { DemandOutlookOptions, VariantDemandInput, VariantOutlook } from "./outlook-types";
import { FLAT_PROFILE, type SeasonalProfile, buildGroupProfile } from "./top-down";
import { type PromoEvent, type UpliftModel, estimateUplift, extractPromoEvents } from "./uplift";
import { type PlannedPromotion, projectPromotion } from "./uplift-projection";
import { quantileKey } from "./weekly-count-quantiles";
import { weeklyQuantiles } from "./distribution-build";
import { learnOutlookCalibration } from "./outlook-calibration";
import { calibrationFor, calibrationReason, recalibrated, type ShopCalibration } from "./shop-calibration";

export type { DemandOutlookOptions, Forecaster, VariantDemandInput, VariantOutlook } from "./outlook-types";

/** What a group's variants share: their seasonal profile and weekday index. */
interface GroupPatterns {
  profiles: Map<string, SeasonalProfile>;
  weekdays: Map<string, number[]>;
}

/** What every variant's outlook is built against, worked out once for all of them. */
interface OutlookContext {
  settings: OutlookSettings;
  groups: GroupPatterns;
  analogPool: AnalogCandidate[];
  plannedPromotions: readonly PlannedPromotion[];
  upliftModel: UpliftModel | null;
  calibration: ShopCalibration | null;
}

export function buildDemandOutlook(inputs: readonly VariantDemandInput[], options: DemandOutlookOptions): VariantOutlook[] {
  const settings = outlookSettings(options);
  const groupKeyOf = options.groupKey ?? DEFAULT_GROUP_KEY;
  const withWindows = options.inferPromoWindows === false ? inputs : withInferredWindows(inputs);
  const wantsEvents = (options.plannedPromotions && options.plannedPromotions.length > 0) || options.onPromoEvents !== undefined;
  const promoEvents: PromoEvent[] = [];
  // Each variant's promotion events are read from its full cleaning, then only what the outlook needs is kept.
  const prepared = withWindows.map((input) => {
    const full = prepareVariant(input, settings, groupKeyOf(input));
    if (wantsEvents) promoEvents.push(...extractPromoEvents(full.cleaned, { variantId: full.input.variantId, groupId: full.groupKey, price: full.input.price, promoWindows: full.input.promoWindows }));
    return keptCleaning(full);
  });
  const context: OutlookContext = {
    settings,
    groups: groupPatterns(prepared),
    analogPool: analogPool(prepared, settings.newVariantWeeks),
    plannedPromotions: options.plannedPromotions ?? [],
    upliftModel: learnUplift(promoEvents, options),
    calibration: null,
  };
  let learning: { seconds: number } | null = null;
  if (options.shopCalibration !== undefined) context.calibration = options.shopCalibration;
  else if (options.learnCalibration !== false) {
    const started = performance.now();
    const learned = learnOutlookCalibration(prepared, settings);
    learning = { seconds: (performance.now() - started) / 1000 };
    context.calibration = learned.calibration;
    options.onBacktests?.(learned.backtests);
  }
  options.onCalibration?.(context.calibration, learning);
  return prepared.map((p) => variantOutlook(p, context));
}

function groupPatterns(prepared: readonly PreparedVariant[]): GroupPatterns {
  const byGroup = new Map<string, PreparedVariant[]>();
  for (const p of prepared) {
    const members = byGroup.get(p.groupKey);
    if (members) members.push(p);
    else byGroup.set(p.groupKey, [p]);
  }
  const profiles = new Map<string, SeasonalProfile>();
  const weekdays = new Map<string, number[]>();
  for (const [key, members] of byGroup) {
    profiles.set(key, buildGroupProfile(members.map((m) => m.weekly)));
    weekdays.set(key, pooledWeekdayIndex(members.map((m) => m.cleaned)));
  }
  return { profiles, weekdays };
}

/** Variants with enough in-stock weeks to stand in for new ones. */
function analogPool(prepared: readonly PreparedVariant[], newVariantWeeks: number): AnalogCandidate[] {
  return prepared.filter((p) => p.inStockWeeks >= newVariantWeeks).map((p) => ({ ...p.input, history: p.weekly, launchObserved: p.launchObserved }));
}

/** Past promotion events in the cleaned histories, handed to `onPromoEvents`; the uplift model when promotions are planned. */
function learnUplift(promoEvents: PromoEvent[], options: DemandOutlookOptions): UpliftModel | null {
  options.onPromoEvents?.(promoEvents);
  return options.plannedPromotions && options.plannedPromotions.length > 0 ? estimateUplift(promoEvents) : null;
}

function variantOutlook(p: PreparedVariant, context: OutlookContext): VariantOutlook {
  const { settings } = context;
  const profile = context.groups.profiles.get(p.groupKey) ?? FLAT_PROFILE;
  const routed = calibratedRoute(routeForecast(p, profile, context.analogPool, settings), context);
  const column = quantileColumn(routed);
  const ownUnits = p.cleaned.daily.baseline.reduce((a, b) => a + b, 0);
  const weekdayIndex = blendWeekdayIndex(p.cleaned.weekdayIndex, context.groups.weekdays.get(p.groupKey) ?? [1, 1, 1, 1, 1, 1, 1], ownUnits);
  const daily = disaggregateWeekly(settings.futureWeeks, routed.mean, weekdayIndex);
  return {
    variantId: p.input.variantId,
    productId: p.input.productId,
    ...(p.input.locationId !== undefined ? { locationId: p.input.locationId } : {}),
    groupKey: p.groupKey,
    source: routed.source,
    model: routed.model,
    modelLabel: routed.modelLabel,
    demandClass: routed.demandClass,
    weekStarts: settings.futureWeeks,
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
    promotions: plannedPromotionUnits(p, routed.mean, context),
    analog: routed.analog,
    routeReason: routed.routeReason,
    explanation: explainRoute(p, routed, profile, settings.newVariantWeeks),
  };
}

/** The route's forecast read through the shop's learned calibration (new variants' analogs keep their own). */
function calibratedRoute(routed: RoutedForecast, context: OutlookContext): RoutedForecast & { calibrationReason?: string } {
  const shop = context.calibration;
  if (!shop || routed.source === "analog") return routed;
  const calibration = calibrationFor(shop, routed.source, routed.demandClass);
  if (!calibration) return routed;
  const distribution = recalibrated(routed.distribution, calibration);
  return { ...routed, distribution, quantiles: weeklyQuantiles(distribution, context.settings.levels), calibrationReason: calibrationReason(calibration, shop.originsWeeksAgo) };
}

/** A quantile's weekly figures; the mean where the route did not produce that level. */
function quantileColumn(routed: RoutedForecast): (level: number) => number[] {
  return (level) => routed.quantiles[quantileKey(level)] ?? routed.mean;
}

/** Extra units per forecast week from the planned promotions that include this variant. */
function plannedPromotionUnits(p: PreparedVariant, mean: number[], context: OutlookContext): VariantOutlook["promotions"] {
  const { futureWeeks } = context.settings;
  const upliftModel = context.upliftModel;
  const promotions = { extraUnits: futureWeeks.map(() => 0), reasons: [] as string[] };
  if (!upliftModel) return promotions;
  for (const plan of context.plannedPromotions) {
    if (!plan.variantIds.includes(p.input.variantId)) continue;
    const [effect] = projectPromotion(plan, [{ variantId: p.input.variantId, groupId: p.groupKey, weekStarts: futureWeeks, weekly: mean }], upliftModel);
    if (!effect) continue;
    effect.extraUnits.forEach((extra, w) => (promotions.extraUnits[w] = (promotions.extraUnits[w] ?? 0) + extra));
    promotions.reasons.push(effect.reason);
  }
  return promotions;
}

function explainRoute(p: PreparedVariant, routed: RoutedForecast & { calibrationReason?: string }, profile: SeasonalProfile, newVariantWeeks: number): ForecastExplanation {
  const column = quantileColumn(routed);
  const weeks = p.weekly.values.length;
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
  return routed.calibrationReason ? { ...explanation, reasons: [...explanation.reasons, routed.calibrationReason] } : explanation;
}
