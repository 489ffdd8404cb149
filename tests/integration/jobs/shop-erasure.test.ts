import { afterAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { eraseShopData, SHOP_TABLES_LARGEST_FIRST, SHOP_TABLES_WITHOUT_FOREIGN_KEY } from "~/features/privacy/queries/erasure.server";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });

afterAll(async () => {
  await prisma.$disconnect();
});

async function shopWithRows(label: string, locations: number): Promise<number> {
  const shop = await prisma.shop.create({ data: { domain: uniqueShopDomain(label) } });
  await prisma.location.createMany({ data: Array.from({ length: locations }, (_, i) => ({ shopId: shop.id, id: BigInt(i + 1), name: `L${i}` })) });
  await prisma.webhookEvent.create({ data: { shopId: shop.id, webhookId: "w-1", topic: "orders/create" } });
  return shop.id;
}

describe("shop erasure", () => {
  it("erases one shop's rows in batches, then the shop, and a rerun finds nothing left", async () => {
    const erased = await shopWithRows("erase", 5);
    const bystander = await shopWithRows("erase-bystander", 2);

    // Batches of 2 rows: 5 locations take three statements, all of them must go.
    expect(await eraseShopData(erased, 2)).toEqual({ rows: 6, shopErased: true });
    expect(await prisma.location.count({ where: { shopId: erased } })).toBe(0);
    expect(await prisma.shop.count({ where: { id: erased } })).toBe(0);
    expect(await eraseShopData(erased, 2)).toEqual({ rows: 0, shopErased: false });

    expect(await prisma.location.count({ where: { shopId: bystander } })).toBe(2);
    expect(await prisma.webhookEvent.count({ where: { shopId: bystander } })).toBe(1);
  });

  it("erases orders, order lines and daily demand, which have no foreign key to cascade from Shop", async () => {
    const erased = await shopWithRows("erase-orders", 1);
    const bystander = await shopWithRows("erase-orders-bystander", 1);
    for (const shopId of [erased, bystander]) {
      await prisma.order.create({ data: { shopId, id: 1n, name: "#1001", processedAt: new Date(), shopifyCreatedAt: new Date(), shopifyUpdatedAt: new Date() } });
      await prisma.orderLine.createMany({ data: [1n, 2n, 3n].map((id) => ({ shopId, id, orderId: 1n, variantId: 7n, quantity: 1, unitPrice: "10.0000" })) });
      await prisma.dailyDemand.create({ data: { shopId, variantId: 7n, locationId: 0n, day: new Date("2026-11-30"), units: 3, revenue: "30.0000" } });
    }

    expect(await eraseShopData(erased, 2)).toEqual({ rows: 1 + 1 + 1 + 3 + 1, shopErased: true });
    expect(await prisma.orderLine.count({ where: { shopId: erased } })).toBe(0);
    expect(await prisma.order.count({ where: { shopId: erased } })).toBe(0);
    expect(await prisma.dailyDemand.count({ where: { shopId: erased } })).toBe(0);
    expect(await prisma.orderLine.count({ where: { shopId: bystander } })).toBe(3);
    expect(await prisma.dailyDemand.count({ where: { shopId: bystander } })).toBe(1);

    // A line written after its table was emptied (the Shop row going last) outlives nothing:
    // a rerun, with the Shop row already gone, still sweeps it.
    await prisma.orderLine.create({ data: { shopId: erased, id: 9n, orderId: 1n, quantity: 1, unitPrice: "1.0000" } });
    expect(await eraseShopData(erased, 2)).toEqual({ rows: 1, shopErased: false });
    expect(await prisma.orderLine.count({ where: { shopId: erased } })).toBe(0);
  });

  it("lists the tables without a foreign key to Shop, and only those", async () => {
    const rows = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT c.table_name::text AS table_name FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name = 'shopId'
        AND NOT EXISTS (
          SELECT 1 FROM information_schema.table_constraints t
          JOIN information_schema.constraint_column_usage u ON u.constraint_name = t.constraint_name AND u.table_schema = t.table_schema
          WHERE t.table_schema = 'public' AND t.table_name = c.table_name AND t.constraint_type = 'FOREIGN KEY' AND u.table_name = 'Shop')
      ORDER BY 1`;
    expect([...SHOP_TABLES_WITHOUT_FOREIGN_KEY].sort()).toEqual(rows.map((r) => r.table_name).sort());
  });

  it("knows every table that holds a shop's rows", async () => {
    const rows = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'shopId' ORDER BY table_name`;
    expect([...SHOP_TABLES_LARGEST_FIRST].sort()).toEqual(rows.map((r) => r.table_name).sort());
  });
});
