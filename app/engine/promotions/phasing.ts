/**
 * Phasing options for a promotion stock cannot carry, each re-checked with the check's own
 * projection: start later (after inbound arrives), run the short variants in later waves, cap
 * units per variant, leave out the variants that cannot be carried, or order more now (case packs
 * and MOQ as reorder proposals round them). An option is offered only when it improves the plan.
 */
import { toDayNumber } from "~/engine/calendar";
import { formatUnits } from "~/engine/forecast/explain";
import { roundOrderQuantity } from "~/engine/proposals";
import {
  type ExtraArrivals,
  type GroupResult,
  type PromotionContext,
  VERDICTS,
  countVerdicts,
  evaluateAll,
  evaluateGroup,
  evaluateShifted,
  maxRank,
  shifted,
} from "./context";
import type { VariantScenario } from "./promotion-shape";
import { simulate } from "./stock-simulation";
import { SHORT_TOLERANCE_UNITS, troubleDay } from "./verdict";
import { listNames, plural, promotionReason } from "./reasons";
import type { OrderLine, PhasingChange, PhasingKind, PromotionVerdict } from "./types";

export const RANKING =
  "Options are ranked by the verdict after them (supportable first), then by the sales they keep over the same window (revenue, or units without prices; within 0.5% is a tie), then by the fewest changes to make, then by the least money spent on new orders.";

export interface PhasingCandidate {
  kind: PhasingKind;
  description: string;
  rank: 0 | 1 | 2;
  reason: string;
  change: PhasingChange;
  scenarios: VariantScenario[];
  extra?: ExtraArrivals;
  windowEnd: number;
  changes: number;
  cost: number;
  counts: Record<PromotionVerdict, number>;
  unitsShort: number;
  /** Tie-break between kinds: the simpler change first. */
  order: number;
}

const MAX_LATER_WAVES = 3;
const KIND_ORDER: Record<PhasingKind, number> = { move_start: 0, cap: 1, drop_variants: 2, waves: 3, order_more: 4 };

function recheck(context: PromotionContext, scenarios: readonly VariantScenario[], extra?: ExtraArrivals) {
  const results = evaluateAll(context, scenarios, extra ? { extra } : {});
  const counts = countVerdicts(results);
  const unitsShort = results.reduce((a, r) => a + r.results.reduce((b, s) => b + (s.outcome.unitsShort >= SHORT_TOLERANCE_UNITS ? s.outcome.unitsShort : 0), 0), 0);
  let windowEnd = 0;
  for (const r of results) for (const s of r.results) windowEnd = Math.max(windowEnd, s.outcome.windowEnd);
  return { results, rank: maxRank(results), counts, unitsShort, reason: promotionReason(context, results, counts, unitsShort), windowEnd };
}

function candidate(
  context: PromotionContext,
  kind: PhasingKind,
  description: string,
  change: PhasingChange,
  scenarios: VariantScenario[],
  changes: number,
  cost = 0,
  extra?: ExtraArrivals,
): PhasingCandidate {
  const after = recheck(context, scenarios, extra);
  return {
    kind,
    description,
    rank: after.rank,
    reason: after.reason,
    change,
    scenarios,
    ...(extra ? { extra } : {}),
    windowEnd: after.windowEnd,
    changes,
    cost,
    counts: after.counts,
    unitsShort: after.unitsShort,
    order: KIND_ORDER[kind],
  };
}

const shortFirst = (results: readonly GroupResult[]) => [...results].sort((a, b) => b.rank - a.rank);

/** Labels of the arrivals of short series landing between two days: what a later start waits for. */
function arrivalsBetween(results: readonly GroupResult[], from: number, to: number): string[] {
  const labels = new Map<string, number>();
  for (const r of results) {
    if (r.rank === 0) continue;
    for (const s of r.results) {
      if (s.outcome.rank === 0) continue;
      for (const a of s.series.arrivalList) if (a.day >= from && a.day <= to) labels.set(a.label, Math.max(labels.get(a.label) ?? -1, a.day));
    }
  }
  return [...labels.entries()].sort((a, b) => b[1] - a[1]).map(([label]) => label);
}

