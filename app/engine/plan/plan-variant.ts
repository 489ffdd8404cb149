/**
 * One variant at one location, planned: from its stored outlook, stock, inbound and buying
 * terms to its stock policy, projection, reorder line and alert conditions. The same function
 * serves the nightly run, the re-plan after a stock webhook and the planning CLI, so the three
 * can never disagree.
 */
import { type AlertCandidate, type AlertThresholds, evaluateAlerts } from "~/engine/alerts";
import { addDays, daysBetween, toDayNumber } from "~/engine/calendar";
import { type DemandDistribution, intervalDemand } from "~/engine/forecast/demand-distribution";
import { type AbcClass, type StockPolicy, computeStockPolicy } from "~/engine/policy";
import { type InboundArrival, type InventoryProjection, dailyDemandFrom, projectInventory, weeklyDemandOf } from "~/engine/projection";
import { type ReorderLine, type ResolvedTerms, proposeReorder } from "~/engine/proposals";

/** What a plan keeps of a forecast: enough to plan again without forecasting again. */
export interface PlannedOutlook {
  /** Forecast weeks; week 0 holds the plan date. */
  weekStarts: readonly string[];
  mean: readonly number[];
  /** Extra units per week from planned promotions (on top of `mean`). */
  promoUnits: readonly number[];
  weekdayIndex: readonly number[];
  distribution: DemandDistribution;
}

export interface OpenOrderLine {
  /** Units still to come. */
  units: number;
  expectedDate: string | null;
  label: string;
}

export interface VariantPlanInput {
  asOf: string;
  outlook: PlannedOutlook;
  available: number;
  onHand: number;
  /** Shopify's `incoming` (transfers, Shopify purchase orders): no date, so assumed at the lead time. */
  shopifyIncoming: number;
  openOrders: readonly OpenOrderLine[];
  terms: ResolvedTerms;
  abcClass: AbcClass;
  serviceLevel: number;
  unitPrice: number | null;
  lastSaleDate: string | null;
  sellingSince: string | null;
  thresholds: AlertThresholds;
  formatMoney?: (amount: number) => string;
}

export interface VariantPlan {
  policy: StockPolicy;
  projection: InventoryProjection;
  inbound: InboundArrival[];
  onOrder: number;
  proposal: ReorderLine | null;
  alerts: AlertCandidate[];
}

const BAND_LEVELS = [0.1, 0.9] as const;

/** Days of forecast week 0 already behind the plan date, as a fraction of a week. */
export function elapsedWeeks(asOf: string, weekStarts: readonly string[]): number {
  const first = weekStarts[0];
  return first ? Math.max(0, Math.min(1, daysBetween(first, asOf) / 7)) : 0;
}

export function inboundArrivals(input: Pick<VariantPlanInput, "asOf" | "shopifyIncoming" | "openOrders" | "terms">): InboundArrival[] {
  const arrivals: InboundArrival[] = input.openOrders
    .filter((line) => line.units > 0)
    .map((line) => ({
      // An open order without a date is expected after the lead time, like a new one.
      date: line.expectedDate ?? addDays(input.asOf, Math.round(input.terms.leadTimeDays)),
      units: line.units,
      source: "purchase_order" as const,
      label: line.label,
    }));
  if (input.shopifyIncoming > 0) {
    const date = addDays(input.asOf, Math.round(input.terms.leadTimeDays));
    // Shopify's incoming has no date: assumed to land one lead time from now, and the label says so.
    arrivals.push({ date, units: input.shopifyIncoming, source: "shopify_incoming", label: "Shopify incoming, date assumed" });
  }
  return arrivals;
}

