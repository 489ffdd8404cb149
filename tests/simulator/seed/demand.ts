/**
 * Expected demand (order lines per day) per variant: popularity x yearly
 * season by product type x growth trend x launch/discontinuation curve x
 * promotions, then split over locations with their weekday profiles.
 * Everything is typed arrays so 10k variants x 730 days stays cheap.
 */
import {
  MONTH_LEVEL,
  ONLINE_WEEKDAY,
  POST_GIFTING_LEVEL,
  PRODUCT_TYPES,
  STORE_DEMAND_SHARE,
  STORE_WEEKDAY,
} from "./brand-profile";
import { calendarOf } from "./calendar";
import { NEVER, type CatalogModel, type HistoryWindow } from "./catalog";
import { applyPromotionsForDay, upliftFor, type PromotionPlan } from "./promotions";

/** Launch e-mails and social posts fade within a few weeks. */
const HYPE_DECAY_DAYS = 14;
const FADE_OUT_DAYS = 60;

function monthLevel(month: number, dayOfMonth: number): number {
  if (month === 11 && dayOfMonth >= 23) return POST_GIFTING_LEVEL;
  const level = (m: number): number => MONTH_LEVEL[(m + 12) % 12] ?? 1;
  if (dayOfMonth >= 15) return level(month) + ((level(month + 1) - level(month)) * (dayOfMonth - 15)) / 30;
  const previous = month === 0 ? POST_GIFTING_LEVEL : level(month - 1);
  return previous + ((level(month) - previous) * (dayOfMonth + 15)) / 30;
}

/** yearly season x trend for each (product type, day), laid out type-major. */
function typeDayFactors(window: HistoryWindow, annualGrowth: number): Float32Array {
  const { dayOfYear, month, dayOfMonth } = calendarOf(window.startMs, window.days);
  const factors = new Float32Array(PRODUCT_TYPES.length * window.days);
  const growthPerDay = Math.log(1 + annualGrowth) / 365;
  for (let day = 0; day < window.days; day++) {
    const overall = monthLevel(month[day] ?? 0, dayOfMonth[day] ?? 1);
    const trend = Math.exp(growthPerDay * (day - window.days / 2));
    const summerPhase = Math.cos((2 * Math.PI * ((dayOfYear[day] ?? 0) - 196)) / 365);
    PRODUCT_TYPES.forEach((type, typeIndex) => {
      factors[typeIndex * window.days + day] = overall * trend * Math.max(0.05, 1 + type.summerAmplitude * summerPhase);
    });
  }
  return factors;
}

export class DemandModel {
  readonly typeDay: Float32Array;
  readonly weekday: Uint8Array;
  /** Per location: share of demand x weekday multiplier, 7 entries each. */
  readonly locationWeekday: Float32Array[];
  readonly productFactor: Float32Array;
  readonly productPromotion: Int16Array;
  private readonly hypeByAge: Float32Array;
  private readonly promotionMasks: Uint8Array[];

  constructor(
    private readonly window: HistoryWindow,
    private readonly model: CatalogModel,
    private readonly plans: readonly PromotionPlan[],
    locationCount: number,
    annualGrowth: number,
  ) {
    this.typeDay = typeDayFactors(window, annualGrowth);
    this.weekday = calendarOf(window.startMs, window.days).weekday;
    const storeShare = locationCount > 1 ? STORE_DEMAND_SHARE / (locationCount - 1) : 0;
    this.locationWeekday = Array.from({ length: locationCount }, (_, location) => {
      const profile = location === 0 ? ONLINE_WEEKDAY : STORE_WEEKDAY;
      const share = location === 0 ? 1 - STORE_DEMAND_SHARE * (locationCount > 1 ? 1 : 0) : storeShare;
      const mean = profile.reduce((sum, value) => sum + value, 0) / 7;
      return Float32Array.from(profile, (value) => (share * value) / mean);
    });
    this.productFactor = new Float32Array(model.productLaunchDay.length);
    this.productPromotion = new Int16Array(model.productLaunchDay.length);
    this.promotionMasks = plans.map((plan) => {
      const mask = new Uint8Array(model.productLaunchDay.length);
      for (const product of plan.productIndices) mask[product] = 1;
      return mask;
    });
    this.hypeByAge = Float32Array.from({ length: 200 }, (_, age) => Math.exp(-age / HYPE_DECAY_DAYS));
  }

  /** Must be called before variantRate for a new day. */
  prepareDay(day: number): void {
    applyPromotionsForDay(this.plans, day, this.productFactor, this.productPromotion);
  }

  /** Launch hype and discontinuation fade; 0 outside the product's selling life. */
  lifecycle(product: number, day: number): number {
    const launch = this.model.productLaunchDay[product] ?? NEVER;
    const archive = this.model.productArchiveDay[product] ?? NEVER;
    if (day < launch || day >= archive) return 0;
    let factor = 1;
    const hype = this.model.productHype[product] ?? 0;
    if (hype > 0) factor += hype * (this.hypeByAge[day - launch] ?? 0);
    if (archive - day < FADE_OUT_DAYS) factor *= 0.4 + (0.6 * (archive - day)) / FADE_OUT_DAYS;
    return factor;
  }

  /** Expected lines/day for a variant across all locations, without promotions (what a planner sees). */
  baselineRate(variant: number, day: number): number {
    const product = this.model.variantProduct[variant] ?? 0;
    const type = this.model.variantType[variant] ?? 0;
    const clampedDay = Math.min(day, this.window.days - 1);
    return (this.model.variantWeight[variant] ?? 0) * (this.typeDay[type * this.window.days + clampedDay] ?? 0) * this.lifecycle(product, day);
  }

  /** Expected lines/day for a variant across all locations on a prepared day, promotions included. */
  rate(variant: number, day: number): number {
    const product = this.model.variantProduct[variant] ?? 0;
    return this.baselineRate(variant, day) * (this.productFactor[product] ?? 1);
  }

  /**
   * Promotion uplift a planner already knows about between fromDay and toDay,
   * in days of baseline demand (a 3-day promo at 2.5x adds 4.5).
   */
  plannedPromotionDays(product: number, fromDay: number, toDay: number): number {
    let extraDays = 0;
    this.plans.forEach((plan, planIndex) => {
      if (plan.endDay <= fromDay || plan.startDay >= toDay || !this.promotionMasks[planIndex]?.[product]) return;
      const overlap = Math.min(plan.endDay, toDay) - Math.max(plan.startDay, fromDay);
      extraDays += overlap * (upliftFor(plan.discountPct) - 1);
    });
    return extraDays;
  }

  /** Sum over days and variants of expected lines given which locations carry what; used to hit orderLines. */
  expectedTotalLines(carried: Uint8Array): number {
    const locationCount = this.locationWeekday.length;
    const variantCount = this.model.variantWeight.length;
    let total = 0;
    for (let day = 0; day < this.window.days; day++) {
      this.prepareDay(day);
      const weekday = this.weekday[day] ?? 0;
      for (let variant = 0; variant < variantCount; variant++) {
        const rate = this.rate(variant, day);
        if (rate === 0) continue;
        let locationSum = 0;
        for (let location = 0; location < locationCount; location++) {
          if (carried[variant * locationCount + location]) locationSum += this.locationWeekday[location]?.[weekday] ?? 0;
        }
        total += rate * locationSum;
      }
    }
    return total;
  }
}