/**
 * Whether starting later could help a short variant at all: only new stock arriving, another
 * promotion it would no longer overlap, or a shortfall after its days that a later end would put
 * beyond the lead time. Without any of these, stock only drains, and later is worse.
 */
function laterStartCanHelp(result: GroupResult): boolean {
  const first = result.shape.first;
  if (first === null) return false;
  return result.results.some(({ series, outcome }) => {
    if (outcome.rank === 0) return false;
    if (series.arrivalList.some((a) => a.day > first)) return true;
    if (series.otherOwner.some((o) => o >= 0) || series.other.some((v) => v !== 0)) return true;
    const last = result.shape.last!;
    return outcome.firstShortDay > last && outcome.firstShortDay < Math.round(series.input.leadTimeDays);
  });
}

/** The earliest later start at which every variant carries it (or, failing that, at least none is short). */
function moveStart(context: PromotionContext, results: readonly GroupResult[]): PhasingCandidate | null {
  const live = context.planned.some((s) => s.spans.some(([from]) => from < 0));
  if (live || context.maxShiftDays < 1) return null;
  const current = maxRank(results);
  // Variants a later start cannot help keep their verdict: no start does better than the worst of them.
  const goal = results.reduce((worst, r) => (r.rank > 0 && !laterStartCanHelp(r) ? Math.max(worst, r.rank) : worst), 0);
  if (goal >= current) return null;
  const order = shortFirst(results);
  let fallback: number | null = null;
  let found: number | null = null;
  for (let k = 1; k <= context.maxShiftDays && found === null; k++) {
    const allowed = fallback === null && current === 2 && goal === 0 ? 1 : goal;
    let worst = 0;
    for (const r of order) {
      const rank = evaluateShifted(context, r.group, k, { stopAbove: allowed }).rank;
      worst = Math.max(worst, rank);
      if (worst > allowed) break;
    }
    if (worst <= goal) found = k;
    else if (worst === 1 && fallback === null) fallback = k;
  }
  const shift = found ?? fallback;
  if (shift === null) return null;
  const promotion = context.promotion;
  const start = context.dateOf(toIndex(context, promotion.start) + shift);
  const end = context.dateOf(toIndex(context, promotion.end) + shift);
  const waiting = arrivalsBetween(results, toIndex(context, promotion.start), toIndex(context, promotion.end) + shift);
  const after = waiting.length > 0 ? `, once ${listNames(waiting, 2)} ${waiting.length === 1 ? "arrives" : "arrive"}` : "";
  const description = `Start on ${context.formatDate(start)} instead of ${context.formatDate(promotion.start)} (to ${context.formatDate(end)})${after}.`;
  return candidate(context, "move_start", description, { kind: "move_start", start, end, shiftDays: shift }, context.planned.map((s) => shifted(s, shift)), 1);
}

function toIndex(context: PromotionContext, date: string): number {
  return toDayNumber(date) - context.timeline.asOfDay;
}

/** The earliest shift that makes one variant carry it, or at least improves it; null when none does. */
function variantShift(context: PromotionContext, result: GroupResult): { shift: number; rank: number } | null {
  let fallback: { shift: number; rank: number } | null = null;
  for (let k = 1; k <= context.maxShiftDays; k++) {
    const rank: number = evaluateShifted(context, result.group, k, { stopAbove: fallback ? 0 : result.rank - 1 }).rank;
    if (rank === 0) return { shift: k, rank };
    if (rank < result.rank && !fallback) fallback = { shift: k, rank };
  }
  return fallback;
}

