/**
 * One check's prepared state: the timeline, every series prepared once, the series grouped by
 * variant (a cap counts a variant's sales over all its locations), the other promotions' demand
 * laid in, and the scenario as planned. The check and each phasing option evaluate scenarios
 * against it, so an option is re-checked with exactly the projection that judged the plan.
 */
import { fromDayNumber, toDayNumber } from "~/engine/calendar";
import { formatDay } from "~/engine/wording";
import { checkPlan, checkSeriesInput } from "./input-checks";
import { type PreparedSeries, type Timeline, prepareSeries, prepareWithout } from "./prepared-series";
import { type VariantScenario, type VariantShape, addOtherPromotion, scenarioFor, shapeVariant } from "./promotion-shape";
import { type EffectTotals, type OutcomeDetail, simulate } from "./stock-simulation";
import type { Outcome } from "./verdict";
import type { PromotionCheckInput, PromotionPlan, PromotionVerdict } from "./types";

export interface VariantGroup {
  index: number;
  variantId: string;
  label: string;
  series: PreparedSeries[];
}

export interface PromotionContext {
  input: PromotionCheckInput;
  promotion: PromotionPlan;
  timeline: Timeline;
  series: PreparedSeries[];
  groups: VariantGroup[];
  /** Per group, the promotion as planned, and its shape (a later start without a cap reads it shifted). */
  planned: VariantScenario[];
  plannedShapes: VariantShape[];
  dip: readonly number[];
  discountPct: number;
  maxShiftDays: number;
  others: readonly PromotionPlan[];
  formatDate: (date: string) => string;
  formatMoney: (amount: number) => string;
  dateOf: (day: number) => string;
}

export interface SeriesResult {
  series: PreparedSeries;
  outcome: Outcome;
  detail: OutcomeDetail | null;
  effect: EffectTotals | null;
}

export interface GroupResult {
  group: VariantGroup;
  shape: VariantShape;
  rank: 0 | 1 | 2;
  results: SeriesResult[];
}

/** An extra arrival per series index (an order placed now). */
export type ExtraArrivals = ReadonlyMap<number, { day: number; units: number }>;

export function buildContext(input: PromotionCheckInput): PromotionContext {
  const settings = input.settings ?? {};
  const asOfDay = toDayNumber(input.asOf);
  checkPlan(input.promotion, "promotion");
  for (const other of input.otherPromotions ?? []) checkPlan(other, "other promotion");
  const seen = new Set<string>();
  for (const series of input.series) {
    checkSeriesInput(series);
    if (seen.has(series.seriesId)) throw new Error(`checkPromotion: series "${series.seriesId}" is handed in twice`);
    seen.add(series.seriesId);
  }
  const promotion = input.promotion;
  const dip = promotion.dipByWeekAfter ?? [];
  const weeksAfter = settings.weeksAfter ?? 4;
  const afterDays = Math.max(Math.round(7 * weeksAfter), 7 * dip.length);
  const maxShiftDays = settings.phasing === false ? 0 : Math.round(7 * (settings.maxShiftWeeks ?? 13));
  const ends = [promotion.end, ...(promotion.waves ?? []).map((w) => w.end)].map((date) => toDayNumber(date) - asOfDay);
  const lastEnd = Math.max(...ends);
  const days = Math.max(1, lastEnd + maxShiftDays + afterDays + 1);
  const timeline: Timeline = { asOf: input.asOf, asOfDay, days, afterDays, exactDays: Math.max(1, lastEnd + afterDays + 1) };

  const inPromotion = promotion.variantIds ? new Set(promotion.variantIds) : null;
  const series = input.series.filter((s) => !inPromotion || inPromotion.has(s.variantId)).map((s, i) => prepareSeries(timeline, s, i));
  const byVariant = new Map<string, VariantGroup>();
  for (const prepared of series) {
    let group = byVariant.get(prepared.input.variantId);
    if (!group) {
      group = { index: byVariant.size, variantId: prepared.input.variantId, label: prepared.input.variantLabel ?? prepared.input.variantId, series: [] };
      byVariant.set(group.variantId, group);
    }
    group.series.push(prepared);
  }
  const groups = [...byVariant.values()];
  for (const group of groups) {
    if (group.series.length < 2) continue;
    for (const prepared of group.series) prepared.label = `${group.label} at ${prepared.input.locationLabel ?? prepared.input.locationId ?? prepared.input.seriesId}`;
  }

  const others = input.otherPromotions ?? [];
  others.forEach((other, o) => {
    const members = other.variantIds ? new Set(other.variantIds) : null;
    for (const group of groups) {
      if (members && !members.has(group.variantId)) continue;
      addOtherPromotion(group.series, shapeVariant(group.series, scenarioFor(other, group.variantId, asOfDay), other.dipByWeekAfter ?? [], days), o);
    }
  });

  for (const prepared of series) prepareWithout(prepared);

  const planned = groups.map((group) => scenarioFor(promotion, group.variantId, asOfDay));
  const formatDate = input.formatDate ?? ((date: string) => formatDay(date, input.asOf));
  return {
    input,
    promotion,
    timeline,
    series,
    groups,
    planned,
    plannedShapes: groups.map((group) => shapeVariant(group.series, planned[group.index]!, dip, days)),
    dip,
    discountPct: promotion.discountPct ?? 0,
    maxShiftDays,
    others,
    formatDate,
    formatMoney: input.formatMoney ?? ((amount: number) => amount.toFixed(2)),
    dateOf: (day: number) => fromDayNumber(asOfDay + day),
  };
}

