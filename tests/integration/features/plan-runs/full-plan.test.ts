import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { installShop, testPrisma } from "../../sync/sync-support";
import { gridByGroup, pairsInGroup, type GroupPairRow } from "~/features/board/queries/grid.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { markVariantsDirty } from "~/platform/plan-dirty.server";
import { runFullPlan } from "~/features/plan-runs/full-plan.server";
import { readPlanCalibration } from "~/engine/plan/plan-calibration";
import { runIncrementalPlan } from "~/features/plan-runs/incremental-plan.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";

// The brand's history ends the day before the plan date, as a live shop's does.
const END = "2026-11-30";
const AS_OF = "2026-12-01";
const shopA = uniqueShopDomain("plan-a");
const shopB = uniqueShopDomain("plan-b");
let simulator: RunningSimulator;
const ids: Record<string, number> = {};

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain: shopA, seed: 21, variants: 60, historyDays: 730, endDate: END },
    { shopDomain: shopB, seed: 22, variants: 20, historyDays: 200, endDate: END },
  ]);
  for (const domain of [shopA, shopB]) {
    ids[domain] = await installShop(simulator, domain);
    const ctx = await loadSyncContext(ids[domain]!);
    await runCatalogBackfill(ctx);
    await runOrdersBackfill(ctx);
  }
}, 180_000);

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function plannableVariantIds(shopId: number): Promise<bigint[]> {
  const archived = new Set((await testPrisma.product.findMany({ where: { shopId, OR: [{ status: "ARCHIVED" }, { deletedAt: { not: null } }] } })).map((p) => p.id));
  const variants = await testPrisma.variant.findMany({ where: { shopId, deletedAt: null, tracked: true } });
  return variants.filter((v) => !archived.has(v.productId)).map((v) => v.id);
}

