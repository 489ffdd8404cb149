import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { ALERTS_PAGE_SIZE, getAlertsView } from "~/features/alerts/view.server";

// 120 open alerts: critical ones first, then high, each kind's severity by its value at risk.
let shopId: number;
let otherShopId: number;
const OPEN = 120;

beforeAll(async () => {
  shopId = (await testPrisma.shop.create({ data: { domain: uniqueShopDomain("alerts-paging"), ianaTimezone: "UTC" } })).id;
  otherShopId = (await testPrisma.shop.create({ data: { domain: uniqueShopDomain("alerts-paging-other"), ianaTimezone: "UTC" } })).id;
  const alert = (shop: number, i: number) => ({
    shopId: shop,
    variantId: BigInt(1000 + i),
    locationId: 1n,
    kind: "STOCKOUT_RISK" as const,
    severity: i < 30 ? ("CRITICAL" as const) : ("HIGH" as const),
    reason: `Alert ${i}`,
    facts: {},
    valueAtRisk: 1000 - i,
  });
  await testPrisma.alert.createMany({ data: Array.from({ length: OPEN }, (_, i) => alert(shopId, i)) });
  await testPrisma.alert.createMany({ data: Array.from({ length: 7 }, (_, i) => alert(otherShopId, i)) });
});

afterAll(async () => {
  await testPrisma.shop.deleteMany({ where: { id: { in: [shopId, otherShopId] } } });
  await testPrisma.$disconnect();
});

it("pages open alerts in their order, says how many match, and keeps a page past the end on the last one", async () => {
  const first = await getAlertsView(shopId, new URLSearchParams());
  expect(first).toMatchObject({ page: 1, pageSize: ALERTS_PAGE_SIZE, total: OPEN });
  expect(first.alerts.map((a) => a.reason)).toEqual(Array.from({ length: ALERTS_PAGE_SIZE }, (_, i) => `Alert ${i}`));

  const third = await getAlertsView(shopId, new URLSearchParams("page=3"));
  expect(third.alerts.map((a) => a.reason)).toEqual(Array.from({ length: OPEN - 2 * ALERTS_PAGE_SIZE }, (_, i) => `Alert ${2 * ALERTS_PAGE_SIZE + i}`));
  expect((await getAlertsView(shopId, new URLSearchParams("page=99"))).page).toBe(3);
  expect((await getAlertsView(shopId, new URLSearchParams("page=-1"))).page).toBe(1);

  // A filter counts what it matches; another shop's alerts are never among them.
  const critical = await getAlertsView(shopId, new URLSearchParams("severity=CRITICAL"));
  expect(critical.total).toBe(30);
  expect(critical.alerts).toHaveLength(30);
  expect((await getAlertsView(otherShopId, new URLSearchParams())).total).toBe(7);
});

it("filters by location and finds a product by its title or SKU", async () => {
  await testPrisma.product.create({ data: { shopId, id: 77n, title: "Alpine Pocket Tee" } });
  await testPrisma.variant.create({ data: { shopId, id: 1005n, productId: 77n, title: "M / Black", sku: "APT-BLK-M", price: 20 } });
  await testPrisma.alert.updateMany({ where: { shopId, variantId: { in: [1003n, 1004n] } }, data: { locationId: 2n } });

  const atTwo = await getAlertsView(shopId, new URLSearchParams("location=2"));
  expect(atTwo.alerts.map((a) => a.reason).sort()).toEqual(["Alert 3", "Alert 4"]);
  expect(atTwo.locationChoices.map((l) => l.id).sort()).toEqual(["1", "2"]);

  for (const q of ["alpine pocket", "apt-blk", "M / Black"]) {
    const found = await getAlertsView(shopId, new URLSearchParams({ q }));
    expect(found.alerts.map((a) => a.reason)).toEqual(["Alert 5"]);
    expect(found.alerts[0]).toMatchObject({ productTitle: "Alpine Pocket Tee", variantTitle: "M / Black", sku: "APT-BLK-M" });
  }
  // A search's own wildcards are text, not patterns.
  expect((await getAlertsView(shopId, new URLSearchParams({ q: "%" }))).total).toBe(0);
});
