import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { upliftFor } from "../../../simulator/seed/promotions";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { backfilledShop, HISTORY_END, PLAN_DATE } from "../plan-support";
import { closePgPool } from "~/platform/pg-pool.server";
import { findShopById } from "~/platform/shops.server";
import { runFullPlan } from "~/features/plan-runs/full-plan.server";
import { learnedLift } from "~/features/promotions/check.server";
import { bucketOf, type UpliftModel } from "~/engine/forecast/uplift";
import { syncDiscounts } from "~/sync/discounts-sync.server";
import { loadSyncContext } from "~/sync/shop-context.server";

// The learned uplift against the one the generator applied: each past promotion lifts demand by
// upliftFor(its depth). A depth bucket's truth is those lifts' geometric mean weighted by the
// promotion's product-days (how much of the history it covered).
const domain = uniqueShopDomain("uplift-truth");
let simulator: RunningSimulator;
let shopId: number;
/** Learned within this share of the truth, at every depth the brand ran promotions at. */
const TOLERANCE = 0.15;
/** Without the discounts' own windows the outlook reads them off the products' pooled sales, one location at a time: a little looser. */
const INFERRED_TOLERANCE = 0.2;

interface BucketTruth {
  bucket: number;
  lift: number;
  promotions: number;
}

function truthByBucket(model: UpliftModel): BucketTruth[] {
  const promotions = simulator.shop(domain).store.data.truth.promotions;
  return model.buckets
    .map((_, bucket) => {
      const inBucket = promotions.filter((p) => bucketOf(100 * p.discountPct, model.buckets) === bucket);
      const weight = (p: (typeof promotions)[number]) => p.productIds.length * ((Date.parse(p.endsAt) - Date.parse(p.startsAt)) / 86_400_000);
      const total = inBucket.reduce((a, p) => a + weight(p), 0);
      const lift = Math.exp(inBucket.reduce((a, p) => a + weight(p) * Math.log(upliftFor(p.discountPct)), 0) / total);
      return { bucket, lift, promotions: inBucket.length };
    })
    .filter((t) => t.promotions > 0);
}

async function storedModel(): Promise<UpliftModel> {
  return (await findShopById(shopId))!.upliftModel as unknown as UpliftModel;
}

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 51, variants: 150, historyDays: 730, endDate: HISTORY_END }]);
  shopId = await backfilledShop(simulator, domain);
}, 240_000);

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("the learned uplift against the generator's", () => {
  it("lands within 20% of the truth at every depth before Shopify's discounts are read (windows read off the sales)", async () => {
    await runFullPlan(shopId, "manual", { threads: 1, asOf: PLAN_DATE });
    const model = await storedModel();
    const truths = truthByBucket(model);
    expect(truths.length).toBeGreaterThanOrEqual(2);
    for (const truth of truths) {
      const learned = model.shop.byBucket[truth.bucket]!;
      expect(Math.abs(learned.lift / truth.lift - 1), `${model.buckets[truth.bucket]!.label}: learned ×${learned.lift.toFixed(2)}, true ×${truth.lift.toFixed(2)}`).toBeLessThan(INFERRED_TOLERANCE);
    }
  }, 240_000);

  it("lands within 15% at every depth once the past discounts' own windows are known, and says how many distinct promotions it rests on", async () => {
    await syncDiscounts(await loadSyncContext(shopId));
    await runFullPlan(shopId, "manual", { threads: 1, asOf: PLAN_DATE });
    const model = await storedModel();
    const truths = truthByBucket(model);
    expect(truths.length).toBeGreaterThanOrEqual(2);
    for (const truth of truths) {
      const learned = model.shop.byBucket[truth.bucket]!;
      const label = model.buckets[truth.bucket]!.label;
      expect(Math.abs(learned.lift / truth.lift - 1), `${label}: learned ×${learned.lift.toFixed(2)}, true ×${truth.lift.toFixed(2)}`).toBeLessThan(TOLERANCE);
      // Distinct promotions, not the hundreds of variant runs or days they cover.
      expect(learned.promotions, JSON.stringify(learned.promotionSpans)).toBe(truth.promotions);
      expect(learned.events).toBeGreaterThan(truth.promotions);
      const depth = Number(label.match(/^\d+/)![0]) + 1;
      const groups = Object.keys(model.groups);
      const shown = learnedLift(model, depth, groups);
      expect(shown.events).toBe(truth.promotions);
      expect(shown.reason).toContain(`learned from ${truth.promotions} past promotion${truth.promotions === 1 ? "" : "s"} of these products at ${label} off`);
    }
  }, 240_000);
});

