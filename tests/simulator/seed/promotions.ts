/**
 * Past promotions: when they ran, how deep, on which products, and the demand
 * multiplier they cause (uplift while on, pull-forward dip right after).
 */
import type { SimPastPromotion } from "../store/types";
import { PRODUCT_TYPES } from "./brand-profile";
import { isoAt, MS_PER_DAY } from "./calendar";
import { NEVER, type CatalogModel, type HistoryWindow } from "./catalog";
import type { Rng } from "./random";

export interface PromotionPlan {
  code: string;
  startDay: number;
  endDay: number; // exclusive
  discountPct: number;
  productIndices: Int32Array;
  dipDays: number;
}

/** Deeper discounts lift demand more: 10% off ~1.7x, 40% off ~3.8x. */
export function upliftFor(discountPct: number): number {
  return 1 + 7 * discountPct;
}

/** Demand pulled forward by the promotion is missing afterwards, fading out linearly. */
export function dipFor(discountPct: number, daysAfterEnd: number, dipDays: number): number {
  return 1 - (0.3 + discountPct) * (1 - daysAfterEnd / dipDays);
}

const DIP_DAYS = 14;
const LEAD_IN_DAYS = 21;
const HOLIDAY_MONTHS = new Set([10, 11, 0]);

function dayOf(window: HistoryWindow, year: number, month: number, dayOfMonth: number): number {
  return Math.round((Date.UTC(year, month, dayOfMonth) - window.startMs) / MS_PER_DAY);
}

function blackFriday(year: number): { month: number; dayOfMonth: number } {
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return { month: 10, dayOfMonth: firstThursday + 21 + 1 };
}

function sellableProducts(model: CatalogModel, day: number, margin: number, filter: (productIndex: number) => boolean): Int32Array {
  const chosen: number[] = [];
  for (let product = 0; product < model.productLaunchDay.length; product++) {
    const launch = model.productLaunchDay[product] ?? NEVER;
    const archive = model.productArchiveDay[product] ?? NEVER;
    if (launch === NEVER || launch > day - margin || archive < day + margin) continue;
    if (filter(product)) chosen.push(product);
  }
  return Int32Array.from(chosen);
}

function fitsWindow(window: HistoryWindow, startDay: number, endDay: number): boolean {
  return startDay >= LEAD_IN_DAYS && endDay + DIP_DAYS <= window.days;
}

function overlapsAny(plans: readonly PromotionPlan[], startDay: number, endDay: number, gap: number): boolean {
  return plans.some((plan) => startDay < plan.endDay + plan.dipDays + gap && plan.startDay < endDay + DIP_DAYS + gap);
}

export function planPromotions(rng: Rng, window: HistoryWindow, model: CatalogModel): PromotionPlan[] {
  const plans: PromotionPlan[] = [];
  const firstYear = new Date(window.startMs).getUTCFullYear();
  const lastYear = new Date(window.startMs + window.days * MS_PER_DAY).getUTCFullYear();
  const everything = (): boolean => true;
  const summerTypes = (product: number): boolean => PRODUCT_TYPES[model.productType[product] ?? 0]?.season === "summer";

  for (let year = firstYear; year <= lastYear; year++) {
    const suffix = String(year % 100).padStart(2, "0");
    const spring = dayOf(window, year, 2, 12 + rng.int(0, 7));
    const summer = dayOf(window, year, 6, 5 + rng.int(0, 10));
    const friday = blackFriday(year);
    const bfcm = dayOf(window, year, friday.month, friday.dayOfMonth);
    const candidates = [
      { code: `SPRING${suffix}`, startDay: spring, length: 5, pct: rng.pick([0.1, 0.15, 0.2]), filter: everything },
      { code: `SUMMER${suffix}`, startDay: summer, length: 10, pct: rng.pick([0.2, 0.25, 0.3]), filter: summerTypes },
      { code: `BFCM${suffix}`, startDay: bfcm, length: 4, pct: rng.pick([0.25, 0.3]), filter: everything },
    ];
    for (const candidate of candidates) {
      const endDay = candidate.startDay + candidate.length;
      if (!fitsWindow(window, candidate.startDay, endDay)) continue;
      const productIndices = sellableProducts(model, candidate.startDay, 0, candidate.filter);
      if (productIndices.length === 0) continue;
      plans.push({ code: candidate.code, startDay: candidate.startDay, endDay, discountPct: candidate.pct, productIndices, dipDays: DIP_DAYS });
    }
  }

  // A few product-specific flash sales on well-selling products, away from the seasonal events.
  const flashCount = 3;
  const ranked = model.productsByPopularity;
  for (let flash = 0, attempts = 0; flash < flashCount && attempts < 200; attempts++) {
    const startDay = rng.int(LEAD_IN_DAYS, window.days - DIP_DAYS - 4);
    const endDay = startDay + rng.int(2, 3);
    if (!fitsWindow(window, startDay, endDay) || overlapsAny(plans, startDay, endDay, 14)) continue;
    // Nobody runs a flash sale into the holiday rush or its January hangover.
    if (HOLIDAY_MONTHS.has(new Date(window.startMs + startDay * MS_PER_DAY).getUTCMonth())) continue;
    const rankFrom = 0;
    const rankTo = Math.min(12, ranked.length);
    const wanted = new Set<number>();
    for (let pickCount = 0; pickCount < 3; pickCount++) wanted.add(ranked[rng.int(rankFrom, Math.max(rankFrom, rankTo - 1))] ?? 0);
    const productIndices = sellableProducts(model, startDay, 30, (product) => wanted.has(product));
    if (productIndices.length === 0) continue;
    flash++;
    plans.push({ code: "FLASH", startDay, endDay, discountPct: rng.pick([0.35, 0.4]), productIndices, dipDays: DIP_DAYS });
  }
  plans.sort((a, b) => a.startDay - b.startDay);
  // Flash codes are numbered in date order: FLASH1, FLASH2, ...
  let flashNumber = 0;
  for (const plan of plans) if (plan.code === "FLASH") plan.code = `FLASH${++flashNumber}`;
  return plans;
}

/**
 * Fills, for one day, each product's demand multiplier and the promotion (index
 * into plans, -1 for none) whose code its discounted lines carry.
 */
export function applyPromotionsForDay(plans: readonly PromotionPlan[], day: number, productFactor: Float32Array, productPromotion: Int16Array): void {
  productFactor.fill(1);
  productPromotion.fill(-1);
  plans.forEach((plan, planIndex) => {
    if (day >= plan.startDay && day < plan.endDay) {
      const uplift = upliftFor(plan.discountPct);
      for (const product of plan.productIndices) {
        productFactor[product] = (productFactor[product] ?? 1) * uplift;
        productPromotion[product] = planIndex;
      }
    } else if (day >= plan.endDay && day < plan.endDay + plan.dipDays) {
      const dip = dipFor(plan.discountPct, day - plan.endDay, plan.dipDays);
      for (const product of plan.productIndices) productFactor[product] = (productFactor[product] ?? 1) * dip;
    }
  });
}

export function promotionTruth(plans: readonly PromotionPlan[], window: HistoryWindow, productIds: readonly string[]): SimPastPromotion[] {
  return plans.map((plan) => ({
    code: plan.code,
    startsAt: isoAt(window.startMs, plan.startDay),
    endsAt: isoAt(window.startMs, plan.endDay),
    discountPct: plan.discountPct,
    productIds: Array.from(plan.productIndices, (product) => productIds[product] ?? ""),
  }));
}
