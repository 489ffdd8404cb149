/** The promotions calendar: every promotion in the window, with its verdict and its variants' projected stock week by week. */
import { addDays, weekStartOf } from "~/engine/calendar";
import { findActivePlan } from "~/platform/plan-status.server";
import { listPromotions, promotionStockByWeek } from "~/features/promotions/queries/promotions.server";
import { discountsUnavailableReason } from "~/shopify/discounts.server";
import { plannedAgainstActual } from "~/engine/promotions";
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";
import { listDiscountOffers, type DiscountOffer } from "./discount-offers.server";
import { shopToday } from "~/engine/plan/open-orders";
import { shopTimezone } from "~/platform/shop-actor";

export const CALENDAR_WEEKS = 16;

export interface CalendarPromotion {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  discountPct: number;
  channel: string | null;
  status: string;
  verdict: string | null;
  verdictReason: string | null;
  variants: number;
  excluded: number;
  fromShopify: boolean;
  /** After it ended: "Planned ×a, actual ×b" and what the actual was measured from; null until measured. */
  actual: { headline: string; note: string } | null;
  /** Per calendar week (null before the plan's weeks): projected stock and demand of its variants. */
  projected: (number | null)[];
  demand: (number | null)[];
}

export interface PromotionsView {
  plan: PlanStatus;
  weekStarts: string[];
  promotions: CalendarPromotion[];
  past: CalendarPromotion[];
  /** Discounts scheduled in Shopify that no promotion was made from yet. */
  offers: DiscountOffer[];
  /** Why Shopify's discounts are not offered (the grant lacks read_discounts), or null. */
  discountsUnavailable: string | null;
}

export async function getPromotionsView(shop: { id: number; ianaTimezone: string | null; accessScopes: string | null }): Promise<PromotionsView> {
  const today = shopToday(shopTimezone(shop));
  const firstWeek = weekStartOf(today);
  const weekStarts = Array.from({ length: CALENDAR_WEEKS }, (_, w) => addDays(firstWeek, 7 * w));
  const [plan, active, upcoming, recent, offers] = await Promise.all([
    getPlanStatus(shop.id),
    findActivePlan(shop.id),
    listPromotions(shop.id, { from: today, to: addDays(firstWeek, 7 * CALENDAR_WEEKS) }),
    listPromotions(shop.id, { from: addDays(today, -120), to: addDays(today, -1) }),
    listDiscountOffers(shop),
  ]);
  const current = upcoming.filter((p) => p.endsOn.toISOString().slice(0, 10) >= today);
  const stock = active ? await promotionStockByWeek(shop.id, active.run.id, current.map((p) => p.id), CALENDAR_WEEKS) : [];
  // The run's first week may precede this calendar's (a plan made last week).
  const offset = active ? Math.round((Date.parse(firstWeek) - Date.parse(weekStartOf(active.asOf))) / (7 * 86_400_000)) : 0;
  const toCalendar = (promotion: (typeof upcoming)[number]): CalendarPromotion => {
    const mine = stock.filter((s) => s.promotionId === promotion.id);
    const series = (pick: (s: (typeof stock)[number]) => number) =>
      weekStarts.map((_, w) => {
        const point = mine.find((s) => s.week === w + 1 + offset);
        return point ? pick(point) : null;
      });
    return {
      id: promotion.id,
      name: promotion.name,
      startsOn: promotion.startsOn.toISOString().slice(0, 10),
      endsOn: promotion.endsOn.toISOString().slice(0, 10),
      discountPct: promotion.discountPct,
      channel: promotion.channel,
      status: promotion.status,
      verdict: promotion.verdict,
      verdictReason: promotion.verdictReason,
      variants: promotion.variants.filter((v) => !v.excluded).length,
      excluded: promotion.variants.filter((v) => v.excluded).length,
      fromShopify: promotion.shopifyDiscountId !== null,
      actual: promotion.actualMeasuredAt ? { headline: plannedAgainstActual(promotion.plannedUplift, promotion.actualUplift), note: promotion.actualUpliftNote ?? "" } : null,
      projected: series((s) => s.projected),
      demand: series((s) => s.demand),
    };
  };
  return {
    plan,
    weekStarts,
    promotions: current.map(toCalendar),
    past: recent.filter((p) => p.endsOn.toISOString().slice(0, 10) < today).map(toCalendar).reverse(),
    offers,
    discountsUnavailable: discountsUnavailableReason(shop),
  };
}