/** Variants that fall short move to later waves (grouped when their starts lie within a week); the rest keep the dates. */
function waves(context: PromotionContext, results: readonly GroupResult[]): PhasingCandidate | null {
  const live = context.planned.some((s) => s.spans.some(([from]) => from < 0));
  if (live || context.maxShiftDays < 1) return null;
  const needs = results
    .filter((r) => r.rank > 0 && laterStartCanHelp(r))
    .map((r) => ({ r, need: variantShift(context, r) }))
    .filter((x): x is { r: GroupResult; need: { shift: number; rank: number } } => x.need !== null)
    .sort((a, b) => a.need.shift - b.need.shift);
  if (needs.length === 0) return null;
  // Starts within a week of each other share a wave (the latest of them); wider, when that makes
  // more than three later waves, so the merchant sets up few discounts.
  const clusters = (width: number): { from: number; to: number }[] => {
    const list: { from: number; to: number }[] = [];
    let i = 0;
    while (i < needs.length) {
      let j = i;
      while (j + 1 < needs.length && needs[j + 1]!.need.shift <= needs[i]!.need.shift + width) j++;
      list.push({ from: i, to: j });
      i = j + 1;
    }
    return list;
  };
  let width = 7;
  while (clusters(width).length > MAX_LATER_WAVES) width += 7;
  const shiftOf = new Map<number, number>();
  for (const { from, to } of clusters(width)) {
    const wave = needs[to]!.need.shift;
    for (let m = from; m <= to; m++) {
      const { r, need } = needs[m]!;
      // A variant worse off at the wave's later start keeps its own.
      const rank = m === to ? need.rank : evaluateShifted(context, r.group, wave, { stopAbove: need.rank }).rank;
      shiftOf.set(r.group.index, rank <= need.rank ? wave : need.shift);
    }
  }
  const inPromotion = results.filter((r) => r.shape.first !== null);
  const shifts = new Set(inPromotion.map((r) => shiftOf.get(r.group.index) ?? 0));
  if (!shifts.has(0) && shifts.size === 1) return null; // everyone moves together: that is move_start
  const scenarios = context.planned.map((s, g) => shifted(s, shiftOf.get(g) ?? 0));
  const spans = new Map<string, { from: number; to: number; variantIds: string[] }>();
  for (const r of inPromotion) {
    for (const [from, to] of scenarios[r.group.index]!.spans) {
      const key = `${from}:${to}`;
      const wave = spans.get(key) ?? { from, to, variantIds: [] };
      wave.variantIds.push(r.group.variantId);
      spans.set(key, wave);
    }
  }
  const list = [...spans.values()].sort((a, b) => a.from - b.from);
  const moved = inPromotion.filter((r) => (shiftOf.get(r.group.index) ?? 0) > 0);
  const stay = inPromotion.length - moved.length;
  const later = [...new Set(moved.map((r) => shiftOf.get(r.group.index)!))].sort((a, b) => a - b);
  const firstStart = toIndex(context, context.promotion.start);
  const laterText =
    later.length === 1
      ? `in a second wave from ${context.formatDate(context.dateOf(firstStart + later[0]!))} to ${context.formatDate(context.dateOf(toIndex(context, context.promotion.end) + later[0]!))}`
      : `in ${later.length} later waves from ${listNames(later.map((k) => context.formatDate(context.dateOf(firstStart + k))), 3)}`;
  const description = `Run ${plural(stay, "variant")} from ${context.formatDate(context.promotion.start)} as planned and ${plural(moved.length, "variant")} ${laterText} (${listNames(moved.map((r) => r.group.label))}), once their stock arrives.`;
  const change: PhasingChange = { kind: "waves", waves: list.map((w) => ({ start: context.dateOf(w.from), end: context.dateOf(w.to), variantIds: w.variantIds })) };
  return candidate(context, "waves", description, change, scenarios, later.length);
}

/**
 * The largest cap per short variant that makes it carry the promotion (or as well as the discount
 * ending at once would). Where some short variants cannot be carried even with the discount
 * ending at once, a second option caps the others and leaves those out: the one way to keep the
 * promotion when every variant runs short.
 */
