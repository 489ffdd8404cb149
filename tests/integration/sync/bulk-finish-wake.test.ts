/** The bulk_operations/finish webhook ends the wait for an export, not the next status poll. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { closePgPool } from "~/platform/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { acceptSyncWebhook } from "~/sync/webhooks/accept.server";
import { installShop, testPrisma } from "./sync-support";

const domain = uniqueShopDomain("bulk-wake");
let simulator: RunningSimulator;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 51, variants: 10, historyDays: 30 }]);
  shopId = await installShop(simulator, domain);
});

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("waiting for a bulk export", () => {
  it("wakes when bulk_operations/finish is received, though the next poll is a minute away", { timeout: 30_000 }, async () => {
    simulator.shop(domain).faults.bulkHoldMs = 1_500;
    const started = Date.now();
    const backfill = runCatalogBackfill(await loadSyncContext(shopId), { pollMs: 60_000, maxPollMs: 60_000 });
    let operationId: string | null = null;
    while (!operationId) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      operationId = (await testPrisma.syncRun.findFirst({ where: { shopId, kind: "CATALOG_BACKFILL" } }))?.bulkOperationId ?? null;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the export is written by now
    // As the route passes it on (the simulator's own delivery goes to no app here).
    const accepted = await acceptSyncWebhook({
      topic: "bulk_operations/finish",
      shopDomain: domain,
      webhookId: "bulk-wake-1",
      payload: { admin_graphql_api_id: operationId, status: "completed" },
    });
    expect(accepted).toBe("accepted");
    const run = await backfill;
    expect(run.status).toBe("SUCCEEDED");
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
