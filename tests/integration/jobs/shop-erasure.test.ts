import { afterAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { eraseShopData, SHOP_TABLES_LARGEST_FIRST } from "~/persistence/shop-erasure.server";

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

  it("knows every table that holds a shop's rows", async () => {
    const rows = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'shopId' ORDER BY table_name`;
    expect([...SHOP_TABLES_LARGEST_FIRST].sort()).toEqual(rows.map((r) => r.table_name).sort());
  });
});
