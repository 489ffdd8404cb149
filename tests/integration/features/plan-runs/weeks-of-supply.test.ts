/**
 * Weeks of supply has one definition, the engine's forward coverage of the forecast, and every
 * surface shows it: the board (a drilled group's rows and the shop's tile), the variant page,
 * the proposals table and its live preview, the product page block and the Flow trigger. The
 * variant read is seasonal (its coming weeks sell far above its horizon's average), where a
 * flat weekly rate gives another number.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { backfilledShop, HISTORY_END, PLAN_DATE } from "../plan-support";
import { demandForecastOf, weeksOfSupply, type DemandForecast } from "~/engine/projection";
import { runFullPlan } from "~/features/plan-runs/full-plan.server";
import { runIncrementalPlan } from "~/features/plan-runs/incremental-plan.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { markVariantsDirty } from "~/platform/plan-dirty.server";
import { getBoardView } from "~/features/board/view.server";
import { getVariantDetail } from "~/features/variant/detail.server";
import { getProposalsView } from "~/features/proposals/view.server";
import { weeksOfSupply as previewWeeksOfSupply } from "~/features/proposals/line-preview";
import { getProductStockOutlook } from "~/features/product-outlook/outlook.server";
import { notifyOpenedAlerts } from "~/features/alerts/flow-notifier.server";
import { closePgPool } from "~/platform/pg-pool.server";

const shopDomain = uniqueShopDomain("wos");
let simulator: RunningSimulator;
let shopId: number;
/** The seasonal pair, planned with about two and a half peak weeks of stock. */
let pair: { variantId: bigint; locationId: bigint; productId: bigint; productTitle: string; productType: string; locationName: string };
let coverage: number;
let forecast: DemandForecast;

