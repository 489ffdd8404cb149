import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { rebuildAllDemand } from "~/sync/queries/demand.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { acceptSyncWebhook } from "~/sync/webhooks/accept.server";
import { applyPendingWebhooks } from "~/sync/webhooks/inbox-pass.server";
import { startWebhookInbox } from "~/sync/webhook-inbox.server";
import { testPrisma } from "./sync-support";

// Many deliveries recorded first, then applied in one pass: these tests are about what one batch leaves behind.
let deliveries = 0;
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 1, 23, minute, second)).toISOString();

interface TestShop {
  id: number;
  domain: string;
}

async function createShop(name: string, ianaTimezone: string): Promise<TestShop> {
  const domain = uniqueShopDomain(name);
  const shop = await testPrisma.shop.create({ data: { domain, name, currencyCode: "EUR", ianaTimezone } });
  return { id: shop.id, domain };
}

async function record(shop: TestShop, topic: string, payload: unknown, webhookId = `batch-${++deliveries}`): Promise<void> {
  expect(await acceptSyncWebhook({ topic, shopDomain: shop.domain, webhookId, payload })).toBe("accepted");
}

/** Everything recorded so far, in one transaction. */
async function applyInOnePass(shop: TestShop): Promise<number> {
  const waiting = await testPrisma.webhookEvent.count({ where: { shopId: shop.id, status: "RECEIVED" } });
  const pass = await applyPendingWebhooks(shop.id);
  expect(pass).toMatchObject({ applied: waiting, rejected: 0, failed: 0, more: false });
  return pass.applied;
}

const line = (id: number, variantId: number, quantity: number, price: string, discount?: string) => ({
  id,
  variant_id: variantId,
  product_id: 500,
  quantity,
  price,
  ...(discount ? { discount_allocations: [{ amount: discount }] } : {}),
});

const order = (id: number, updatedAt: string, lines: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  name: `#${id}`,
  // 23:30 UTC is the next day in Berlin: days are the shop's.
  processed_at: at(30),
  created_at: at(30),
  updated_at: updatedAt,
  source_name: "web",
  location_id: 71,
  line_items: lines,
  ...extra,
});

const refund = (id: number, orderId: number, createdAt: string, lines: { lineId: number; quantity: number }[]) => ({
  id,
  order_id: orderId,
  created_at: createdAt,
  refund_line_items: lines.map((l) => ({ line_item_id: l.lineId, quantity: l.quantity })),
});

async function demandRows(shopId: number) {
  return testPrisma.$queryRaw<{ variant: string; location: string; day: string; units: number; discounted: number; revenue: string }[]>`
    SELECT "variantId"::text AS variant, "locationId"::text AS location, "day"::text AS day, "units", "discountedUnits" AS discounted, "revenue"::text AS revenue
    FROM "DailyDemand" WHERE "shopId" = ${shopId} ORDER BY 1, 2, 3`;
}

/** The demand rows as a rebuild from every stored line writes them (the rebuild is committed: it must change nothing). */
async function rebuiltDemandRows(shop: TestShop) {
  await inSqlTransaction((client) => rebuildAllDemand(client, shop.id, "Europe/Berlin"));
  return demandRows(shop.id);
}

beforeAll(() => {
  deliveries = 0;
});

