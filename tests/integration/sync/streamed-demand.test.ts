/**
 * Demand summed while a first backfill streams must be what the SQL rebuild computes
 * from the stored lines: same filter, same shop-local days, same numeric rounding.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { seededRandom } from "../../support/random";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { rebuildAllDemand } from "~/sync/queries/demand.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { insertOrUpsertOrdersWithLines } from "~/sync/queries/sync-writes.server";
import type { OrderLineRecord, OrderRecord } from "~/shopify/sync-records";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { DemandAccumulator, pgDivScaled, scaled4 } from "~/sync/streamed-demand";
import { deliverNow, installShop, testPrisma } from "./sync-support";

afterAll(async () => {
  await closePgPool();
  await testPrisma.$disconnect();
});

/** The shop's DailyDemand as comparable text rows. */
async function demandRows(shopId: number): Promise<string[]> {
  const rows = await testPrisma.$queryRawUnsafe<{ row: string }[]>(
    `SELECT concat_ws('|', "variantId", "locationId", "day", "units", "discountedUnits", "revenue") AS row
     FROM "DailyDemand" WHERE "shopId" = $1 ORDER BY "variantId", "locationId", "day"`,
    shopId,
  );
  return rows.map((r) => r.row);
}

/** Instants (to the hour) at which the zone's UTC offset changes between `from` and `to`. */
function offsetChanges(zone: string, from: number, to: number): number[] {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
  const offset = (ms: number) => format.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value;
  const changes: number[] = [];
  for (let ms = from, last = offset(from); ms < to; ms += 3_600_000) {
    const now = offset(ms);
    if (now !== last) changes.push(ms);
    last = now;
  }
  return changes;
}

describe("PostgreSQL's numeric arithmetic, followed exactly", () => {
  it("divides a discount share at the scale PostgreSQL picks, and rounds input to numeric(18,4) as it does", async () => {
    const random = seededRandom(7);
    const discounts = Array.from({ length: 3000 }, () => (random() < 0.3 ? `0.000${1 + Math.floor(random() * 9)}` : (random() * 10 ** Math.floor(random() * 7)).toFixed(1 + Math.floor(random() * 6))));
    const nets = discounts.map(() => 1 + Math.floor(random() * (random() < 0.1 ? 100_000 : 9)));
    const quantities = nets.map((n) => n + Math.floor(random() * (random() < 0.2 ? 1_000_000 : 13)));
    const rows = await testPrisma.$queryRawUnsafe<{ stored: string; share: string }[]>(
      `SELECT d::numeric(18,4)::text AS stored, (d::numeric(18,4) * n / q)::text AS share
       FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS t(d, n, q, i) ORDER BY i`,
      discounts,
      nets,
      quantities,
    );
    const toScaled = (text: string, scale: number) => {
      const [whole, fraction = ""] = text.split(".");
      return BigInt(`${whole}${fraction.padEnd(scale, "0")}`);
    };
    rows.forEach((row, i) => {
      const discount = scaled4(discounts[i]!)!;
      expect(discount).toBe(toScaled(row.stored, 4));
      expect(pgDivScaled(discount * BigInt(nets[i]!), quantities[i]!)).toBe(toScaled(row.share, 40));
    });
  });
});

