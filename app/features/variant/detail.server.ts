/**
 * Everything the variant page explains, per location where it is stocked: weekly sales with
 * what cleaning set aside (stockout and promotion weeks), the forecast with its P10–P90 band,
 * the projection with inbound arrivals, the policy numbers, and every reason in words.
 * History is cleaned again here, for this one variant, with the same function the plan uses.
 */
import { cleanDemandHistory } from "~/engine/forecast";
import { addDays, weekStartOf } from "~/engine/calendar";
import { listVariantAlerts, type AlertRow } from "~/features/alerts/view.server";
import { loadDemandDays, loadOpenOrderUnits, loadStockoutSpans } from "~/platform/plan-inputs.server";
import { findActivePlan } from "~/platform/plan-status.server";
import { findVariantSummary, liveProposalsOf, loadVariantPlanRows, supplierName } from "./queries.server";
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";
import { primaryLocationId } from "~/engine/plan/plan-pairs";
import { variantBacktest, type VariantBacktest } from "~/engine/forecast/variant-backtest";
import { PLAN_HISTORY_WEEKS } from "~/engine/plan/plan-settings";

/** The first week with a sale: weeks before a variant's launch are not zero demand. */
function demandStart(sold: readonly number[]): number {
  const first = sold.findIndex((units) => units > 0);
  return first < 0 ? 0 : first;
}

/** Weeks of history the page shows before the plan date (it reads the plan's whole window for the backtest). */
const HISTORY_WEEKS = 78;

export interface WeekPoint {
  weekStart: string;
  /** History: units sold, and the cleaned baseline demand. */
  sold: number | null;
  baseline: number | null;
  stockoutDays: number;
  promoDays: number;
  /** Future: forecast mean (with planned promotions), P10 and P90. */
  forecast: number | null;
  p10: number | null;
  p90: number | null;
  /** History's last weeks: the forecast the variant's own history gave for them 13 weeks before the plan date. */
  backtest: number | null;
  /** Future: week-end projected stock (mean path) and its band, and units arriving in the week. */
  projected: number | null;
  projectedLow: number | null;
  projectedHigh: number | null;
  inbound: number | null;
}

export interface LocationDetail {
  locationId: string;
  locationName: string;
  weeks: WeekPoint[];
  numbers: {
    available: number;
    onHand: number;
    inbound: number;
    weeksOfSupply: number | null;
    stockoutDate: string | null;
    orderByDate: string | null;
    safetyStock: number;
    reorderPoint: number;
    orderUpTo: number;
    serviceLevel: number;
    abcClass: string;
    leadTimeDays: number;
    reviewDays: number;
    unitCost: number | null;
  };
  forecast: { model: string; modelLabel: string; demandClass: string | null; source: string; reason: string; reasons: string[]; runnerUp: string | null; routeReason: string | null } | null;
  policyReason: string;
  projectionReason: string;
  supplier: { name: string | null; termsSource: string };
  cleaning: { stockoutWeeks: number; promoWeeks: number; unitsImputed: number; promoExcessUnits: number };
  openOrders: { label: string; units: number; expectedDate: string | null }[];
  proposal: { id: number; status: string; quantity: number; orderByDate: string; arrivesOn: string; reason: string } | null;
  /** The date this location's stock plan was made for: its chart starts there. */
  planDate: string;
  /** What its own history said 13 weeks ago about the weeks since, against what came; null with too little history. */
  backtest: Omit<VariantBacktest, "mean" | "p10" | "p90" | "actual"> | null;
}

export interface VariantDetail {
  plan: PlanStatus;
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  vendor: string | null;
  price: number;
  locations: LocationDetail[];
  alerts: AlertRow[];
}

const day = (date: Date | null | undefined): string | null => (date ? date.toISOString().slice(0, 10) : null);

