/**
 * The supportability check: can stock on hand plus dated inbound carry this promotion, variant
 * by variant and location by location, with the other planned promotions taking their share?
 *
 * A series is `not_supportable` when the expected path leaves half a unit or more unserved on the
 * promotion's days, or starves the weeks after (demand that would have been served without it);
 * `at_risk` when only the high-demand path (the service-level quantile of the forecast, its margin
 * scaled by the lift) falls short, or when a promotion day ends under the safety stock; otherwise
 * `supportable`. A variant takes its worst location, the promotion its worst variant. When it is
 * not supportable, phasing options are proposed, each re-checked with the same projection.
 */
import { formatUnits } from "~/engine/forecast/explain";
import { type ExtraArrivals, type GroupResult, type PromotionContext, VERDICTS, buildContext, countVerdicts, evaluateAll, evaluateGroup } from "./context";
import type { VariantScenario } from "./promotion-shape";
import type { EffectTotals } from "./stock-simulation";
import { SHORT_TOLERANCE_UNITS } from "./verdict";
import { proposePhasing, RANKING } from "./phasing";
import { effectOf, promotionReason, seriesReason, shortfallOf } from "./reasons";
import type { PromotionCheck, PromotionCheckInput, PromotionVerdict, SeriesCheck, VariantCheck } from "./types";

function worstVerdict(results: readonly GroupResult[]): PromotionVerdict {
  return VERDICTS[results.reduce((worst, r) => Math.max(worst, r.rank), 0)]!;
}

export function seriesChecks(context: PromotionContext, results: readonly GroupResult[], daily: boolean): SeriesCheck[] {
  const checks: SeriesCheck[] = [];
  for (const { shape, results: runs } of results) {
    for (const run of runs) {
      const { series, outcome } = run;
      const expected = shortfallOf(context, run, shape, "expected");
      const high = shortfallOf(context, run, shape, "high");
      const forward =
        outcome.forwardUnits >= SHORT_TOLERANCE_UNITS
          ? {
              date: context.dateOf(outcome.forwardDay),
              from: outcome.forwardFromDay >= 0 ? context.dateOf(outcome.forwardFromDay) : null,
              units: outcome.forwardUnits,
              orderBy: context.dateOf(Math.max(0, outcome.forwardDay - Math.round(series.input.leadTimeDays))),
            }
          : null;
      const check: SeriesCheck = {
        seriesId: series.input.seriesId,
        variantId: series.input.variantId,
        locationId: series.input.locationId ?? null,
        label: series.label,
        verdict: VERDICTS[outcome.rank],
        reason: seriesReason(context, run, shape, expected, high, forward),
        promotionDays: shape.first === null || shape.last === null ? null : { start: context.dateOf(shape.first), end: context.dateOf(shape.last) },
        promotionUnits: outcome.promotionUnits,
        extraUnits: outcome.extraUnits,
        expected,
        high,
        stockoutBroughtForward: forward,
        lowestStock: outcome.lowestDay >= 0 ? { date: context.dateOf(outcome.lowestDay), units: outcome.lowestStock, safetyStock: series.input.safetyStock } : null,
      };
      if (daily && run.detail) check.daily = { from: context.dateOf(0), expected: Array.from(run.detail.stock), high: Array.from(run.detail.stockHigh) };
      checks.push(check);
    }
  }
  return checks;
}

/** Summed sales, revenue, stockout days and leftover of a scenario over days 0..until. */
export function scenarioEffect(context: PromotionContext, scenarios: readonly VariantScenario[], until: number, extra?: ExtraArrivals): EffectTotals {
  const totals: EffectTotals = { unitsSold: 0, revenue: 0, stockoutDays: 0, leftover: 0 };
  for (const group of context.groups) {
    const result = evaluateGroup(context, group, scenarios[group.index]!, { effectUntil: until, ...(extra ? { extra } : {}) });
    for (const run of result.results) {
      totals.unitsSold += run.effect!.unitsSold;
      totals.revenue += run.effect!.revenue;
      totals.stockoutDays += run.effect!.stockoutDays;
      totals.leftover += run.effect!.leftover;
    }
  }
  return totals;
}

