/** Shared set-up for the sync integration tests: install a simulated shop without the browser flow. */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { RunningSimulator } from "../../simulator/server";
import { summarizeTruth, type TruthSummary } from "../../simulator/seed/truth";
import { TEST_APP } from "../../support/test-app";
import { acceptSyncWebhook, type SyncWebhook } from "~/sync/webhooks/accept.server";
import { applyPendingWebhooks } from "~/sync/webhooks/inbox-pass.server";

export const testPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });

/** What token exchange + afterAuth would store: an offline session and the Shop row. Returns the shop id. */
export async function installShop(simulator: RunningSimulator, domain: string): Promise<number> {
  const simShop = simulator.shop(domain);
  simShop.installed = true;
  const accessToken = simulator.issueOfflineToken(domain);
  await testPrisma.session.create({
    data: { id: `offline_${domain}`, shop: domain, state: "", isOnline: false, scope: TEST_APP.scopes.join(","), accessToken },
  });
  const data = simShop.store.data.shop;
  const shop = await testPrisma.shop.create({
    data: { domain, name: data.name, currencyCode: data.currencyCode, ianaTimezone: data.ianaTimezone, accessScopes: TEST_APP.scopes.join(",") },
  });
  return shop.id;
}

export function truthOf(simulator: RunningSimulator, domain: string): TruthSummary {
  return summarizeTruth(simulator.shop(domain).store.data);
}

export interface StoredTotals {
  products: number;
  variants: number;
  levels: number;
  orders: number;
  orderLines: number;
  unitsSold: number;
  netUnits: number;
  demandUnits: number;
  duplicateLines: number;
}

/** Row counts and unit sums the tests compare with the simulator's truth. */
export async function storedTotals(shopId: number): Promise<StoredTotals> {
  const [row] = await testPrisma.$queryRawUnsafe<Record<keyof StoredTotals, bigint | number | null>[]>(
    `SELECT
       (SELECT count(*) FROM "Product" WHERE "shopId" = $1 AND "deletedAt" IS NULL) AS products,
       (SELECT count(*) FROM "Variant" WHERE "shopId" = $1 AND "deletedAt" IS NULL) AS variants,
       (SELECT count(*) FROM "InventoryLevel" WHERE "shopId" = $1) AS levels,
       (SELECT count(*) FROM "Order" WHERE "shopId" = $1 AND "deletedAt" IS NULL) AS orders,
       (SELECT count(*) FROM "OrderLine" WHERE "shopId" = $1) AS "orderLines",
       (SELECT COALESCE(sum("quantity"), 0) FROM "OrderLine" WHERE "shopId" = $1) AS "unitsSold",
       (SELECT COALESCE(sum("quantity" - "refundedQuantity"), 0) FROM "OrderLine" WHERE "shopId" = $1) AS "netUnits",
       (SELECT COALESCE(sum("units"), 0) FROM "DailyDemand" WHERE "shopId" = $1) AS "demandUnits",
       (SELECT count(*) FROM (SELECT "id" FROM "OrderLine" WHERE "shopId" = $1 GROUP BY "id" HAVING count(*) > 1) d) AS "duplicateLines"`,
    shopId,
  );
  const out = {} as StoredTotals;
  for (const [key, value] of Object.entries(row ?? {})) out[key as keyof StoredTotals] = Number(value ?? 0);
  return out;
}

/** Net units per "variantId@locationId" from DailyDemand (location 0 = unknown). */
export async function demandByVariantLocation(shopId: number): Promise<Record<string, number>> {
  const rows = await testPrisma.dailyDemand.groupBy({ by: ["variantId", "locationId"], where: { shopId }, _sum: { units: true } });
  return Object.fromEntries(rows.map((r) => [`${r.variantId}@${r.locationId === 0n ? "" : r.locationId}`, r._sum.units ?? 0]));
}

/** Truth's net units with cancelled and test orders left out, as demand counts them. */
export function expectedDemand(simulator: RunningSimulator, domain: string): { total: number; byKey: Record<string, number> } {
  const byKey: Record<string, number> = {};
  let total = 0;
  for (const order of simulator.shop(domain).store.data.orders) {
    if (order.cancelledAt !== null || order.test) continue;
    for (const line of order.lineItems) {
      if (line.variantId === null) continue;
      const net = line.currentQuantity;
      if (net <= 0) continue;
      const key = `${line.variantId}@${order.locationId ?? ""}`;
      byKey[key] = (byKey[key] ?? 0) + net;
      total += net;
    }
  }
  return { total, byKey };
}

export type DeliveryOutcome = "applied" | "rejected" | "failed" | "duplicate" | "ignored" | "unknown-shop";

/**
 * A delivery as the route takes it and the worker applies it, in one call: recorded in
 * the inbox, then the shop's inbox drained. Says what became of this delivery.
 */
export async function deliverNow(webhook: SyncWebhook): Promise<DeliveryOutcome> {
  const accepted = await acceptSyncWebhook(webhook);
  if (accepted !== "accepted" && accepted !== "duplicate") return accepted;
  const shop = await testPrisma.shop.findUniqueOrThrow({ where: { domain: webhook.shopDomain } });
  for (;;) {
    const pass = await applyPendingWebhooks(shop.id);
    if (!pass.more && !pass.busy) break;
  }
  if (accepted === "duplicate") return "duplicate";
  const event = await testPrisma.webhookEvent.findUniqueOrThrow({ where: { shopId_webhookId: { shopId: shop.id, webhookId: webhook.webhookId } } });
  return event.status === "APPLIED" ? "applied" : event.status === "REJECTED" ? "rejected" : "failed";
}