describe("a finished promotion's actual lift", () => {
  it("is measured when it becomes DONE, stored with the lift it was planned with, and blended into the next estimates", async () => {
    // The brand's third flash sale, planned in Tempo before it ran: 40% off its products for three days.
    const flash = simulator.shop(domain).store.data.truth.promotions.find((p) => p.code === "FLASH3")!;
    const variants = await testPrisma.variant.findMany({ where: { shopId, productId: { in: flash.productIds.map(BigInt) } }, select: { id: true, productId: true } });
    const startsOn = flash.startsAt.slice(0, 10);
    const endsOn = new Date(Date.parse(flash.endsAt) - 86_400_000).toISOString().slice(0, 10);
    await runFullPlan(shopId, "manual", { threads: 1, asOf: "2026-10-05" });
    const promotion = await testPrisma.promotion.create({
      data: {
        shopId,
        name: "Flash sale",
        startsOn: new Date(`${startsOn}T00:00:00Z`),
        endsOn: new Date(`${endsOn}T00:00:00Z`),
        discountPct: 100 * flash.discountPct,
        status: "PLANNED",
        selection: { productIds: flash.productIds },
        variants: { create: variants.map((v) => ({ shopId, variantId: v.id })) },
      },
    });
    // Planned with the lift the editor showed: the learned one over the products' groups (product types).
    const products = await testPrisma.product.findMany({ where: { shopId, id: { in: flash.productIds.map(BigInt) } }, select: { id: true, productType: true } });
    const groups = variants.map((v) => {
      const product = products.find((p) => p.id === v.productId)!;
      return product.productType || `product:${product.id}`;
    });
    const plannedWith = learnedLift(await storedModel(), 100 * flash.discountPct, groups).lift;

    await runFullPlan(shopId, "manual", { threads: 1, asOf: "2026-10-20" });
    const done = await testPrisma.promotion.findUniqueOrThrow({ where: { id: promotion.id } });
    expect(done.status).toBe("DONE");
    // Against the generator's own lift for 40% off, within 30% (three products over three days).
    const truth = upliftFor(flash.discountPct);
    expect(Math.abs(done.actualUplift! / truth - 1), `actual ×${done.actualUplift}, true ×${truth}`).toBeLessThan(0.3);
    expect(done.plannedUplift).toBeCloseTo(plannedWith, 6);
    expect(done.actualUnits! / done.actualBaselineUnits!).toBeCloseTo(done.actualUplift!, 9);
    expect(done.actualUpliftNote).toMatch(/^Sold \d+ against a baseline of \d+ over \d+ variant-days: ×\d(\.\d)?, against ×\d(\.\d)? planned/);

    // The next model rests on it as a measured promotion, counted once with the history's.
    const model = await storedModel();
    const at40 = model.shop.byBucket[2]!;
    expect(at40.measured).toBe(1);
    const ranBefore = simulator.shop(domain).store.data.truth.promotions.filter((p) => p.discountPct >= 0.3 && p.startsAt.slice(0, 10) <= endsOn);
    expect(at40.promotions).toBe(ranBefore.length);
    expect(Math.abs(at40.lift / truth - 1)).toBeLessThan(0.3);

    // Measured once: a later run leaves it as it was.
    await runFullPlan(shopId, "manual", { threads: 1, asOf: "2026-10-27" });
    const again = await testPrisma.promotion.findUniqueOrThrow({ where: { id: promotion.id } });
    expect(again.actualMeasuredAt).toEqual(done.actualMeasuredAt);
  }, 240_000);
});
