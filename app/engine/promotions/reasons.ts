/**
 * How the promotion check explains itself: a sentence per series, per promotion and per figure,
 * written from the same outcome the verdict came from.
 */
import { formatUnits } from "~/engine/forecast/explain";
import type { GroupResult, PromotionContext, SeriesResult } from "./context";
import type { VariantShape } from "./promotion-shape";
import type { EffectTotals } from "./stock-simulation";
import { SHORT_TOLERANCE_UNITS } from "./verdict";
import type { PlanEffect, PromotionVerdict, Shortfall, StarvedDemand } from "./types";

export function formatLift(lift: number): string {
  return `×${Math.round(lift * 10) / 10}`;
}

export function plural(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** "A", "A and B", "A, B and C", "A, B, C and 4 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= max) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

function stockText(context: PromotionContext, result: SeriesResult): string {
  const { series, outcome } = result;
  const parts = [`${formatUnits(Math.max(0, series.input.available))} on hand`];
  const arrivals = series.arrivalList.filter((a) => a.day <= outcome.windowEnd);
  if (arrivals.length === 0) parts.push("nothing inbound in time");
  for (const arrival of arrivals.slice(0, 2)) parts.push(`${formatUnits(arrival.units)} arriving ${context.formatDate(arrival.date)} (${arrival.label})`);
  if (arrivals.length > 2) parts.push(`${arrivals.length - 2} more arrivals`);
  return parts.join(", ");
}

function whenInPromotion(day: number, shape: VariantShape): string {
  if (shape.first === null || shape.last === null) return "";
  if (shape.cover[day]! > 0) return `day ${day - shape.first + 1} of the promotion`;
  if (day > shape.last) return day - shape.last === 1 ? "the day after it ends" : `${day - shape.last} days after it ends`;
  return "after the discount ends";
}

export function starvedList(context: PromotionContext, starved: Map<number, { units: number; from: number; to: number }> | undefined): StarvedDemand[] {
  if (!starved) return [];
  const list: StarvedDemand[] = [];
  for (const [owner, entry] of starved) {
    if (entry.units < 0.05) continue;
    const other = owner >= 0 ? context.others[owner] : undefined;
    list.push({
      kind: other ? "promotion" : "baseline",
      promotionId: other?.id ?? null,
      name: other?.name ?? "baseline demand",
      units: entry.units,
      from: context.dateOf(entry.from),
      to: context.dateOf(entry.to),
    });
  }
  return list.sort((a, b) => b.units - a.units);
}

function starvedText(context: PromotionContext, starves: readonly StarvedDemand[]): string {
  if (starves.length === 0) return "";
  const parts = starves.map((s) =>
    s.kind === "promotion"
      ? `${formatUnits(s.units)} of ${s.name}`
      : `${formatUnits(s.units)} of the baseline demand of ${context.formatDate(s.from)}${s.to === s.from ? "" : `–${context.formatDate(s.to)}`}`,
  );
  return `; it leaves ${listNames(parts, 4)} unserved`;
}

export function shortfallOf(context: PromotionContext, result: SeriesResult, shape: VariantShape, path: "expected" | "high"): Shortfall | null {
  const { outcome, series } = result;
  const units = path === "expected" ? outcome.unitsShort : outcome.unitsShortHigh;
  if (units < SHORT_TOLERANCE_UNITS) return null;
  const day = path === "expected" ? outcome.firstShortDay : outcome.firstShortHighDay;
  const revenue = series.input.unitPrice === null ? null : path === "expected" ? outcome.revenueLost : outcome.revenueLostHigh;
  const starves = starvedList(context, path === "expected" ? result.detail?.starved : result.detail?.starvedHigh);
  const when = whenInPromotion(day, shape);
  const money = revenue === null ? "" : `, ${context.formatMoney(revenue)} of sales lost`;
  return {
    firstShortDate: context.dateOf(day),
    unitsShort: units,
    revenueLost: revenue,
    starves,
    reason: `${formatUnits(units)} short from ${context.formatDate(context.dateOf(day))}${when ? ` (${when})` : ""}${money}${starvedText(context, starves)}.`,
  };
}

export function seriesReason(
  context: PromotionContext,
  result: SeriesResult,
  shape: VariantShape,
  expected: Shortfall | null,
  high: Shortfall | null,
  forward: { date: string; from: string | null; orderBy: string } | null,
): string {
  const { outcome, series } = result;
  if (shape.first === null || shape.last === null) return "No promotion days from the check date on.";
  const promotionDays = shape.cover.reduce((a, b) => a + (b > 0 ? 1 : 0), 0);
  const expectedText = `${formatUnits(outcome.promotionUnits)} expected over ${plural(promotionDays, "promotion day")} at ${formatLift(shape.lift)}`;
  const forwardText = forward
    ? `; it brings the next stockout forward to ${context.formatDate(forward.date)}${forward.from ? ` (from ${context.formatDate(forward.from)})` : ""}, so order by ${context.formatDate(forward.orderBy)}`
    : "";
  if (outcome.rank === 2 && expected) {
    const when = whenInPromotion(outcome.firstShortDay, shape);
    const money = expected.revenueLost === null ? "" : `, ${context.formatMoney(expected.revenueLost)} of sales lost`;
    return `Short from ${context.formatDate(expected.firstShortDate)}${when ? ` (${when})` : ""}: ${formatUnits(expected.unitsShort)} units short${money}; ${stockText(context, result)} against ${expectedText}${starvedText(context, expected.starves)}${forwardText}.`;
  }
  if (outcome.rank === 1) {
    const risks: string[] = [];
    if (high) risks.push(`if demand comes in at the ${Math.round(series.input.serviceLevel * 1000) / 10}% level it runs ${formatUnits(high.unitsShort)} short from ${context.formatDate(high.firstShortDate)}`);
    if (outcome.belowSafetyDay >= 0) {
      risks.push(`stock falls to ${formatUnits(outcome.lowestStock)} on ${context.formatDate(context.dateOf(outcome.lowestDay))}, under the safety stock of ${formatUnits(series.input.safetyStock)}`);
    }
    return `Carries the expected ${formatUnits(outcome.promotionUnits)}, but ${risks.join(", and ")}; ${stockText(context, result)}${forwardText}.`;
  }
  const lowest = Number.isFinite(outcome.lowestStock) ? `, stock stays at ${formatUnits(outcome.lowestStock)} or more` : "";
  return `Carries it: ${expectedText}${lowest}; ${stockText(context, result)}${forwardText}.`;
}

export function verdictWord(verdict: PromotionVerdict): string {
  return verdict === "supportable" ? "Supportable" : verdict === "at_risk" ? "At risk" : "Not supportable";
}

/** The whole promotion's sentence: how many variants fall short, and the first of them. */
export function promotionReason(context: PromotionContext, results: readonly GroupResult[], counts: Record<PromotionVerdict, number>, unitsShort: number): string {
  if (results.length === 0) return "No variants to check: the promotion has no variant stocked where its channel sells.";
  // Variants left out or past their days are not part of what it has to carry.
  const total = results.filter((r) => r.shape.first !== null).length;
  if (total === 0) return "Nothing to carry: the promotion has no days left from the check date on.";
  const worstDay = (r: GroupResult, rank: number) =>
    Math.min(...r.results.filter((s) => s.outcome.rank === rank).map((s) => (rank === 2 ? s.outcome.firstShortDay : Math.max(0, Math.min(...[s.outcome.firstShortHighDay, s.outcome.belowSafetyDay].filter((d) => d >= 0))))));
  const named = (rank: number) =>
    results
      .filter((r) => r.rank === rank)
      .map((r) => ({ r, day: worstDay(r, rank) }))
      .sort((a, b) => a.day - b.day)
      .map(({ r, day }) => `${r.group.label} from ${context.formatDate(context.dateOf(day))}`);
  if (counts.not_supportable > 0) {
    const risk = counts.at_risk > 0 ? `; ${counts.at_risk} more at risk` : "";
    return `Not supportable: ${counts.not_supportable} of ${plural(total, "variant")} ${counts.not_supportable === 1 ? "runs" : "run"} short on the expected path (${listNames(named(2))}), ${formatUnits(unitsShort)} units short${risk}.`;
  }
  if (counts.at_risk > 0) {
    return `At risk: ${counts.at_risk} of ${plural(total, "variant")} ${counts.at_risk === 1 ? "carries" : "carry"} the expected demand but not a high-demand outcome or their safety stock (${listNames(named(1))}).`;
  }
  return `Supportable: ${total === 1 ? "its variant carries" : `all ${total} variants carry`} it on the expected and the high-demand path, without touching safety stock.`;
}

/** Sales, revenue, stockout days and leftover over the comparison window, against the plan as entered when given. */
export function effectOf(context: PromotionContext, totals: EffectTotals, until: number, hasPrices: boolean, against: EffectTotals | null): PlanEffect {
  const from = context.dateOf(0);
  const to = context.dateOf(until);
  const span = `${context.formatDate(from)}–${context.formatDate(to)}`;
  const delta = (value: number, base: number | undefined, format: (v: number) => string): string => {
    if (base === undefined) return "";
    const change = value - base;
    if (Math.abs(change) < 0.5) return ", the same as the plan as entered";
    return `, ${change > 0 ? "+" : "−"}${format(Math.abs(change))} against the plan as entered`;
  };
  return {
    from,
    to,
    unitsSold: { value: totals.unitsSold, reason: `${formatUnits(totals.unitsSold)} units sold ${span}${delta(totals.unitsSold, against?.unitsSold, formatUnits)}.` },
    revenue: hasPrices
      ? { value: totals.revenue, reason: `${context.formatMoney(totals.revenue)} of sales ${span}${delta(totals.revenue, against?.revenue, context.formatMoney)}.` }
      : null,
    stockoutDays: {
      value: totals.stockoutDays,
      reason: totals.stockoutDays === 0 ? `No variant out of stock ${span}.` : `${plural(totals.stockoutDays, "variant-day")} with demand unserved ${span}${delta(totals.stockoutDays, against?.stockoutDays, String)}.`,
    },
    leftoverUnits: { value: totals.leftover, reason: `${formatUnits(totals.leftover)} units left on ${context.formatDate(to)}${delta(totals.leftover, against?.leftover, formatUnits)}.` },
  };
}