function caps(context: PromotionContext, results: readonly GroupResult[]): PhasingCandidate[] {
  const scenarios = [...context.planned];
  const set: { variantId: string; label: string; units: number }[] = [];
  const uncappable: GroupResult[] = [];
  for (const r of results) {
    if (r.rank === 0 || r.shape.first === null) continue;
    const planned = context.planned[r.group.index]!;
    const sold = context.promotion.soldByVariant?.[r.group.variantId] ?? 0;
    const target = evaluateGroup(context, r.group, { ...planned, capLeft: 0 }).rank;
    const rankAt = (cap: number) => evaluateGroup(context, r.group, { ...planned, capLeft: cap }, { stopAbove: target }).rank;
    if (target > 0) uncappable.push(r);
    if (target >= r.rank) continue;
    const expected = r.results.reduce((a, s) => a + s.outcome.promotionUnits, 0);
    let low = 0;
    let high = Math.ceil(planned.capLeft ?? expected);
    if (rankAt(high) <= target) continue;
    // Invariant: rankAt(low) <= target < rankAt(high).
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (rankAt(middle) <= target) low = middle;
      else high = middle;
    }
    // A cap that ends the discount within its first day is no promotion; leaving the variant out says it better.
    const first = r.shape.first;
    const firstDaySales = r.group.series.reduce((a, s) => a + s.base[first]! * s.share * planned.lift, 0);
    if (low < firstDaySales) {
      if (target === 0) uncappable.push(r);
      continue;
    }
    scenarios[r.group.index] = { ...planned, capLeft: low };
    set.push({ variantId: r.group.variantId, label: r.group.label, units: low + sold });
  }
  const capChange = (units: typeof set) => units.map(({ variantId, units: u }) => ({ variantId, units: u }));
  const named = listNames(set.map((c) => `${c.label} at ${formatUnits(c.units)}`));
  const options: PhasingCandidate[] = [];
  if (set.length > 0) {
    const description = `Cap ${plural(set.length, "variant")}: ${named}; the discount ends on a variant once its cap is sold.`;
    options.push(candidate(context, "cap", description, { kind: "cap", caps: capChange(set) }, scenarios, set.length));
  }
  const inPromotion = results.filter((r) => r.shape.first !== null).length;
  const leftOut = uncappable.filter((r) => !set.some((c) => c.variantId === r.group.variantId));
  if (set.length > 0 && leftOut.length > 0 && leftOut.length < inPromotion) {
    const withDrops = scenarios.map((s, g) => (leftOut.some((r) => r.group.index === g) ? { ...s, dropped: true } : s));
    const description = `Cap ${plural(set.length, "variant")} (${named}) and leave out ${plural(leftOut.length, "variant")} no cap can carry: ${listNames(leftOut.map((r) => r.group.label))}.`;
    const change: PhasingChange = { kind: "cap", caps: capChange(set), dropVariantIds: leftOut.map((r) => r.group.variantId) };
    options.push(candidate(context, "cap", description, change, withDrops, set.length + leftOut.length));
  }
  return options;
}

/** Leave out the variants that cannot be carried (and, as a second option, those at risk too). */
function drops(context: PromotionContext, results: readonly GroupResult[]): PhasingCandidate[] {
  const inPromotion = results.filter((r) => r.shape.first !== null);
  const options: PhasingCandidate[] = [];
  for (const threshold of [2, 1] as const) {
    const dropped = inPromotion.filter((r) => r.rank >= threshold);
    if (dropped.length === 0 || dropped.length === inPromotion.length) continue;
    if (threshold === 1 && dropped.length === inPromotion.filter((r) => r.rank === 2).length) continue;
    const scenarios = context.planned.map((s, g) => (dropped.some((r) => r.group.index === g) ? { ...s, dropped: true } : s));
    const what = threshold === 2 ? "that stock cannot carry" : "that are short or at risk";
    const description = `Leave out ${plural(dropped.length, "variant")} ${what}: ${listNames(dropped.map((r) => r.group.label))}.`;
    options.push(candidate(context, "drop_variants", description, { kind: "drop_variants", variantIds: dropped.map((r) => r.group.variantId) }, scenarios, dropped.length));
  }
  return options;
}

