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

it("ranks by money at risk, summarises small amounts instead of listing them, and groups by product or supplier", async () => {
  const small = await testPrisma.shop.create({ data: { domain: uniqueShopDomain("alerts-ranked"), ianaTimezone: "UTC" } });
  try {
    await testPrisma.product.createMany({ data: [{ shopId: small.id, id: 1n, title: "Tee", vendor: "Acme" }, { shopId: small.id, id: 2n, title: "Cap", vendor: "Bolt" }] });
    await testPrisma.variant.createMany({ data: [1n, 2n, 3n].map((id) => ({ shopId: small.id, id, productId: id === 3n ? 2n : 1n, title: `V${id}`, price: 10 })) });
    const supplier = await testPrisma.supplier.create({ data: { shopId: small.id, name: "Northwind" } });
    const run = await testPrisma.planRun.create({ data: { shopId: small.id, kind: "FULL", status: "SUCCEEDED", trigger: "test", asOf: new Date("2026-12-01T00:00:00Z") } });
    await testPrisma.shop.update({ where: { id: small.id }, data: { activePlanRunId: run.id } });
    // Variant 2 at location 3 (its alert's) has a supplier in the active plan; the others fall back to their vendor.
    await testPrisma.stockPlan.create({
      data: {
        shopId: small.id, planRunId: run.id, variantId: 2n, locationId: 3n, asOf: new Date("2026-12-01T00:00:00Z"), supplierId: supplier.id, termsSource: "supplier", abcClass: "A", serviceLevel: 0.95,
        leadTimeDays: 14, reviewDays: 7, available: 1, onHand: 1, inbound: 0, safetyStock: 1, reorderPoint: 2, orderUpTo: 3, weeksOfSupply: 1, projected: [], projectedLow: [], projectedHigh: [], inboundByWeek: [], policyReason: "", projectionReason: "",
      },
    });
    const alert = (variantId: bigint, severity: "HIGH" | "MEDIUM", valueAtRisk: number | null, reason: string) => ({ shopId: small.id, variantId, locationId: 1n, kind: "STOCKOUT_RISK" as const, severity, reason, facts: {}, valueAtRisk });
    await testPrisma.alert.createMany({
      data: [alert(1n, "HIGH", 40, "tee high 40"), alert(1n, "MEDIUM", 500, "tee medium 500"), alert(2n, "MEDIUM", 300, "tee supplier 300"), alert(3n, "MEDIUM", 10, "cap small 10"), alert(3n, "MEDIUM", null, "cap unknown")]
        .map((a, i) => ({ ...a, variantId: a.variantId, locationId: BigInt(i + 1) })),
    });

    // By default, most severe first, and the $10 one summarised (an alert with no known value stays listed).
    const byDefault = await getAlertsView(small.id, new URLSearchParams());
    expect(byDefault.alerts.map((a) => a.reason)).toEqual(["tee high 40", "tee medium 500", "tee supplier 300", "cap unknown"]);
    expect(byDefault.small).toEqual({ count: 1, value: 10 });
    expect(byDefault.total).toBe(4);

    // The shop's own threshold replaces the default: at $5 the $10 alert is listed.
    await testPrisma.shop.update({ where: { id: small.id }, data: { planSettings: { alertSummaryBelow: 5 } } });
    expect((await getAlertsView(small.id, new URLSearchParams())).small.count).toBe(0);
    await testPrisma.shop.update({ where: { id: small.id }, data: { planSettings: { alertSummaryBelow: 50 } } });
    expect((await getAlertsView(small.id, new URLSearchParams())).small).toEqual({ count: 2, value: 50 });

    const byMoney = await getAlertsView(small.id, new URLSearchParams("sort=value&min=0"));
    expect(byMoney.alerts.map((a) => a.reason)).toEqual(["tee medium 500", "tee supplier 300", "tee high 40", "cap small 10", "cap unknown"]);
    expect(byMoney.small.count).toBe(0);

    // Groups with most money at risk first, each with its total.
    const byProduct = await getAlertsView(small.id, new URLSearchParams("group=product&min=0"));
    expect(byProduct.alerts.map((a) => [a.groupName, a.groupValue, a.reason])).toEqual([
      ["Tee", 840, "tee high 40"],
      ["Tee", 840, "tee medium 500"],
      ["Tee", 840, "tee supplier 300"],
      ["Cap", 10, "cap small 10"],
      ["Cap", 10, "cap unknown"],
    ]);
    const bySupplier = await getAlertsView(small.id, new URLSearchParams("group=supplier&min=0"));
    expect(bySupplier.alerts.map((a) => [a.groupName, a.reason])).toEqual([
      ["Acme", "tee high 40"],
      ["Acme", "tee medium 500"],
      ["Northwind", "tee supplier 300"],
      ["Bolt", "cap small 10"],
      ["Bolt", "cap unknown"],
    ]);
  } finally {
    await testPrisma.shop.delete({ where: { id: small.id } });
  }
});