export function windowEndOf(results: readonly GroupResult[]): number {
  let end = 0;
  for (const result of results) for (const run of result.results) end = Math.max(end, run.outcome.windowEnd);
  return end;
}

/** Checks one promotion against stock and inbound; proposes ranked phasing options when it falls short. */
export function checkPromotion(input: PromotionCheckInput): PromotionCheck {
  const context = buildContext(input);
  const results = evaluateAll(context, context.planned, { detail: true });
  const verdict = worstVerdict(results);
  const counts = countVerdicts(results);
  const series = seriesChecks(context, results, input.settings?.daily ?? false);
  const variants: VariantCheck[] = results.map((r) => ({ variantId: r.group.variantId, label: r.group.label, verdict: VERDICTS[r.rank], seriesIds: r.group.series.map((s) => s.input.seriesId) }));
  const unitsShort = series.reduce((a, s) => a + (s.expected?.unitsShort ?? 0), 0);
  const unitsShortHigh = series.reduce((a, s) => a + (s.high?.unitsShort ?? 0), 0);
  const hasPrices = context.series.some((s) => s.input.unitPrice !== null);
  const revenueLost = series.reduce((a, s) => a + (s.expected?.revenueLost ?? 0), 0);

  const phasing = input.settings?.phasing !== false && verdict !== "supportable" ? proposePhasing(context, results) : [];
  const until = Math.max(windowEndOf(results), ...phasing.map((p) => p.windowEnd));
  const planEffect = scenarioEffect(context, context.planned, until);
  const options = phasing.map((p) => ({ ...p, effectTotals: scenarioEffect(context, p.scenarios, until, p.extra) }));
  const ranked = rankOptions(options, hasPrices).map((p, i) => ({
    rank: i + 1,
    kind: p.kind,
    description: p.description,
    verdictAfter: VERDICTS[p.rank],
    reason: p.reason,
    change: p.change,
    effect: effectOf(context, p.effectTotals, until, hasPrices, planEffect),
    changes: p.changes,
    counts: p.counts,
  }));

  return {
    promotionId: input.promotion.id,
    asOf: input.asOf,
    verdict,
    reason: promotionReason(context, results, counts, unitsShort),
    counts,
    variants,
    series,
    unitsShort: {
      value: unitsShort,
      reason:
        unitsShort === 0 && unitsShortHigh === 0
          ? "No demand left unserved on the expected or the high-demand path."
          : `${formatUnits(unitsShort)} units short on the expected path, ${formatUnits(unitsShortHigh)} if demand comes in high.`,
    },
    revenueLost: hasPrices ? { value: revenueLost, reason: revenueLost > 0 ? `${context.formatMoney(revenueLost)} of sales lost on the expected path.` : "No sales lost on the expected path." } : null,
    effect: effectOf(context, planEffect, until, hasPrices, null),
    options: ranked,
    ranking: RANKING,
  };
}

interface Rankable {
  rank: 0 | 1 | 2;
  changes: number;
  cost: number;
  order: number;
  effectTotals: EffectTotals;
}

/** Best verdict after first, then sales kept (revenue, or units without prices, to within 0.5%), then fewest changes, then least money spent. */
function rankOptions<T extends Rankable>(options: readonly T[], hasPrices: boolean): T[] {
  const kept = (o: T) => (hasPrices ? o.effectTotals.revenue : o.effectTotals.unitsSold);
  const best = Math.max(1e-9, ...options.map(kept));
  const bucket = (o: T) => Math.round(kept(o) / (0.005 * best));
  return [...options].sort((a, b) => a.rank - b.rank || bucket(b) - bucket(a) || a.changes - b.changes || a.cost - b.cost || a.order - b.order);
}