export function planVariant(input: VariantPlanInput): VariantPlan {
  const { outlook, terms } = input;
  const offset = elapsedWeeks(input.asOf, outlook.weekStarts);
  const policy = computeStockPolicy({
    distribution: outlook.distribution,
    leadTimeDays: terms.leadTimeDays,
    leadTimeSdDays: terms.leadTimeSdDays,
    reviewDays: terms.reviewDays,
    serviceLevel: input.serviceLevel,
    startOffsetDays: offset * 7,
  });
  const promoOverProtection = promoUnitsOver(input.asOf, outlook, terms.leadTimeDays + terms.reviewDays);
  const promoOverLead = promoUnitsOver(input.asOf, outlook, terms.leadTimeDays);
  // Planned promotions add demand the statistical distribution does not know: buy ahead for it.
  const buyAhead = {
    reorderPoint: policy.reorderPoint + Math.ceil(promoOverLead),
    orderUpTo: policy.orderUpTo + Math.ceil(promoOverProtection),
  };

  const weeklyDemand = weeklyDemandOf(outlook.mean, outlook.promoUnits);
  const bands = outlook.weekStarts.map((_, w) => intervalDemand(outlook.distribution, { startWeek: offset, weeks: w + 1 - offset }, BAND_LEVELS).quantiles);
  const promoCumulative = cumulativePromoUnits(input.asOf, outlook);
  const inbound = inboundArrivals(input);
  const projection = projectInventory({
    asOf: input.asOf,
    weekStarts: outlook.weekStarts,
    weeklyDemand,
    cumulativeLow: bands.map((q, w) => (q[0] ?? 0) + promoCumulative[w]!),
    cumulativeHigh: bands.map((q, w) => (q[1] ?? 0) + promoCumulative[w]!),
    weekdayIndex: outlook.weekdayIndex,
    available: input.available,
    inbound,
    leadTimeDays: terms.leadTimeDays,
  });
  const onOrder = inbound.reduce((a, arrival) => a + arrival.units, 0);
  const proposal = proposeReorder({
    asOf: input.asOf,
    available: input.available,
    onOrder,
    policy: { reorderPoint: buyAhead.reorderPoint, orderUpTo: buyAhead.orderUpTo, safetyStock: policy.safetyStock, serviceLevel: input.serviceLevel },
    leadTimeDays: terms.leadTimeDays,
    casePack: terms.casePack,
    moqUnits: terms.moqUnits,
    unitCost: terms.unitCost,
    unitPrice: input.unitPrice,
    weeklyRate: projection.weeklyRate,
    weeksOfSupply: projection.weeksOfSupply,
    stockoutDate: projection.stockoutDate,
    orderByDate: projection.orderByDate,
    unitsShortHigh: projection.unitsShortHigh,
  });
  const daily = dailyDemandFrom(input.asOf, outlook.weekStarts, weeklyDemand, outlook.weekdayIndex).values;
  const alerts = evaluateAlerts({
    asOf: input.asOf,
    available: input.available,
    onHand: input.onHand,
    onOrder,
    unitCost: terms.unitCost,
    unitPrice: input.unitPrice,
    reorderPoint: buyAhead.reorderPoint,
    leadTimeDays: terms.leadTimeDays,
    reviewDays: terms.reviewDays,
    weeklyRate: projection.weeklyRate,
    weeksOfSupply: projection.weeksOfSupply,
    stockoutDate: projection.stockoutDate,
    orderByDate: projection.orderByDate,
    nextInbound: projection.nextInbound,
    unitsShort: projection.unitsShort,
    unitsShortWithinProtection: projection.weeks
      .filter((week) => toDayNumber(week.weekStart) < toDayNumber(input.asOf) + terms.leadTimeDays + terms.reviewDays)
      .reduce((sum, week) => sum + week.unitsShort, 0),
    unitsBeyondOverstockWeeks: Math.max(0, input.available - demandOverDays(daily, input.thresholds.overstockWeeks * 7)),
    lastSaleDate: input.lastSaleDate,
    sellingSince: input.sellingSince,
    horizonWeeks: outlook.weekStarts.length,
    thresholds: input.thresholds,
    ...(input.formatMoney ? { formatMoney: input.formatMoney } : {}),
    reorderProposed: proposal !== null,
  });
  const adjustedPolicy: StockPolicy =
    buyAhead.orderUpTo === policy.orderUpTo
      ? policy
      : {
          ...policy,
          reorderPoint: buyAhead.reorderPoint,
          orderUpTo: buyAhead.orderUpTo,
          reason: `${policy.reason} Planned promotions add ${Math.ceil(promoOverProtection)} units over the lead time and review period.`,
        };
  return { policy: adjustedPolicy, projection, inbound, onOrder, proposal, alerts };
}

/** Planned-promotion units from the plan date over the next `days` days. */
function promoUnitsOver(asOf: string, outlook: PlannedOutlook, days: number): number {
  if (!outlook.promoUnits.some((u) => u !== 0)) return 0;
  const daily = dailyDemandFrom(asOf, outlook.weekStarts, outlook.promoUnits, outlook.weekdayIndex).values;
  return Math.max(0, demandOverDays(daily, days));
}

/** Planned-promotion units from the plan date to each forecast week's end (week 0 pro rata). */
function cumulativePromoUnits(asOf: string, outlook: PlannedOutlook): number[] {
  const firstDay = toDayNumber(asOf);
  let running = 0;
  return outlook.weekStarts.map((weekStart, w) => {
    const daysCounted = Math.min(7, Math.max(0, toDayNumber(weekStart) + 7 - firstDay));
    running += ((outlook.promoUnits[w] ?? 0) * daysCounted) / 7;
    return running;
  });
}

/** Demand over the first `days` days of a daily series, extrapolating its last four weeks beyond it. */
function demandOverDays(daily: readonly number[], days: number): number {
  let total = 0;
  const whole = Math.floor(days);
  for (let d = 0; d < Math.min(whole, daily.length); d++) total += daily[d]!;
  if (whole > daily.length) {
    const tail = daily.slice(-28);
    const rate = tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
    total += rate * (whole - daily.length);
  }
  return total;
}