describe("full plan run", () => {
  it("forecasts and plans every stocked variant at every location, and makes the run the shop's plan", async () => {
    const shopId = ids[shopA]!;
    const result = await runFullPlan(shopId, "manual", { threads: 1, asOf: AS_OF });
    // Planned: stock levels of live, tracked variants whose product is not archived.
    const levels = await testPrisma.inventoryLevel.count({ where: { shopId, variantId: { in: await plannableVariantIds(shopId) } } });
    expect(result.pairs).toBe(levels);
    const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop.activePlanRunId).toBe(result.runId);
    const run = await testPrisma.planRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", kind: "FULL", trigger: "manual", progressDone: levels, progressTotal: levels });
    expect(run.asOf.toISOString().slice(0, 10)).toBe(AS_OF);

    const forecasts = await testPrisma.forecast.findMany({ where: { shopId, planRunId: result.runId } });
    const plans = await testPrisma.stockPlan.findMany({ where: { shopId, planRunId: result.runId } });
    expect(forecasts).toHaveLength(levels);
    expect(plans).toHaveLength(levels);
    for (const forecast of forecasts) {
      expect(forecast.mean).toHaveLength(26);
      expect(forecast.firstWeek.toISOString().slice(0, 10)).toBe("2026-11-30");
      expect(forecast.reason.length).toBeGreaterThan(20);
      expect(forecast.weekdayIndex).toHaveLength(7);
    }
    for (const plan of plans) {
      expect(plan.orderUpTo).toBeGreaterThanOrEqual(plan.reorderPoint);
      expect(plan.policyReason).toMatch(/service/);
      expect(plan.projectionReason.length).toBeGreaterThan(10);
      expect(plan.projected).toHaveLength(26);
    }
    // Busy variants get real policies; the shop's terms fall back to defaults (no suppliers yet).
    expect(plans.some((p) => p.safetyStock > 0)).toBe(true);
    expect(new Set(plans.map((p) => p.termsSource))).toEqual(new Set(["shop"]));

    const proposals = await testPrisma.reorderProposal.findMany({ where: { shopId } });
    expect(proposals.length).toBe(result.proposals);
    for (const proposal of proposals) {
      expect(proposal.quantity).toBeGreaterThan(0);
      expect(proposal.reason).toMatch(/Order \d+ to reach \d+/);
      expect(proposal.termsNote).toMatch(/shop defaults apply/);
    }
    const snapshots = await testPrisma.forecastSnapshot.count({ where: { shopId, weekStart: new Date("2026-12-07T00:00:00Z") } });
    expect(snapshots).toBe(levels);
  });

  it("stores the interval calibration each location learned from the shop's own history, and the policy's replay of its last weeks", async () => {
    const shopId = ids[shopA]!;
    const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const run = await testPrisma.planRun.findUniqueOrThrow({ where: { id: shop.activePlanRunId! } });
    const stored = readPlanCalibration(run.calibration);
    const locations = await testPrisma.location.findMany({ where: { shopId } });
    expect(stored?.locations.map((l) => l.locationId).sort()).toEqual(locations.map((l) => String(l.id)).sort());
    const learned = stored!.locations.find((l) => l.calibration !== null)!;
    expect(learned.calibration!.originsWeeksAgo).toEqual([13, 26]);
    const all = learned.calibration!.classes.find((c) => c.key === "all")!;
    expect(all.backtests).toBeGreaterThanOrEqual(20);
    expect(all.modelCoverage).toBeGreaterThan(0);
    expect(all.modelCoverage).toBeLessThan(1);
    const replayed = learned.replays!.find((r) => r.key === "all")!;
    expect(replayed.plan.cycles).toBeGreaterThan(0);
    expect(replayed.target).toBeGreaterThan(0.5);
    expect(replayed.plan.fillRate).toBeGreaterThan(0);
    // Every stored forecast of a calibrated route carries the map it was read through.
    const forecasts = await testPrisma.forecast.findMany({ where: { shopId, planRunId: run.id } });
    const calibrated = forecasts.filter((f) => f.source !== "analog");
    expect(calibrated.length).toBeGreaterThan(0);
    for (const f of calibrated) expect((f.distribution as { recalibration?: unknown }).recalibration).toBeDefined();
  });

  it("a second run replaces the first: old rows go, proposals are refreshed rather than duplicated", async () => {
    const shopId = ids[shopA]!;
    const before = await testPrisma.reorderProposal.findMany({ where: { shopId }, orderBy: { id: "asc" } });
    const first = (await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).activePlanRunId!;
    const second = await runFullPlan(shopId, "nightly", { threads: 1, asOf: AS_OF });
    expect(second.runId).not.toBe(first);
    expect(await testPrisma.forecast.count({ where: { shopId, planRunId: first } })).toBe(0);
    expect(await testPrisma.stockPlan.count({ where: { shopId, planRunId: first } })).toBe(0);
    const after = await testPrisma.reorderProposal.findMany({ where: { shopId }, orderBy: { id: "asc" } });
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
    expect(after.every((p) => p.planRunId === second.runId)).toBe(true);
  });

  it("an interrupted run leaves the last good plan in place and the next run clears what it left", async () => {
    const shopId = ids[shopA]!;
    const active = (await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).activePlanRunId!;
    const dead = await testPrisma.planRun.create({ data: { shopId, kind: "FULL", trigger: "nightly", asOf: new Date(`${AS_OF}T00:00:00Z`) } });
    const sample = await testPrisma.forecast.findFirstOrThrow({ where: { shopId, planRunId: active } });
    await testPrisma.forecast.create({ data: { ...sample, planRunId: dead.id, explanation: {}, distribution: {} } });
    // Screens still read the active run while the dead one's rows linger.
    expect((await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).activePlanRunId).toBe(active);

    const next = await runFullPlan(shopId, "nightly", { threads: 1, asOf: AS_OF });
    expect(await testPrisma.planRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "FAILED" });
    expect(await testPrisma.forecast.count({ where: { shopId, planRunId: dead.id } })).toBe(0);
    expect((await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).activePlanRunId).toBe(next.runId);
  });

  it("re-plans one variant from its stored forecast when its stock changes, and opens a stockout alert", async () => {
    const shopId = ids[shopA]!;
    const active = (await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).activePlanRunId!;
    // A best seller with nothing on order suddenly has nothing left.
    const [top] = await testPrisma.stockPlan
      .findMany({ where: { shopId, planRunId: active, inbound: 0, available: { gt: 0 } } })
      .then((rows) => rows.sort((a, b) => b.orderUpTo - a.orderUpTo));
    expect(top).toBeDefined();
    await testPrisma.inventoryLevel.updateMany({ where: { shopId, variantId: top!.variantId, locationId: top!.locationId }, data: { available: 0, onHand: 0 } });
    await inSqlTransaction((client) => markVariantsDirty(client, shopId, [top!.variantId]));

    const result = await runIncrementalPlan(shopId, "tempo", { asOf: AS_OF });
    expect(result).toMatchObject({ variants: 1, forecastOnTheSpot: 0, remaining: false });
    const plan = await testPrisma.stockPlan.findUniqueOrThrow({ where: { shopId_planRunId_variantId_locationId: { shopId, planRunId: active, variantId: top!.variantId, locationId: top!.locationId } } });
    expect(plan.available).toBe(0);
    expect(plan.projectedStockoutDate?.toISOString().slice(0, 10)).toBe(AS_OF);
    expect(plan.projectionReason).toContain("out of stock now");
    const alert = await testPrisma.alert.findFirst({ where: { shopId, variantId: top!.variantId, locationId: top!.locationId, kind: "STOCKOUT_RISK", status: "OPEN" } });
    expect(alert?.severity).toBe("CRITICAL");
    const proposal = await testPrisma.reorderProposal.findFirst({ where: { shopId, variantId: top!.variantId, locationId: top!.locationId, status: "PROPOSED" } });
    expect(proposal?.reason).toMatch(/out of stock now/);
    expect(await testPrisma.planDirtyVariant.count({ where: { shopId } })).toBe(0);
    // The other variants' rows were not touched by the re-plan.
    expect(await testPrisma.stockPlan.count({ where: { shopId, planRunId: active, updatedAt: { gt: plan.updatedAt } } })).toBe(0);

    // Stock back: the alert resolves itself.
    await testPrisma.inventoryLevel.updateMany({ where: { shopId, variantId: top!.variantId, locationId: top!.locationId }, data: { available: 500, onHand: 500 } });
    await inSqlTransaction((client) => markVariantsDirty(client, shopId, [top!.variantId]));
    await runIncrementalPlan(shopId, "tempo", { asOf: AS_OF });
    expect(await testPrisma.alert.findUniqueOrThrow({ where: { id: alert!.id } })).toMatchObject({ status: "RESOLVED" });
  });

  it("plans each shop on its own: another shop's run touches none of this shop's rows", async () => {
    const a = ids[shopA]!;
    const b = ids[shopB]!;
    const beforeA = await testPrisma.stockPlan.count({ where: { shopId: a } });
    const proposalsA = await testPrisma.reorderProposal.count({ where: { shopId: a } });
    const result = await runFullPlan(b, "manual", { threads: 1, asOf: AS_OF });
    expect(await testPrisma.stockPlan.count({ where: { shopId: b, planRunId: result.runId } })).toBe(result.pairs);
    expect(await testPrisma.stockPlan.count({ where: { shopId: a } })).toBe(beforeA);
    expect(await testPrisma.reorderProposal.count({ where: { shopId: a } })).toBe(proposalsA);
  });
});

