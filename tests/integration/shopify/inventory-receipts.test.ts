import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { installShop, testPrisma } from "../sync/sync-support";
import { closePgPool } from "~/platform/pg-pool.server";
import {
  addReceivedStock,
  grantAllowsReceiving,
  MissingScopeError,
  purchaseOrderDocumentUri,
  StockReceiptError,
  type ReceivedStock,
} from "~/shopify/inventory-receipts.server";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { startWebhookInbox, type WebhookInbox } from "~/sync/webhook-inbox.server";

const domain = uniqueShopDomain("receipts");
let simulator: RunningSimulator;
let app: RunningAppServer;
let shopId: number;
let inbox: WebhookInbox;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 43, variants: 12, historyDays: 30 }]);
  app = await startAppServer(TEST_APP_PORT);
  shopId = await installShop(simulator, domain);
  await runCatalogBackfill(await loadSyncContext(shopId));
  // Webhooks are recorded by the route and applied by the worker's inbox.
  inbox = await startWebhookInbox();
});

afterAll(async () => {
  await inbox?.close();
  await app?.close();
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

const sim = () => simulator.shop(domain);
const stocked = (i: number) => sim().store.data.inventoryLevels[i]!;
const simAvailable = (itemId: string, locationId: string) => sim().store.activeLevel(itemId, locationId)!.quantities.available;
const levelUpdates = () => simulator.webhooks.log.filter((d) => d.shop === domain && d.topic === "inventory_levels/update");

async function tempoLevel(inventoryItemId: string, locationId: string) {
  return testPrisma.inventoryLevel.findUniqueOrThrow({
    where: { shopId_inventoryItemId_locationId: { shopId, inventoryItemId: BigInt(inventoryItemId), locationId: BigInt(locationId) } },
  });
}

describe("receiving a purchase order into Shopify's stock", () => {
  const level = () => stocked(0);
  const variantOf = (inventoryItemId: string) => sim().store.data.variants.find((v) => v.inventoryItemId === inventoryItemId)!;
  let receipt: ReceivedStock;
  let adjustmentGroupId: string;

  it("adds the units in Shopify, and Shopify's webhook brings the new level into Tempo and marks the variant for re-planning", async () => {
    const { inventoryItemId, locationId } = level();
    const variantId = BigInt(variantOf(inventoryItemId).id);
    const before = simAvailable(inventoryItemId, locationId);
    const tempoBefore = (await tempoLevel(inventoryItemId, locationId)).available;
    expect(tempoBefore).toBe(before);
    await testPrisma.planDirtyVariant.deleteMany({ where: { shopId, variantId } });
    const webhooksBefore = levelUpdates().length;
    receipt = { lines: [{ inventoryItemId, locationId, units: 48 }], referenceDocumentUri: purchaseOrderDocumentUri(7), idempotencyKey: "po-7-receipt-1" };

    ({ adjustmentGroupId } = await addReceivedStock(await throttledOfflineGraphql(domain), receipt));

    expect(simAvailable(inventoryItemId, locationId)).toBe(before + 48);
    expect(sim().inventoryAdjustmentGroups.map((g) => [g.id, g.reason, g.referenceDocumentUri])).toEqual([[adjustmentGroupId, "received", "gid://tempo-sop/PurchaseOrder/7"]]);
    await simulator.webhooks.flush(domain);
    await inbox.drain(shopId);
    const sent = levelUpdates().slice(webhooksBefore);
    expect(sent.map((d) => [d.state, JSON.parse(d.body) as unknown])).toEqual([
      ["delivered", expect.objectContaining({ inventory_item_id: Number(inventoryItemId), location_id: Number(locationId), available: before + 48 })],
    ]);
    expect((await tempoLevel(inventoryItemId, locationId)).available).toBe(before + 48);
    expect(await testPrisma.planDirtyVariant.count({ where: { shopId, variantId } })).toBe(1);
  });

  it("changes nothing when the same receipt is sent again with its key", async () => {
    const { inventoryItemId, locationId } = level();
    const after = simAvailable(inventoryItemId, locationId);
    const webhooks = levelUpdates().length;

    const retry = await addReceivedStock(await throttledOfflineGraphql(domain), receipt);

    expect(retry).toEqual({ adjustmentGroupId });
    expect(simAvailable(inventoryItemId, locationId)).toBe(after);
    await simulator.webhooks.flush(domain);
    await inbox.drain(shopId);
    expect(levelUpdates()).toHaveLength(webhooks);
    expect(sim().inventoryAdjustmentGroups).toHaveLength(1);
  });

  it("refuses a line whose item Shopify does not know, with the line and the item named, and adds nothing", async () => {
    const { inventoryItemId, locationId } = stocked(1);
    const before = simAvailable(inventoryItemId, locationId);
    const bad: ReceivedStock = {
      lines: [
        { inventoryItemId, locationId, units: 10 },
        { inventoryItemId: "999999999", locationId, units: 5 },
      ],
      referenceDocumentUri: purchaseOrderDocumentUri(8),
      idempotencyKey: "po-8-receipt-1",
    };
    const error = await addReceivedStock(await throttledOfflineGraphql(domain), bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StockReceiptError);
    expect((error as Error).message).toBe("Shopify cannot take this receipt: line 2: inventory item 999999999 does not exist in Shopify");
    expect(simAvailable(inventoryItemId, locationId)).toBe(before);
    expect(sim().inventoryAdjustmentGroups).toHaveLength(1);
  });

  it("throws MissingScopeError for a shop whose grant lacks write_inventory, which Tempo's recorded grant also shows", async () => {
    const narrow = TEST_APP.scopes.filter((scope) => scope !== "write_inventory");
    simulator.actions.updateScopes(sim(), narrow);
    await simulator.webhooks.flush(domain);
    await inbox.drain(shopId);
    const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(grantAllowsReceiving(shop.accessScopes)).toBe(false);
    const { inventoryItemId, locationId } = stocked(2);
    const before = simAvailable(inventoryItemId, locationId);

    const error = await addReceivedStock(await throttledOfflineGraphql(domain), {
      lines: [{ inventoryItemId, locationId, units: 3 }],
      referenceDocumentUri: purchaseOrderDocumentUri(9),
      idempotencyKey: "po-9-receipt-1",
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MissingScopeError);
    expect(error).toMatchObject({ scope: "write_inventory" });
    expect(simAvailable(inventoryItemId, locationId)).toBe(before);
    simulator.actions.updateScopes(sim(), [...TEST_APP.scopes]);
    await simulator.webhooks.flush(domain);
    await inbox.drain(shopId);
    expect(grantAllowsReceiving((await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).accessScopes)).toBe(true);
  });
});