/** Order now for each short location: the least that carries it, rounded to case packs and MOQ, arriving before trouble starts. */
function orderMore(context: PromotionContext, results: readonly GroupResult[]): PhasingCandidate | null {
  const lines: OrderLine[] = [];
  const extra = new Map<number, { day: number; units: number }>();
  let late = 0;
  for (const r of results) {
    if (r.rank === 0) continue;
    const shape = context.plannedShapes[r.group.index]!;
    for (const run of r.results) {
      if (run.outcome.rank === 0) continue;
      const { series } = run;
      const input = series.input;
      const leadDays = Math.max(0, Math.round(input.leadTimeDays));
      const trouble = troubleDay(run.outcome);
      const arrival = Math.max(leadDays, trouble);
      if (arrival >= context.timeline.days) continue;
      const outcomeWith = (units: number) =>
        simulate(series, shape, context.timeline, { extra: { day: arrival, units }, discountPct: context.discountPct }).outcome;
      let plenty = 0;
      for (let d = 0; d <= run.outcome.windowEnd; d++) plenty += series.high[d]! * Math.max(0, 1 + series.otherHigh[d]! + series.share * shape.factorHigh[d]!);
      plenty = Math.ceil(plenty) + 1;
      const best = outcomeWith(plenty);
      if (best.rank >= run.outcome.rank && best.unitsShort >= run.outcome.unitsShort - SHORT_TOLERANCE_UNITS) continue;
      const good = (units: number) => {
        const o = outcomeWith(units);
        return o.rank <= best.rank && (best.rank < 2 || o.unitsShort <= best.unitsShort + SHORT_TOLERANCE_UNITS);
      };
      let low = 0;
      let high = plenty;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (good(middle)) high = middle;
        else low = middle;
      }
      const { quantity, note } = roundOrderQuantity(high, input.casePack ?? 1, input.moqUnits ?? 0);
      const tooLate = trouble < leadDays;
      if (tooLate) late++;
      const orderByDate = context.dateOf(arrival - leadDays);
      const expectedArrivalDate = context.dateOf(arrival);
      const timing = tooLate
        ? `arrives ${context.formatDate(expectedArrivalDate)} at the earliest, after trouble starts on ${context.formatDate(context.dateOf(trouble))}`
        : `arrives ${context.formatDate(expectedArrivalDate)}, in time`;
      lines.push({
        seriesId: input.seriesId,
        variantId: input.variantId,
        locationId: input.locationId ?? null,
        quantity,
        roundingNote: note,
        orderByDate,
        expectedArrivalDate,
        lineCost: input.unitCost === null ? null : input.unitCost * quantity,
        reason: `Order ${quantity} by ${context.formatDate(orderByDate)}: ${timing}${note ? `; ${note}` : ""}.`,
      });
      extra.set(series.index, { day: arrival, units: quantity });
    }
  }
  if (lines.length === 0) return null;
  const totalUnits = lines.reduce((a, l) => a + l.quantity, 0);
  const costs = lines.map((l) => l.lineCost);
  const totalCost = costs.every((c) => c !== null) ? costs.reduce<number>((a, c) => a + c!, 0) : null;
  const labelOf = new Map(context.series.map((s) => [s.input.seriesId, s.label]));
  const orderBy = lines.map((l) => l.orderByDate).sort()[0]!;
  const costText = totalCost === null ? "" : ` for ${context.formatMoney(totalCost)}`;
  const lateText = late > 0 ? `; ${late} of them cannot arrive before trouble starts` : "";
  const description = `Order ${formatUnits(totalUnits)} more units${costText} by ${context.formatDate(orderBy)}: ${listNames(lines.map((l) => `${labelOf.get(l.seriesId)} ${l.quantity}`))}${lateText}.`;
  return candidate(context, "order_more", description, { kind: "order_more", lines, totalUnits, totalCost }, [...context.planned], lines.length, totalCost ?? 0, extra);
}

/** Every option that improves on the plan (a better verdict, fewer variants short or fewer units short), unranked: the check ranks them after measuring their effect. */
export function proposePhasing(context: PromotionContext, results: readonly GroupResult[]): PhasingCandidate[] {
  const current = maxRank(results);
  const worse = VERDICTS[current];
  const shortNow = countVerdicts(results)[worse];
  const unitsShort = results.reduce((a, r) => a + r.results.reduce((b, s) => b + (s.outcome.unitsShort >= SHORT_TOLERANCE_UNITS ? s.outcome.unitsShort : 0), 0), 0);
  const all = [moveStart(context, results), waves(context, results), ...caps(context, results), ...drops(context, results), orderMore(context, results)];
  const better = (c: PhasingCandidate) =>
    c.rank < current || (c.rank === current && (c.counts[worse] < shortNow || c.unitsShort < unitsShort - SHORT_TOLERANCE_UNITS));
  return all.filter((c): c is PhasingCandidate => c !== null && better(c));
}
