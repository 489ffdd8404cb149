// Learned promotion uplift against the generator's truth:
//   npx tsx tests/bench/promo/uplift-accuracy.ts [--seed 51] [--variants 150] [--windows known|inferred|own]
// Every variant-location history goes through the outlook's cleaning and event extraction, one
// location at a time as the plan runs it; the shop's uplift model is estimated from all events and
// each depth bucket's learned lift is printed beside the lift the generator applied to the
// promotions in it (upliftFor of each promotion's depth, weighted by the events' baseline units).
// --windows: known = the discounts' own windows (as the plan passes them from Shopify's discounts),
// inferred = read off each product's pooled discounted sales (the default when no discount names them),
// own = each variant's own discounted days (what the engine did before).
import type { PromoWindow } from "../../../app/engine/forecast/cleaning";
import { buildDemandOutlook, type VariantDemandInput } from "../../../app/engine/forecast/index";
import { bucketOf, estimateUplift, type PromoEvent } from "../../../app/engine/forecast/uplift";
import type { DailyDemandRow } from "../../../app/engine/forecast/weekly";
import { generateBrand } from "../../simulator/seed/brand-generator";
import { upliftFor } from "../../simulator/seed/promotions";

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const seed = Number(argument("seed", "51"));
const variantCount = Number(argument("variants", "150"));
const windowsMode = argument("windows", "inferred");
const DAY_MS = 86_400_000;
const day = (iso: string) => iso.slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const asOf = "2026-11-30";

const data = generateBrand({ seed, variants: variantCount, historyDays: 730, endDate: asOf });
// Net units per variant-location and day, discounted units and revenue net of discounts, as the app stores them.
const rows = new Map<string, Map<string, DailyDemandRow>>();
for (const order of data.orders) {
  if (order.locationId === null) continue;
  const date = day(order.processedAt);
  const refunded = new Map<string, number>();
  for (const refund of order.refunds) for (const line of refund.refundLineItems) refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
  for (const line of order.lineItems) {
    if (line.variantId === null || line.quantity <= 0) continue;
    const units = line.quantity - (refunded.get(line.id) ?? 0);
    const key = `${line.variantId}@${order.locationId}`;
    const days = rows.get(key) ?? new Map<string, DailyDemandRow>();
    const row = days.get(date) ?? { date, units: 0, discountedUnits: 0, revenue: 0 };
    const discount = line.discountAllocations.reduce((a, d) => a + Number(d.amount), 0);
    row.units += units;
    if (line.discountAllocations.length > 0) row.discountedUnits += units;
    row.revenue += (units / line.quantity) * (line.quantity * Number(line.originalUnitPrice) - discount);
    days.set(date, row);
    rows.set(key, days);
  }
}

const products = new Map(data.products.map((p) => [p.id, p]));
const knownWindows = (productId: string): PromoWindow[] =>
  data.truth.promotions
    .filter((p) => p.productIds.includes(productId))
    .map((p) => ({ start: day(p.startsAt), end: addDays(day(p.endsAt), -1), discountPct: 100 * p.discountPct }));
const events: PromoEvent[] = [];
for (const location of data.locations) {
  const inputs: VariantDemandInput[] = [];
  for (const variant of data.variants) {
    const key = `${variant.id}@${location.id}`;
    const daily = [...(rows.get(key)?.values() ?? [])];
    const product = products.get(variant.productId);
    if (daily.length === 0 || !product) continue;
    inputs.push({
      variantId: key,
      productId: product.id,
      productType: product.productType,
      vendor: product.vendor,
      locationId: location.id,
      createdAt: variant.createdAt,
      price: Number(variant.price),
      daily,
      stockouts: data.truth.stockouts.filter((s) => s.variantId === variant.id && s.locationId === location.id).map((s) => ({ from: day(s.from), to: addDays(day(s.to), -1) })),
      ...(windowsMode === "known" ? { promoWindows: knownWindows(product.id) } : {}),
    });
  }
  // A one-week horizon and a flat forecaster: only the cleaning and the events are measured here.
  buildDemandOutlook(inputs, {
    asOf: addDays(asOf, 1),
    horizonWeeks: 1,
    inferPromoWindows: windowsMode === "inferred",
    forecaster: (y) => ({ model: "naive", modelLabel: "naive", demandClass: "smooth", adi: 1, cv2: 0, forecast: { mean: [y[y.length - 1] ?? 0], quantiles: {} }, backtest: null, distribution: { kind: "normal", mean: [0], sd: [0] } }) as never,
    onPromoEvents: (found) => events.push(...found),
  });
}
const model = estimateUplift(events);

const variantProduct = new Map(data.variants.map((v) => [v.id, v.productId]));
const promotionOf = (event: PromoEvent) => {
  const productId = variantProduct.get(event.variantId.split("@")[0] ?? "");
  return data.truth.promotions.find((p) => productId && p.productIds.includes(productId) && event.start <= addDays(day(p.endsAt), -1) && event.end >= day(p.startsAt));
};
console.log(`seed ${seed}, ${data.variants.length} variants, windows ${windowsMode}: ${events.length} promotion runs over ${data.truth.promotions.length} promotions`);
for (const p of data.truth.promotions) console.log(`  ${p.code.padEnd(9)} ${day(p.startsAt)} ${String(p.productIds.length).padStart(3)} products ${Math.round(p.discountPct * 100)}% off: true ×${upliftFor(p.discountPct).toFixed(2)}`);
model.buckets.forEach((bucket, b) => {
  const inBucket = events.filter((e) => e.depthPct !== null && bucketOf(e.depthPct, model.buckets) === b);
  let weight = 0;
  let logTruth = 0;
  for (const event of inBucket) {
    const promotion = promotionOf(event);
    if (!promotion) continue;
    weight += event.baselineUnits;
    logTruth += event.baselineUnits * Math.log(upliftFor(promotion.discountPct));
  }
  const learned = model.shop.byBucket[b]!;
  const truth = weight > 0 ? Math.exp(logTruth / weight) : NaN;
  console.log(
    `${bucket.label.padEnd(7)} ${String(learned.promotions ?? 0).padStart(2)} promotions ${String(inBucket.length).padStart(4)} runs  learned ×${learned.lift.toFixed(2)}  truth ×${truth.toFixed(2)}  learned/truth ${(learned.lift / truth).toFixed(2)}`,
  );
});