describe("streamed demand against PostgreSQL's rebuild", () => {
  // Zones with half-hour and 45-minute offsets, DST at midnight, and the southern hemisphere.
  const zones = ["UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Asia/Beirut", "Pacific/Chatham", "America/St_Johns", "Europe/London"];

  it.each(zones.map((zone, i) => [zone, 990_100 + i] as const))("sums the same rows in %s (odd prices, discounts, refunds, edits)", async (zone, shopId) => {
    const random = seededRandom(shopId);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const prices = ["10.00", "0.105", "7.123456", "19.99", "100", "0.00005", "3.33335", "1234.5678"];
    const discounts = ["0.00", "0.00", "1.00", "0.01", "3.3333", "0.00015", "2.5", "9.99"];
    const orders: OrderRecord[] = [];
    const lines: OrderLineRecord[] = [];
    // Instants spread over two years, and every five minutes around each change of UTC offset.
    const start = Date.UTC(2024, 0, 1);
    const instants = Array.from({ length: 1500 }, () => start + Math.floor(random() * 730 * 86_400_000) + Math.floor(random() * 1000));
    for (const change of offsetChanges(zone, start, start + 730 * 86_400_000)) {
      for (let ms = change - 3 * 3_600_000; ms < change + 3 * 3_600_000; ms += 300_000) instants.push(ms + Math.floor(random() * 1000));
    }
    for (let o = 1; o <= instants.length; o++) {
      const processedAt = new Date(instants[o - 1]!);
      const order: OrderRecord = {
        id: BigInt(o),
        name: `#${o}`,
        processedAt,
        createdAt: processedAt,
        updatedAt: processedAt,
        cancelledAt: random() < 0.05 ? processedAt : null,
        channel: "web",
        locationId: random() < 0.2 ? null : pick([11n, 12n]),
        currencyCode: "USD",
        test: random() < 0.03,
        discountCodes: [],
        refundedByLine: null,
        hasRefunds: random() < 0.2,
      };
      orders.push(order);
      for (let l = 0; l < 1 + Math.floor(random() * 3); l++) {
        const quantity = random() < 0.05 ? 9_999 : random() < 0.03 ? 0 : 1 + Math.floor(random() * 7);
        lines.push({
          id: BigInt(o * 10 + l),
          orderId: order.id,
          variantId: random() < 0.03 ? null : BigInt(100 + Math.floor(random() * 6)),
          productId: 1n,
          sku: null,
          quantity,
          currentQuantity: Math.max(0, quantity - (random() < 0.3 ? Math.floor(random() * 3) : 0)),
          unitPrice: pick(prices),
          discount: pick(discounts),
        });
      }
    }
    const accumulator = new DemandAccumulator(zone);
    // In batches, as the backfill adds them, lines always with their order.
    for (let i = 0; i < orders.length; i += 100) {
      const batch = orders.slice(i, i + 100);
      const ids = new Set(batch.map((o) => o.id));
      accumulator.add(batch, lines.filter((l) => ids.has(l.orderId)));
    }
    expect(accumulator.exact).toBe(true);
    await inSqlTransaction(async (client) => {
      await client.query(`DELETE FROM "Order" WHERE "shopId" = $1; DELETE FROM "OrderLine" WHERE "shopId" = $1; DELETE FROM "DailyDemand" WHERE "shopId" = $1`.replaceAll("$1", String(shopId)));
      await insertOrUpsertOrdersWithLines(client, shopId, orders, lines);
      await rebuildAllDemand(client, shopId, zone);
    });
    const expected = await demandRows(shopId);
    expect(expected.length).toBeGreaterThan(500);
    const summed = [...accumulator.rows()].map((r) => [r.variantId, r.locationId, r.day, r.units, r.discountedUnits, r.revenue].join("|"));
    expect(summed).toEqual(expected);
  });
});

describe("a first backfill", () => {
  const domain = uniqueShopDomain("streamed");
  const busy = uniqueShopDomain("streamed-busy");
  let simulator: RunningSimulator;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    simulator = await startSimulatedShops([
      { shopDomain: domain, seed: 41, variants: 30, historyDays: 120 },
      { shopDomain: busy, seed: 42, variants: 20, historyDays: 60 },
    ]);
    for (const d of [domain, busy]) {
      ids[d] = await installShop(simulator, d);
      await runCatalogBackfill(await loadSyncContext(ids[d]!));
    }
  });

  afterAll(async () => {
    await simulator?.close();
  });

  it("writes the demand it summed while streaming, equal to a rebuild from the stored lines; a second backfill rebuilds", async () => {
    const shopId = ids[domain]!;
    const first = await runOrdersBackfill(await loadSyncContext(shopId), { batchSize: 50 });
    expect(first.counts).toMatchObject({ demandStreamed: 1 });
    const streamed = await demandRows(shopId);
    expect(streamed.length).toBeGreaterThan(100);
    const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    await inSqlTransaction((client) => rebuildAllDemand(client, shopId, shop.ianaTimezone ?? "UTC"));
    expect(await demandRows(shopId)).toEqual(streamed);

    const second = await runOrdersBackfill(await loadSyncContext(shopId), { batchSize: 50 });
    expect(second.counts).toMatchObject({ demandStreamed: 0 });
    expect(await demandRows(shopId)).toEqual(streamed);
  });

  it("rebuilds from the stored lines when an order webhook is applied while it streams", async () => {
    const shopId = ids[busy]!;
    const variant = await testPrisma.variant.findFirstOrThrow({ where: { shopId } });
    let delivered = false;
    const run = await runOrdersBackfill(await loadSyncContext(shopId), {
      batchSize: 50,
      onBatchCommitted: async () => {
        if (delivered) return;
        delivered = true;
        const at = new Date().toISOString();
        const outcome = await deliverNow({
          topic: "orders/create",
          shopDomain: busy,
          webhookId: "streamed-busy-1",
          payload: {
            id: 987_654_321,
            name: "#LIVE",
            processed_at: at,
            created_at: at,
            updated_at: at,
            source_name: "web",
            line_items: [{ id: 987_654_3210, variant_id: Number(variant.id), product_id: Number(variant.productId), quantity: 5, price: "10.00" }],
          },
        });
        expect(outcome).toBe("applied");
      },
    });
    expect(delivered).toBe(true);
    expect(run.counts).toMatchObject({ demandStreamed: 0 });
    const afterBackfill = await demandRows(shopId);
    const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    await inSqlTransaction((client) => rebuildAllDemand(client, shopId, shop.ianaTimezone ?? "UTC"));
    expect(await demandRows(shopId)).toEqual(afterBackfill);
  });
});