export interface EvaluateOptions {
  extra?: ExtraArrivals;
  detail?: boolean;
  effectUntil?: number;
  /** Stop at the first series worse than this rank (the result is then partial). */
  stopAbove?: number;
}

export function evaluateGroup(context: PromotionContext, group: VariantGroup, scenario: VariantScenario, options: EvaluateOptions = {}): GroupResult {
  const planned = context.planned[group.index]!;
  if (scenario === planned) return runGroup(context, group, context.plannedShapes[group.index]!, 0, options);
  if (scenario.shiftedFrom?.scenario === planned && planned.capLeft === null && scenario.capLeft === null && !scenario.dropped) return runGroup(context, group, context.plannedShapes[group.index]!, scenario.shiftedFrom.days, options);
  return runGroup(context, group, shapeVariant(group.series, scenario, context.dip, context.timeline.days), 0, options);
}

/** The planned promotion started `shift` days later. Without a cap that is the planned shape read later; with one, the cap falls on other days. */
export function evaluateShifted(context: PromotionContext, group: VariantGroup, shift: number, options: EvaluateOptions = {}): GroupResult {
  const planned = context.planned[group.index]!;
  if (planned.capLeft !== null) return evaluateGroup(context, group, shifted(planned, shift), options);
  return runGroup(context, group, context.plannedShapes[group.index]!, shift, options);
}

function runGroup(context: PromotionContext, group: VariantGroup, shape: VariantShape, offset: number, options: EvaluateOptions): GroupResult {
  let rank: 0 | 1 | 2 = 0;
  const results: SeriesResult[] = [];
  for (const series of group.series) {
    const run = simulate(series, shape, context.timeline, {
      extra: options.extra?.get(series.index) ?? null,
      detail: options.detail ?? false,
      ...(options.effectUntil !== undefined ? { effectUntil: options.effectUntil } : {}),
      ...(options.stopAbove !== undefined ? { stopAbove: options.stopAbove } : {}),
      offset,
      discountPct: context.discountPct,
    });
    results.push({ series, ...run });
    if (run.outcome.rank > rank) rank = run.outcome.rank;
    if (options.stopAbove !== undefined && rank > options.stopAbove) break;
  }
  return { group, shape, rank, results };
}

export function evaluateAll(context: PromotionContext, scenarios: readonly VariantScenario[], options: EvaluateOptions = {}): GroupResult[] {
  return context.groups.map((group) => evaluateGroup(context, group, scenarios[group.index]!, options));
}

/** A scenario moved later by `shift` days. */
export function shifted(scenario: VariantScenario, shift: number): VariantScenario {
  if (shift === 0) return scenario;
  return { ...scenario, spans: scenario.spans.map(([from, to]) => [from + shift, to + shift] as const), shiftedFrom: { scenario, days: shift } };
}

export function maxRank(results: readonly GroupResult[]): 0 | 1 | 2 {
  return results.reduce<0 | 1 | 2>((worst, r) => (r.rank > worst ? r.rank : worst), 0);
}

export const VERDICTS = ["supportable", "at_risk", "not_supportable"] as const;

export function countVerdicts(results: readonly GroupResult[]): Record<PromotionVerdict, number> {
  const counts: Record<PromotionVerdict, number> = { supportable: 0, at_risk: 0, not_supportable: 0 };
  // Variants left out, or with no promotion days left, have nothing to carry.
  for (const result of results) if (result.shape.first !== null) counts[VERDICTS[result.rank]]++;
  return counts;
}
