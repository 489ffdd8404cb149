import { afterAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { processReconcile } from "~/jobs/processors/sync.server";
import type { JobCatalog } from "~/platform/queue/queues.server";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
const DAY_MS = 24 * 3600_000;

afterAll(async () => {
  await prisma.$disconnect();
});

/** A shop with deliveries received the given numbers of days ago. */
async function shopWithDeliveries(label: string, daysAgo: number[]): Promise<{ id: number; domain: string }> {
  const shop = await prisma.shop.create({ data: { domain: uniqueShopDomain(label) } });
  await prisma.webhookEvent.createMany({
    data: daysAgo.map((days, i) => ({ shopId: shop.id, webhookId: `w-${i}`, topic: "orders/create", receivedAt: new Date(Date.now() - days * DAY_MS) })),
  });
  return shop;
}

describe("webhook event pruning", () => {
  it("the nightly reconcile job drops the shop's deliveries older than a week, and no other shop's", async () => {
    const shop = await shopWithDeliveries("prune", [30, 8, 6, 0]);
    const other = await shopWithDeliveries("prune-other", [30, 8]);

    // The reconcile processor, as the worker calls it (no other job holds the shop, so no token is needed).
    await processReconcile({ data: { shopId: shop.id, shopDomain: shop.domain } } as Job<JobCatalog["reconcile"]>);

    const kept = await prisma.webhookEvent.findMany({ where: { shopId: shop.id }, orderBy: { webhookId: "asc" } });
    expect(kept.map((event) => event.webhookId)).toEqual(["w-2", "w-3"]);
    expect(await prisma.webhookEvent.count({ where: { shopId: other.id } })).toBe(2);
  });

  it("keeps a delivery still waiting in the inbox, however old", async () => {
    const shop = await prisma.shop.create({ data: { domain: uniqueShopDomain("prune-waiting") } });
    await prisma.webhookEvent.create({
      data: { shopId: shop.id, webhookId: "waiting", topic: "ORDERS_CREATE", status: "RECEIVED", payload: "{}", receivedAt: new Date(Date.now() - 30 * DAY_MS) },
    });
    await processReconcile({ data: { shopId: shop.id, shopDomain: shop.domain } } as Job<JobCatalog["reconcile"]>);
    expect(await prisma.webhookEvent.count({ where: { shopId: shop.id } })).toBe(1);
  });
});