export async function getVariantDetail(shopId: number, variantId: bigint): Promise<VariantDetail | null> {
  const summary = await findVariantSummary(shopId, variantId);
  if (!summary) return null;
  const [plan, active, alerts, proposals] = await Promise.all([getPlanStatus(shopId), findActivePlan(shopId), listVariantAlerts(shopId, variantId), liveProposalsOf(shopId, variantId)]);
  const base = {
    plan,
    variantId: variantId.toString(),
    productId: summary.variant.productId.toString(),
    productTitle: summary.product?.title ?? "Deleted product",
    variantTitle: summary.variant.title,
    sku: summary.variant.sku,
    vendor: summary.product?.vendor ?? null,
    price: Number(summary.variant.price),
    alerts,
  };
  if (!active) return { ...base, locations: [] };

  const asOf = active.asOf;
  const historyFrom = addDays(weekStartOf(asOf), -7 * PLAN_HISTORY_WEEKS);
  const ids = [variantId.toString()];
  const [rows, demand, stockouts, openOrders] = await Promise.all([
    loadVariantPlanRows(shopId, active.run.id, variantId),
    loadDemandDays(shopId, historyFrom, ids),
    loadStockoutSpans(shopId, ids),
    loadOpenOrderUnits(shopId, ids),
  ]);
  const primary = primaryLocationId(rows.locations.map((l) => ({ id: l.id.toString(), name: l.name, fulfillsOnlineOrders: l.fulfillsOnlineOrders })));
  const locationName = new Map(rows.locations.map((l) => [l.id.toString(), l.name]));
  const owning = (locationId: string) => (locationId === "0" && primary ? primary : locationId);

  const locations: LocationDetail[] = [];
  for (const stock of rows.stockPlans.sort((a, b) => Number(b.available - a.available) || Number(a.locationId - b.locationId))) {
    const locationId = stock.locationId.toString();
    const forecast = rows.forecasts.find((f) => f.locationId === stock.locationId) ?? null;
    const history = cleanDemandHistory(
      {
        rows: demand.filter((d) => owning(d.locationId) === locationId).map((d) => ({ date: d.date, units: d.units, discountedUnits: d.discountedUnits, revenue: d.revenue })),
        range: { from: historyFrom, to: addDays(weekStartOf(asOf), -1) },
        stockouts: stockouts.filter((s) => owning(s.locationId) === locationId).map((s) => ({ from: s.from, to: s.to })),
      },
      {},
    );
    const weeks: WeekPoint[] = history.weekly.weekStarts.map((weekStart, w) => ({
      weekStart,
      sold: history.weekly.raw[w] ?? 0,
      baseline: Math.round((history.weekly.baseline[w] ?? 0) * 10) / 10,
      stockoutDays: history.weekly.flags[w]?.stockoutDays ?? 0,
      promoDays: history.weekly.flags[w]?.promoDays ?? 0,
      forecast: null,
      p10: null,
      p90: null,
      backtest: null,
      projected: null,
      projectedLow: null,
      projectedHigh: null,
      inbound: null,
    }));
    // Like the plan, the backtest reads every week of the window; the chart shows the last HISTORY_WEEKS.
    const firstShown = demandStart(history.weekly.raw);
    const backtest = variantBacktest(history.weekly.weekStarts.slice(firstShown), history.weekly.baseline.slice(firstShown));
    if (backtest) {
      const first = weeks.length - backtest.weeks;
      backtest.mean.forEach((mean, w) => (weeks[first + w]!.backtest = Math.round(mean * 10) / 10));
    }
    weeks.splice(0, Math.max(0, weeks.length - HISTORY_WEEKS));
    // A variant launched inside the window starts its chart a week before its first sale.
    const firstSale = weeks.findIndex((w) => (w.sold ?? 0) > 0);
    if (firstSale > 1) weeks.splice(0, firstSale - 1);
    if (forecast) {
      forecast.mean.forEach((mean, w) => {
        weeks.push({
          weekStart: addDays(day(forecast.firstWeek)!, 7 * w),
          sold: null,
          baseline: null,
          stockoutDays: 0,
          promoDays: 0,
          forecast: Math.round((mean + (forecast.promoUnits[w] ?? 0)) * 10) / 10,
          p10: Math.round((forecast.p10[w] ?? 0) * 10) / 10,
          p90: Math.round((forecast.p90[w] ?? 0) * 10) / 10,
          backtest: null,
          projected: Math.round((stock.projected[w] ?? 0) * 10) / 10,
          projectedLow: Math.round((stock.projectedLow[w] ?? 0) * 10) / 10,
          projectedHigh: Math.round((stock.projectedHigh[w] ?? 0) * 10) / 10,
          inbound: stock.inboundByWeek[w] ?? 0,
        });
      });
    }
    const explanation = (forecast?.explanation ?? {}) as { reasons?: string[]; runnerUp?: { modelName: string } | null; routeReason?: string };
    const proposal = proposals.find((p) => p.locationId === stock.locationId) ?? null;
    locations.push({
      locationId,
      locationName: locationName.get(locationId) ?? "",
      weeks,
      numbers: {
        available: stock.available,
        onHand: stock.onHand,
        inbound: stock.inbound,
        weeksOfSupply: stock.weeksOfSupply,
        stockoutDate: day(stock.projectedStockoutDate),
        orderByDate: day(stock.orderByDate),
        safetyStock: stock.safetyStock,
        reorderPoint: stock.reorderPoint,
        orderUpTo: stock.orderUpTo,
        serviceLevel: stock.serviceLevel,
        abcClass: stock.abcClass,
        leadTimeDays: stock.leadTimeDays,
        reviewDays: stock.reviewDays,
        unitCost: stock.unitCost === null ? null : Number(stock.unitCost),
      },
      forecast: forecast
        ? {
            model: forecast.model,
            modelLabel: forecast.modelLabel,
            demandClass: forecast.demandClass,
            source: forecast.source,
            reason: forecast.reason,
            reasons: explanation.reasons ?? [],
            runnerUp: explanation.runnerUp?.modelName ?? null,
            routeReason: explanation.routeReason ?? null,
          }
        : null,
      backtest: backtest && { fromWeek: backtest.fromWeek, weeks: backtest.weeks, forecastTotal: backtest.forecastTotal, actualTotal: backtest.actualTotal, wape: backtest.wape, bias: backtest.bias },
      policyReason: stock.policyReason,
      projectionReason: stock.projectionReason,
      supplier: { name: await supplierName(shopId, stock.supplierId), termsSource: stock.termsSource },
      cleaning: {
        stockoutWeeks: history.weekly.flags.filter((f) => f.stockoutDays > 0).length,
        promoWeeks: history.weekly.flags.filter((f) => f.promoDays > 0).length,
        unitsImputed: Math.round(history.summary.unitsImputed),
        promoExcessUnits: Math.round(history.summary.promoExcessUnits),
      },
      openOrders: openOrders.filter((o) => owning(o.locationId) === locationId).map((o) => ({ label: o.label, units: o.units, expectedDate: o.expectedDate })),
      proposal: proposal ? { id: proposal.id, status: proposal.status, quantity: proposal.quantity, orderByDate: day(proposal.orderByDate)!, arrivesOn: day(proposal.expectedArrivalDate)!, reason: proposal.reason } : null,
      planDate: day(stock.asOf) ?? asOf,
    });
  }
  return { ...base, locations };
}