describe("the board's grid on the stored plan", () => {
  it("a drilled group's variant-locations carry their past weeks' sales, and they add up to the group's row", async () => {
    const shopId = ids[shopA]!;
    const { activePlanRunId: runId } = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const plan = { asOf: AS_OF, weeks: 12, pastWeeks: 4, riskDays: 28 };
    const grid = await gridByGroup(shopId, runId!, "location", plan);
    expect(grid.length).toBeGreaterThan(0);
    for (const group of grid) {
      const rows: GroupPairRow[] = [];
      for (let offset = 0; offset < group.pairs; offset += 25) {
        rows.push(...(await pairsInGroup(shopId, runId!, "location", group.key, { weeks: 12, limit: 25, offset, asOf: AS_OF, pastWeeks: 4 })).rows);
      }
      expect(rows).toHaveLength(group.pairs);
      const summed = [0, 1, 2, 3].map((w) => rows.reduce((total, row) => total + row.sold[w]!, 0));
      // Sales of variants the plan no longer holds count in the group but in no row: the rows never exceed it.
      summed.forEach((units, w) => expect(units).toBeLessThanOrEqual(group.sold[w]! + 1e-9));
      expect(summed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
    // Pairs against their daily demand over the four weeks before the plan's week (Monday 30 Nov 2026);
    // sales with no location count at the location that fulfils online orders.
    const [primary] = await testPrisma.location.findMany({ where: { shopId, deletedAt: null }, orderBy: [{ fulfillsOnlineOrders: "desc" }, { id: "asc" }], take: 1 });
    for (const group of grid) {
      const [pair] = (await pairsInGroup(shopId, runId!, "location", group.key, { weeks: 12, limit: 1, offset: 0, asOf: AS_OF, pastWeeks: 4 })).rows;
      const locations = BigInt(pair!.locationId) === primary!.id ? [primary!.id, 0n] : [BigInt(pair!.locationId)];
      const days = await testPrisma.dailyDemand.findMany({ where: { shopId, variantId: BigInt(pair!.variantId), locationId: { in: locations }, day: { gte: new Date("2026-11-02"), lt: new Date("2026-11-30") } } });
      const byWeek = [0, 1, 2, 3].map((w) => days.filter((d) => Math.floor((d.day.getTime() - Date.UTC(2026, 10, 2)) / (7 * 86_400_000)) === w).reduce((a, d) => a + Number(d.units), 0));
      expect(pair!.sold).toEqual(byWeek);
    }
  });
});

describe("the board's collection roll-up", () => {
  it("counts each pair once in every collection of its product, and sums its weeks there", async () => {
    const shopId = ids[shopA]!;
    const { activePlanRunId: runId } = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const grid = await gridByGroup(shopId, runId!, "collection", { asOf: AS_OF, weeks: 12, pastWeeks: 4, riskDays: 28 });
    const [plans, forecasts, variants, products] = await Promise.all([
      testPrisma.stockPlan.findMany({ where: { shopId, planRunId: runId! } }),
      testPrisma.forecast.findMany({ where: { shopId, planRunId: runId! } }),
      testPrisma.variant.findMany({ where: { shopId } }),
      testPrisma.product.findMany({ where: { shopId } }),
    ]);
    const productOf = new Map(variants.map((v) => [v.id, products.find((p) => p.id === v.productId)]));
    const expected = new Map<string, { pairs: number; firstWeek: number }>();
    for (const plan of plans) {
      const forecast = forecasts.find((f) => f.variantId === plan.variantId && f.locationId === plan.locationId)!;
      const collections = productOf.get(plan.variantId)?.collections ?? [];
      for (const key of collections.length > 0 ? collections : ["No collection"]) {
        const entry = expected.get(key) ?? { pairs: 0, firstWeek: 0 };
        entry.pairs += 1;
        entry.firstWeek += Number(forecast.mean[0] ?? 0) + Number(forecast.promoUnits[0] ?? 0);
        expected.set(key, entry);
      }
    }
    expect(new Set(grid.map((row) => row.key))).toEqual(new Set(expected.keys()));
    for (const row of grid) {
      expect(row.pairs, row.key).toBe(expected.get(row.key)!.pairs);
      expect(row.demand[0], row.key).toBeCloseTo(expected.get(row.key)!.firstWeek, 6);
    }
  });
});