afterAll(async () => {
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("webhook deliveries applied in one batch", () => {
  it("moves demand as a rebuild would: an update overtaking its create, refunds, a cancellation, a delete, a move, one order delivered under two ids", async () => {
    const shop = await createShop("batch-demand", "Europe/Berlin");
    // Before the batch: four orders on one variant and day.
    await record(shop, "orders/create", order(1, at(30), [line(10, 900, 3, "10.00", "1.00")]));
    await record(shop, "orders/create", order(2, at(30), [line(20, 900, 2, "10.00")]));
    await record(shop, "orders/create", order(3, at(30), [line(30, 900, 1, "10.00"), line(31, 901, 4, "2.50")]));
    await record(shop, "orders/create", order(4, at(30), [line(40, 901, 5, "2.50")]));
    await applyInOnePass(shop);

    // The batch.
    await record(shop, "orders/updated", order(5, at(32), [line(50, 900, 3, "10.00", "1.00")]));
    await record(shop, "orders/create", order(5, at(31), [line(50, 900, 2, "10.00", "1.00")]));
    await record(shop, "refunds/create", refund(1001, 1, at(33), [{ lineId: 10, quantity: 1 }]));
    await record(shop, "refunds/create", refund(1005, 5, at(34), [{ lineId: 50, quantity: 1 }]));
    await record(shop, "orders/cancelled", order(2, at(33), [line(20, 900, 2, "10.00")], { cancelled_at: at(33) }));
    await record(shop, "orders/delete", { id: 3 });
    // One change delivered under two webhook ids (two subscriptions, say): counted once.
    const moved = order(4, at(35), [line(40, 901, 5, "2.50")], { location_id: 72 });
    await record(shop, "orders/updated", moved);
    await record(shop, "orders/updated", moved);
    await applyInOnePass(shop);

    const stored = await demandRows(shop.id);
    expect(stored).toEqual(await rebuiltDemandRows(shop));
    expect(stored).toEqual([
      // Orders 1 and 5, each 3 units less 1 refunded, 1.00 of discount prorated over 3 units: 2/3 of it per order, to four decimals per line.
      { variant: "900", location: "71", day: "2026-11-02", units: 4, discounted: 4, revenue: "38.6666" },
      { variant: "901", location: "72", day: "2026-11-02", units: 5, discounted: 0, revenue: "12.5000" },
    ]);
  });

  it("keeps two shops apart when the same order, line and variant ids arrive in both", async () => {
    const [east, west] = [await createShop("batch-east", "Europe/Berlin"), await createShop("batch-west", "Europe/Berlin")];
    for (const [shop, quantity] of [
      [east, 2],
      [west, 7],
    ] as const) {
      await record(shop, "orders/create", order(61, at(30), [line(610, 960, quantity, "4.00")]), "shared-create");
      await record(shop, "refunds/create", refund(6100, 61, at(31), [{ lineId: 610, quantity: 1 }]), "shared-refund");
    }
    await applyInOnePass(east);
    await applyInOnePass(west);
    expect((await demandRows(east.id)).map((r) => r.units)).toEqual([1]);
    expect((await demandRows(west.id)).map((r) => r.units)).toEqual([6]);
    expect(await demandRows(east.id)).toEqual(await rebuiltDemandRows(east));
    expect(await demandRows(west.id)).toEqual(await rebuiltDemandRows(west));
  });

  it("keeps the newest of out-of-order stock updates in one batch, and opens and closes one stockout", async () => {
    const shop = await createShop("batch-stock", "UTC");
    await record(shop, "products/create", {
      id: 500,
      title: "Tea",
      updated_at: at(0),
      variants: [{ id: 970, price: "5.00", inventory_item_id: 9700, updated_at: at(0) }],
    });
    await applyInOnePass(shop);
    const levelAt = (minute: number, available: number) => ({ inventory_item_id: 9700, location_id: 71, available, updated_at: at(minute) });
    // Out of stock at :03, further down at :05 and :06 (sold while out), back at :07; shuffled.
    for (const [minute, available] of [
      [5, -1],
      [2, 4],
      [7, 3],
      [3, 0],
      [6, -2],
      [1, 6],
    ] as const) {
      await record(shop, "inventory_levels/update", levelAt(minute, available));
    }
    await applyInOnePass(shop);
    const level = await testPrisma.inventoryLevel.findUniqueOrThrow({
      where: { shopId_inventoryItemId_locationId: { shopId: shop.id, inventoryItemId: 9700n, locationId: 71n } },
    });
    expect(level.available).toBe(3);
    const periods = await testPrisma.stockoutPeriod.findMany({ where: { shopId: shop.id } });
    expect(periods.map((p) => [p.variantId, p.startedOn.toISOString().slice(0, 10), p.endedOn?.toISOString().slice(0, 10)])).toEqual([[970n, "2026-11-01", "2026-11-01"]]);
  });

  it("lets a burst gather between passes, and still applies every delivery", async () => {
    const shop = await createShop("batch-burst", "UTC");
    const gatherMs = 200;
    const inbox = await startWebhookInbox({ gatherMs });
    let span = 0;
    try {
      // 30 deliveries over about 300 ms (longer on a loaded machine); each one wakes the inbox.
      const started = Date.now();
      for (let i = 0; i < 30; i++) {
        await record(shop, "orders/create", order(800 + i, at(30), [line(8000 + i, 980, 1, "3.00")]));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      span = Date.now() - started;
      await inbox.drain(shop.id);
    } finally {
      await inbox.close();
    }
    const events = await testPrisma.webhookEvent.findMany({ where: { shopId: shop.id } });
    expect(events.map((e) => e.status)).toEqual(Array(30).fill("APPLIED"));
    // A pass marks its deliveries with its transaction's time: one time per pass. At most one
    // pass starts per gathering window while deliveries arrive, plus the first and the last;
    // without gathering each delivery would wake its own pass.
    const passes = new Set(events.map((e) => e.processedAt!.getTime())).size;
    expect(passes).toBeLessThanOrEqual(Math.ceil(span / gatherMs) + 2);
    expect(passes).toBeLessThan(30);
    expect((await demandRows(shop.id)).map((r) => r.units)).toEqual([30]);
  });
});
