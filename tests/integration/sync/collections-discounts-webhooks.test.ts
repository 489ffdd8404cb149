import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP_PORT } from "../../support/test-app";
import { processors } from "~/jobs/processors/index.server";
import { startWebhookInbox, type WebhookInbox } from "~/sync/webhook-inbox.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";
import { listShopifyDiscountsForPlanning } from "~/features/promotions/queries/discounts.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { closeQueues } from "~/platform/queue/queues.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { deliverNow, installShop, testPrisma } from "./sync-support";

const domain = uniqueShopDomain("promo-webhooks");
let simulator: RunningSimulator;
let app: RunningAppServer;
let shopId: number;
let inbox: WebhookInbox;
let workers: RunningWorkers;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 31, variants: 30, historyDays: 60 }]);
  app = await startAppServer(TEST_APP_PORT);
  shopId = await installShop(simulator, domain);
  await runCatalogBackfill(await loadSyncContext(shopId));
  inbox = await startWebhookInbox();
  // Only the job under test runs here; the re-plans webhooks also queue are not this file's concern.
  workers = startWorkers({ "shopify-reads": processors["shopify-reads"] }, { concurrency: { sync: 1, planning: 1 } });
});

afterAll(async () => {
  await workers?.close();
  await closeQueues();
  await inbox?.close();
  await app?.close();
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

const sim = () => simulator.shop(domain);
const deliverAll = async () => {
  await simulator.webhooks.flush(domain);
  await inbox.drain(shopId);
};

/** Waits until the shopify-reads job has read everything the webhooks asked for. */
async function readsSettled(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await testPrisma.pendingShopifyRead.count({ where: { shopId } })) > 0) {
    if (Date.now() > deadline) throw new Error("pending Shopify reads were not read in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const discountRow = (id: string) => testPrisma.shopifyDiscount.findUnique({ where: { shopId_id: { shopId, id: BigInt(id) } } });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("discount webhooks", () => {
  let discountId = "";

  it("discounts/create carries only the id and title: the worker reads dates, value and items and stores the discount", async () => {
    const [first, second] = sim().store.data.products;
    const discount = simulator.actions.createDiscount(sim(), {
      method: "code",
      code: "SPRINGDROP",
      startsAt: day(10),
      endsAt: day(14),
      value: { percentage: 0.3 },
      items: { productIds: [first!.id, second!.id], variantIds: [] },
    });
    discountId = discount.id;
    const delivered = simulator.webhooks.log.filter((d) => d.shop === domain && d.topic === "discounts/create");
    expect(JSON.parse(delivered.at(-1)!.body)).toEqual({
      admin_graphql_api_id: `gid://shopify/DiscountCodeNode/${discount.id}`,
      title: "SPRINGDROP",
      status: "SCHEDULED",
      created_at: discount.createdAt,
      updated_at: discount.updatedAt,
    });
    await deliverAll();
    await readsSettled();
    const row = await discountRow(discount.id);
    expect(row).toMatchObject({ title: "SPRINGDROP", method: "code", status: "SCHEDULED", percentage: 30, appliesToAll: false, deletedAt: null });
    expect(row!.productIds.map(String).sort()).toEqual([first!.id, second!.id].sort());
    expect(row!.startsAt.toISOString()).toBe(new Date(discount.startsAt).toISOString());
    const offered = await listShopifyDiscountsForPlanning(shopId, { from: new Date() });
    const variantsOfBoth = sim().store.data.variants.filter((v) => v.productId === first!.id || v.productId === second!.id).map((v) => v.id);
    expect(offered.find((d) => String(d.id) === discount.id)!.variantIdsResolved.map(String).sort()).toEqual(variantsOfBoth.sort());
  });

  it("discounts/update re-reads the discount: new dates, depth and items replace the old", async () => {
    const collection = sim().store.data.collections.find((c) => sim().store.productsInCollection(c.id).length > 0)!;
    const endsAt = day(20);
    simulator.actions.updateDiscount(sim(), discountId, { endsAt, value: { percentage: 0.35 }, items: { collectionIds: [collection.id] } });
    await deliverAll();
    await readsSettled();
    const row = await discountRow(discountId);
    expect(row).toMatchObject({ percentage: 35, productIds: [], collectionIds: [BigInt(collection.id)] });
    expect(row!.endsAt!.toISOString()).toBe(new Date(endsAt).toISOString());
    const offered = await listShopifyDiscountsForPlanning(shopId, { from: new Date() });
    const members = new Set(sim().store.productsInCollection(collection.id).map((p) => p.id));
    const expected = sim().store.data.variants.filter((v) => members.has(v.productId)).map((v) => v.id).sort();
    expect(offered.find((d) => String(d.id) === discountId)!.variantIdsResolved.map(String).sort()).toEqual(expected);
  });

  it("discounts/delete leaves a tombstone; a late update for it cannot bring it back", async () => {
    const discount = sim().store.discountsById.get(discountId)!;
    const staleUpdate = { admin_graphql_api_id: `gid://shopify/DiscountCodeNode/${discountId}`, title: discount.title, status: "SCHEDULED", created_at: discount.createdAt, updated_at: discount.updatedAt };
    simulator.actions.deleteDiscount(sim(), discountId);
    await deliverAll();
    expect((await discountRow(discountId))!.deletedAt).not.toBeNull();
    expect((await listShopifyDiscountsForPlanning(shopId, { from: new Date() })).some((d) => String(d.id) === discountId)).toBe(false);

    expect(await deliverNow({ topic: "discounts/update", shopDomain: domain, webhookId: `late-${discountId}`, payload: staleUpdate })).toBe("applied");
    await readsSettled();
    expect((await discountRow(discountId))!.deletedAt).not.toBeNull();
  });

  it("refuses a discount body without a discount node GID, with the reason", async () => {
    expect(await deliverNow({ topic: "discounts/create", shopDomain: domain, webhookId: "bad-discount", payload: { admin_graphql_api_id: "gid://shopify/Product/1", title: "x", updated_at: day(0) } })).toBe(
      "rejected",
    );
    const event = await testPrisma.webhookEvent.findUniqueOrThrow({ where: { shopId_webhookId: { shopId, webhookId: "bad-discount" } } });
    expect(event.reason).toMatch(/DiscountAutomaticNode or DiscountCodeNode/);
  });
});

describe("collection webhooks", () => {
  const titlesOf = async (productId: string) =>
    (await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(productId) } } })).collections;

  it("collections/create and update: title from the body, members read from the Admin API, product titles follow", async () => {
    const [a, b, c] = sim().store.data.products;
    const collection = simulator.actions.createCollection(sim(), { title: "Winter Edit", productIds: [a!.id, b!.id] });
    await deliverAll();
    await readsSettled();
    let row = await testPrisma.collection.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(collection.id) } } });
    expect(row.productIds.map(String).sort()).toEqual([a!.id, b!.id].sort());
    expect(await titlesOf(a!.id)).toContain("Winter Edit");

    // A product added and one removed by hand: one collections/update without any product in it.
    simulator.actions.updateCollection(sim(), collection.id, { title: "Winter Edit 26", addProductIds: [c!.id], removeProductIds: [a!.id] });
    await deliverAll();
    await readsSettled();
    row = await testPrisma.collection.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(collection.id) } } });
    expect(row.title).toBe("Winter Edit 26");
    expect(row.productIds.map(String).sort()).toEqual([b!.id, c!.id].sort());
    expect(await titlesOf(a!.id)).not.toContain("Winter Edit 26");
    expect(await titlesOf(a!.id)).not.toContain("Winter Edit");
    expect(await titlesOf(b!.id)).toContain("Winter Edit 26");
    expect(await titlesOf(c!.id)).toContain("Winter Edit 26");
  });

  it("collections/delete removes the collection's title from its products", async () => {
    const collection = sim().store.data.collections.find((col) => col.title === "Winter Edit 26")!;
    const members = sim().store.productsInCollection(collection.id).map((p) => p.id);
    simulator.actions.deleteCollection(sim(), collection.id);
    await deliverAll();
    const row = await testPrisma.collection.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(collection.id) } } });
    expect(row.deletedAt).not.toBeNull();
    for (const productId of members) expect(await titlesOf(productId)).not.toContain("Winter Edit 26");
  });
});
