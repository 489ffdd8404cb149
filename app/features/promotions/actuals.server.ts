/**
 * Learning from a finished promotion: when it becomes DONE, what its variants sold on its days
 * against the baseline forecast the plan had for them (the active plan, made before the run that
 * finishes it), stocked-out days left out; stored on the promotion with the lift it was planned
 * with, and blended into the uplift model the next estimates use.
 */
import type { Shop } from "@prisma/client";
import { addDays } from "~/engine/calendar";
import type { UpliftModel } from "~/engine/forecast/uplift";
import { applyFinishedPromotions, measurePromotionUplift, promotionSalesDays, withoutFinishedRuns, type VariantPromotionSales } from "~/engine/promotions";
import type { PromoEvent } from "~/engine/forecast/uplift";
import { loadDemandDays, loadForecastBaselines, loadPlanningLocations, loadPlanningVariants, loadStockoutSpans } from "~/platform/plan-inputs.server";
import { findActivePlan } from "~/platform/plan-status.server";
import { getPromotion, measuredPromotions, saveActualUplift, type PromotionWithVariants } from "~/features/promotions/queries/promotions.server";
import { primaryLocationId } from "~/engine/plan/plan-pairs";
import { learnedLift } from "./check.server";
import { upliftGroupKey } from "~/engine/promotions/promotion-demand";
import { shopTimezone } from "~/platform/shop-actor";

const day = (date: Date) => date.toISOString().slice(0, 10);

function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Measures and stores each just-finished promotion's actual lift against the active plan's forecast. */
export async function measureFinishedPromotions(shop: Shop, promotionIds: readonly number[]): Promise<void> {
  if (promotionIds.length === 0) return;
  const active = await findActivePlan(shop.id);
  if (!active) return;
  const locations = await loadPlanningLocations(shop.id);
  const primary = primaryLocationId(locations);
  for (const id of promotionIds) {
    const promotion = await getPromotion(shop.id, id);
    if (!promotion) continue;
    await saveActualUplift(shop.id, id, await measure(shop, promotion, active.run.id, primary));
  }
}

async function measure(shop: Shop, promotion: PromotionWithVariants, runId: number, primary: string | null) {
  const variantIds = promotion.variants.filter((v) => !v.excluded).map((v) => v.variantId.toString());
  const start = day(promotion.startsOn);
  const end = day(promotion.endsOn);
  const [forecasts, demand, stockouts, variants] = await Promise.all([
    loadForecastBaselines(shop.id, runId, variantIds),
    loadDemandDays(shop.id, start, variantIds),
    loadStockoutSpans(shop.id, variantIds),
    loadPlanningVariants(shop.id, shopTimezone(shop), variantIds),
  ]);
  const days = daysFrom(start, end);
  const after = daysFrom(addDays(end, 1), addDays(end, 7));
  // Demand with no location belongs to the location that ships online orders, as in the plan.
  const at = (locationId: string) => (locationId === "0" && primary ? primary : locationId);
  const series: VariantPromotionSales[] = forecasts.map((f) => {
    const unitsByDay = new Map<string, number>();
    for (const row of demand) if (row.variantId === f.variantId && at(row.locationId) === f.locationId) unitsByDay.set(row.date, (unitsByDay.get(row.date) ?? 0) + row.units);
    const spans = stockouts.filter((s) => s.variantId === f.variantId && s.locationId === f.locationId);
    return {
      variantId: `${f.variantId}:${f.locationId}`,
      days: promotionSalesDays({ days, unitsByDay, forecast: f, stockouts: spans }),
      after: promotionSalesDays({ days: after, unitsByDay, forecast: f, stockouts: spans }),
    };
  });
  const model = (shop.upliftModel as UpliftModel | null) ?? null;
  const plannedUplift = promotion.upliftOverride ?? learnedLift(model, promotion.discountPct, variants.map((v) => upliftGroupKey(v))).lift;
  const measured = measurePromotionUplift({ variants: series, plannedLift: plannedUplift });
  return { plannedUplift, actualUplift: measured.lift?.value ?? null, note: measured.reason, units: measured.units, baselineUnits: measured.baselineUnits };
}

/**
 * The uplift model for the next estimates: learned from the history's promotion runs, except the
 * runs a measured promotion already accounts for, blended with what the measured ones showed.
 */
export async function upliftModelWithActuals(shopId: number, timezone: string, events: readonly PromoEvent[], estimate: (events: readonly PromoEvent[]) => UpliftModel): Promise<UpliftModel> {
  const finished = await measuredPromotions(shopId);
  if (finished.length === 0) return estimate(events);
  const variantIds = [...new Set(finished.flatMap((p) => p.variants.filter((v) => !v.excluded).map((v) => v.variantId.toString())))];
  const groupOf = new Map((await loadPlanningVariants(shopId, timezone, variantIds)).map((v) => [v.variantId, upliftGroupKey(v)]));
  const spans = finished.map((p) => ({ start: day(p.startsOn), end: day(p.endsOn), variantIds: p.variants.filter((v) => !v.excluded).map((v) => v.variantId.toString()) }));
  return applyFinishedPromotions(
    estimate(withoutFinishedRuns(events, spans)),
    finished.map((p, i) => ({
      start: spans[i]!.start,
      end: spans[i]!.end,
      discountPct: p.discountPct,
      groupIds: [...new Set(spans[i]!.variantIds.map((v) => groupOf.get(v) ?? ""))],
      units: p.actualUnits ?? 0,
      baselineUnits: p.actualBaselineUnits ?? 0,
    })),
  );
}
