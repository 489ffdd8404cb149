/**
 * Promotion windows read off the sales themselves, for discounts no record names.
 *
 * One variant's discounted days show a promotion only on the days it happened to sell: on a slow
 * variant most promotion days sell nothing, and counting only the days with sales measures the
 * lift on the lucky days (a variant selling 0.5 units a day at ×2.5 sells on about half of them,
 * so its run of sale days shows about ×5). A product's variants (and locations) together sell on
 * far more days, so the window is read from them pooled: days mostly sold at a discount, merged
 * across gaps of a few days without a full-price sale, and every variant of the product gets the
 * whole window, its zero-sale days included.
 */
import type { PromoWindow } from "./cleaning";
import type { DailyDemandRow } from "./weekly";
import { fromDayNumber, toDayNumber } from "./weekly";

export interface ProductSalesSeries {
  productId: string;
  /** Regular unit price, to read the depth off revenue. */
  price: number | null;
  daily: readonly DailyDemandRow[];
}

export interface InferWindowOptions {
  /** A product-day is a promotion day when this share of its units sold at a discount. */
  shareThreshold?: number;
  /** Promotion days this far apart (with no full-price sale between) are one promotion. */
  maxGapDays?: number;
  /** A product discounted on more than this share of its selling days runs no promotions: discounting is its norm. */
  maxPromoDayShare?: number;
}

/** Per product, the promotion windows its pooled discounted sales show, each with the depth its discounted revenue shows. */
export function inferProductPromoWindows(series: readonly ProductSalesSeries[], options: InferWindowOptions = {}): Map<string, PromoWindow[]> {
  const threshold = options.shareThreshold ?? 0.5;
  const maxGap = options.maxGapDays ?? 3;
  const maxShare = options.maxPromoDayShare ?? 0.6;
  type Cell = { units: number; discounted: number; discountedRevenue: number; discountedListValue: number };
  const pooled = new Map<string, Map<number, Cell>>();
  for (const s of series) {
    const days = pooled.get(s.productId) ?? new Map<number, Cell>();
    for (const row of s.daily) {
      if (row.units <= 0) continue;
      const day = toDayNumber(row.date);
      const cell = days.get(day) ?? { units: 0, discounted: 0, discountedRevenue: 0, discountedListValue: 0 };
      cell.units += row.units;
      cell.discounted += row.discountedUnits ?? 0;
      if (s.price && s.price > 0 && row.discountedUnits > 0) {
        cell.discountedRevenue += row.revenue - (row.units - row.discountedUnits) * s.price;
        cell.discountedListValue += row.discountedUnits * s.price;
      }
      days.set(day, cell);
    }
    pooled.set(s.productId, days);
  }
  const windows = new Map<string, PromoWindow[]>();
  for (const [productId, days] of pooled) {
    const selling = [...days.entries()].sort((a, b) => a[0] - b[0]);
    const promo = selling.filter(([, c]) => c.discounted / c.units >= threshold).map(([d]) => d);
    if (promo.length === 0 || promo.length / selling.length > maxShare) continue;
    // Walk the selling days in order: a full-price sale ends the run, a promotion day extends it when near enough.
    const runs: { from: number; to: number; revenue: number; listValue: number }[] = [];
    let open = false;
    for (const [day, cell] of selling) {
      if (cell.discounted / cell.units < threshold) {
        open = false;
        continue;
      }
      const last = runs[runs.length - 1];
      if (open && last && day - last.to <= maxGap) last.to = day;
      else runs.push({ from: day, to: day, revenue: 0, listValue: 0 });
      open = true;
      runs[runs.length - 1]!.revenue += cell.discountedRevenue;
      runs[runs.length - 1]!.listValue += cell.discountedListValue;
    }
    windows.set(
      productId,
      runs.map((r) => ({
        start: fromDayNumber(r.from),
        end: fromDayNumber(r.to),
        ...(r.listValue > 0 ? { discountPct: Math.min(95, Math.max(0, 100 * (1 - r.revenue / r.listValue))) } : {}),
      })),
    );
  }
  return windows;
}
