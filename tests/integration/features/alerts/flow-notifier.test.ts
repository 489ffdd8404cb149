import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { PLAN_DATE, plannedShop } from "../plan-support";
import { notifyOpenedAlerts } from "~/features/alerts/flow-notifier.server";
import { runIncrementalPlan } from "~/features/plan-runs/incremental-plan.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { markVariantsDirty } from "~/platform/plan-dirty.server";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";

const domain = uniqueShopDomain("flow-notifier");
let simulator: RunningSimulator;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 9, variants: 12, historyDays: 120 }]);
  ({ shopId } = await plannedShop(simulator, domain));
}, 120_000);

afterAll(async () => {
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("the alerts' Flow notifier", () => {
  it("sends a stockout alert a plan run opened to the stockout-risk trigger once, and kinds without a trigger to none", async () => {
    const { activePlanRunId } = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const [top] = await testPrisma.stockPlan
      .findMany({ where: { shopId, planRunId: activePlanRunId!, inbound: 0, available: { gt: 0 } } })
      .then((rows) => rows.sort((a, b) => b.orderUpTo - a.orderUpTo));
    await testPrisma.alert.deleteMany({ where: { shopId, variantId: top!.variantId } });
    await testPrisma.inventoryLevel.updateMany({ where: { shopId, variantId: top!.variantId, locationId: top!.locationId }, data: { available: 0, onHand: 0 } });
    await inSqlTransaction((client) => markVariantsDirty(client, shopId, [top!.variantId]));
    const { opened } = (await runIncrementalPlan(shopId, "tempo", { asOf: PLAN_DATE }))!;
    const stockout = opened.find((a) => a.kind === "STOCKOUT_RISK" && a.variantId === String(top!.variantId));
    expect(stockout).toBeDefined();

    const shop = { id: shopId, domain };
    expect(await notifyOpenedAlerts(shop, opened)).toEqual({ sent: opened.filter((a) => a.kind === "STOCKOUT_RISK").length, failed: 0 });
    const sent = simulator.flowTriggers(domain);
    expect(sent.every((t) => t.handle === "stockout-risk")).toBe(true);
    expect(sent.find((t) => t.payload["Variant ID"] === `gid://shopify/ProductVariant/${top!.variantId}`)?.payload).toMatchObject({ "Projected stockout date": PLAN_DATE, Severity: "critical" });
    expect((await testPrisma.alert.findUniqueOrThrow({ where: { id: stockout!.id } })).flowTriggeredAt).not.toBeNull();

    // Told again about the same alerts, it sends nothing.
    expect(await notifyOpenedAlerts(shop, opened)).toEqual({ sent: 0, failed: 0 });
    expect(simulator.flowTriggers(domain)).toHaveLength(sent.length);
  });
});