const stored = (row: { firstWeek: Date; mean: number[]; promoUnits: number[]; weekdayIndex: number[] }) => ({ ...row, firstWeek: row.firstWeek.toISOString().slice(0, 10) });
const average = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, seed: 41, variants: 40, historyDays: 730, endDate: HISTORY_END }]);
  shopId = await backfilledShop(simulator, shopDomain);
  const first = await runFullPlan(shopId, "manual", { threads: 1, asOf: PLAN_DATE });

  // The busy pair whose next four weeks sell most above its horizon's average.
  const forecasts = await testPrisma.forecast.findMany({ where: { shopId, planRunId: first.runId } });
  const [seasonal] = forecasts
    .map((f) => ({ f, weekly: demandForecastOf(stored(f), PLAN_DATE).weeklyDemand }))
    .filter(({ weekly }) => average(weekly.slice(0, 4)) >= 3)
    .sort((a, b) => average(b.weekly.slice(0, 4)) / average(b.weekly) - average(a.weekly.slice(0, 4)) / average(a.weekly));
  expect(seasonal).toBeDefined();
  expect(average(seasonal!.weekly.slice(0, 4)) / average(seasonal!.weekly)).toBeGreaterThan(1.4);

  // Stock for about two and a half of its peak weeks, nothing coming: it runs out before a new order can arrive.
  const { variantId, locationId } = seasonal!.f;
  const units = Math.round(2.5 * average(seasonal!.weekly.slice(0, 3)));
  await testPrisma.inventoryLevel.updateMany({ where: { shopId, variantId, locationId }, data: { available: units, onHand: units, incoming: 0 } });
  await runFullPlan(shopId, "manual", { threads: 1, asOf: PLAN_DATE });

  const variant = await testPrisma.variant.findUniqueOrThrow({ where: { shopId_id: { shopId, id: variantId } } });
  const product = await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: variant.productId } } });
  const location = await testPrisma.location.findUniqueOrThrow({ where: { shopId_id: { shopId, id: locationId } } });
  pair = { variantId, locationId, productId: variant.productId, productTitle: product.title, productType: product.productType || "No product type", locationName: location.name };

  const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  const plan = await testPrisma.stockPlan.findUniqueOrThrow({ where: { shopId_planRunId_variantId_locationId: { shopId, planRunId: shop.activePlanRunId!, variantId, locationId } } });
  const row = await testPrisma.forecast.findUniqueOrThrow({ where: { shopId_planRunId_variantId_locationId: { shopId, planRunId: shop.activePlanRunId!, variantId, locationId } } });
  forecast = demandForecastOf(stored(row), PLAN_DATE);
  expect(plan.available).toBe(units);
  coverage = weeksOfSupply(plan.available, forecast)!;
  // The stored figure is the engine's forward coverage, exactly.
  expect(plan.weeksOfSupply).toBe(coverage);
  // And a flat rate would say something else: the old preview's stock over the 13-week average.
  expect(Math.abs(units / average(forecast.weeklyDemand.slice(0, 13)) - coverage)).toBeGreaterThan(0.5);
}, 240_000);

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("weeks of supply on every surface", () => {
  it("the board's rows for the variant's group", async () => {
    const shop = { id: shopId, domain: shopDomain };
    let found: { weeksOfSupply: number | null } | undefined;
    for (let page = 1; !found; page++) {
      const view = await getBoardView(shop, new URLSearchParams({ rollup: "productType", group: pair.productType, page: String(page) }));
      expect(view.drill?.rows.length).toBeGreaterThan(0);
      found = view.drill!.rows.find((r) => r.variantId === pair.variantId.toString() && r.locationId === pair.locationId.toString());
    }
    expect(found.weeksOfSupply).toBe(coverage);
  });

  it("the board's tile: the shop's available stock pooled against every pair's forecast", async () => {
    const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const [plans, forecasts] = await Promise.all([
      testPrisma.stockPlan.findMany({ where: { shopId, planRunId: shop.activePlanRunId! } }),
      testPrisma.forecast.findMany({ where: { shopId, planRunId: shop.activePlanRunId! } }),
    ]);
    const pooled = weeksOfSupply(
      plans.reduce((sum, p) => sum + Math.max(0, p.available), 0),
      forecasts.map((f) => demandForecastOf(stored(f), PLAN_DATE)),
    );
    expect(pooled).not.toBeNull();
    const view = await getBoardView({ id: shopId, domain: shopDomain }, new URLSearchParams());
    expect(view.current.weeksOfSupply).toBe(pooled);
  });

  it("the variant page", async () => {
    const detail = await getVariantDetail(shopId, pair.variantId);
    const location = detail?.locations.find((l) => l.locationId === pair.locationId.toString());
    expect(location?.numbers.weeksOfSupply).toBe(coverage);
  });

  it("the proposals table, and its preview now at any quantity and after at the line's own", async () => {
    let line: Awaited<ReturnType<typeof getProposalsView>>["lines"][number] | undefined;
    for (let page = 1; !line; page++) {
      const view = await getProposalsView(shopId, new URLSearchParams({ tab: "review", page: String(page) }));
      expect(view.lines.length).toBeGreaterThan(0);
      line = view.lines.find((l) => l.variantId === pair.variantId.toString() && l.locationId === pair.locationId.toString());
    }
    expect(line.forecast).toEqual(forecast);
    for (const quantity of [line.quantity, 0, 1, 10_000]) expect(previewWeeksOfSupply(line, quantity).now).toBe(coverage);
    // After: this order and everything on order counted from the plan date, by the same function.
    expect(previewWeeksOfSupply(line, line.quantity).after).toBe(weeksOfSupply(Math.max(0, line.available) + line.inbound + line.quantity, forecast));
    expect(previewWeeksOfSupply(line, line.quantity).after!).toBeGreaterThan(coverage);
  });

  it("the product page block", async () => {
    const outlook = await getProductStockOutlook(shopDomain, pair.productId);
    expect(outlook.state).toBe("ready");
    const variant = outlook.state === "ready" ? outlook.variants.find((v) => v.variantId === pair.variantId.toString()) : undefined;
    expect(variant?.locations.find((l) => l.locationId === pair.locationId.toString())?.weeksOfSupply).toBe(coverage);
  });

  it("the Shopify Flow trigger of its stockout alert", async () => {
    const alert = await testPrisma.alert.findFirstOrThrow({ where: { shopId, variantId: pair.variantId, locationId: pair.locationId, kind: "STOCKOUT_RISK", status: "OPEN" } });
    expect(await notifyOpenedAlerts({ id: shopId, domain: shopDomain }, [{ id: alert.id, kind: alert.kind }])).toEqual({ sent: 1, failed: 0 });
    const sent = simulator.flowTriggers(shopDomain).filter((t) => t.payload["Variant ID"] === `gid://shopify/ProductVariant/${pair.variantId}` && t.payload["Location name"] === pair.locationName);
    expect(sent).toHaveLength(1);
    // Flow's number field carries one decimal.
    expect(sent[0]!.payload["Weeks of supply"]).toBe(Math.round(coverage * 10) / 10);
  });

  it("the preview after a re-plan on a later day: the row's own plan date, not its run's", async () => {
    const later = "2026-12-03";
    await inSqlTransaction((client) => markVariantsDirty(client, shopId, [pair.variantId]));
    expect(await runIncrementalPlan(shopId, "tempo", { asOf: later })).toMatchObject({ variants: 1 });
    const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const plan = await testPrisma.stockPlan.findUniqueOrThrow({ where: { shopId_planRunId_variantId_locationId: { shopId, planRunId: shop.activePlanRunId!, variantId: pair.variantId, locationId: pair.locationId } } });
    expect(plan.asOf.toISOString().slice(0, 10)).toBe(later);
    expect(plan.weeksOfSupply).not.toBe(coverage);
    const view = await getProposalsView(shopId, new URLSearchParams({ tab: "review", q: pair.productTitle }));
    const line = view.lines.find((l) => l.variantId === pair.variantId.toString() && l.locationId === pair.locationId.toString());
    expect(line?.forecast?.asOf).toBe(later);
    expect(previewWeeksOfSupply(line!, line!.quantity).now).toBe(plan.weeksOfSupply);
  });
});
