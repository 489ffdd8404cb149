import { describe, expect, it } from "vitest";
import { dayIndex, defaultBrand, HISTORY_DAYS, meanOver, START_MS, unitsByDay } from "./fixture";

const dayOf = (isoDate: string): number => dayIndex(`${isoDate}T00:00:00Z`);
const weekdayOf = (day: number): number => new Date(START_MS + day * 86_400_000).getUTCDay();

describe("sales patterns of the default brand", () => {
  const data = defaultBrand();
  const warehouseId = data.locations[0]?.id;
  const storeId = data.locations[1]?.id;

  it("peaks in Q4 well above summer", () => {
    const all = unitsByDay(data);
    const q4 = meanOver(all, dayOf("2025-10-01"), dayOf("2025-12-31"));
    const summer = meanOver(all, dayOf("2025-06-01"), dayOf("2025-08-31"));
    expect(q4 / summer).toBeGreaterThan(1.4);
  });

  it("sells summer types in summer and winter types in winter", () => {
    const typeOf = new Map(data.products.map((product) => [product.id, product.productType]));
    const ofTypes = (types: string[]) => unitsByDay(data, (_, line) => types.includes(typeOf.get(line.productId ?? "") ?? ""));
    const summer = [dayOf("2025-06-01"), dayOf("2025-09-01")] as const;
    const winter = [dayOf("2025-01-01"), dayOf("2025-03-01")] as const;
    const summerTypes = ofTypes(["Swimwear", "Shorts"]);
    const winterTypes = ofTypes(["Outerwear", "Sweatshirts"]);
    expect(meanOver(summerTypes, ...summer)).toBeGreaterThan(2 * meanOver(summerTypes, ...winter));
    expect(meanOver(winterTypes, ...winter)).toBeGreaterThan(1.3 * meanOver(winterTypes, ...summer));
  });

  it("grows year over year", () => {
    const all = unitsByDay(data);
    expect(meanOver(all, 365, HISTORY_DAYS)).toBeGreaterThan(1.1 * meanOver(all, 0, 365));
  });

  it("sells new launches hardest in their first weeks and stops selling discontinued products", () => {
    const productDays = new Map<string, number[]>();
    for (const order of data.orders) {
      for (const line of order.lineItems) {
        const days = productDays.get(line.productId ?? "") ?? [];
        days.push(dayIndex(order.processedAt));
        productDays.set(line.productId ?? "", days);
      }
    }
    // Each launch's share of all shop units, first two weeks against weeks 9-12, so seasonality cancels out.
    const shopUnits = unitsByDay(data);
    let earlyShare = 0;
    let laterShare = 0;
    const launched = data.products.filter((product) => dayIndex(product.createdAt) > 0 && dayIndex(product.createdAt) < HISTORY_DAYS - 90);
    expect(launched.length).toBeGreaterThan(2);
    for (const product of launched) {
      const launchDay = dayIndex(product.createdAt);
      const productUnits = unitsByDay(data, (_, line) => line.productId === product.id);
      expect(productUnits.slice(0, launchDay).every((units) => units === 0)).toBe(true);
      earlyShare += meanOver(productUnits, launchDay, launchDay + 14) / meanOver(shopUnits, launchDay, launchDay + 14);
      laterShare += meanOver(productUnits, launchDay + 56, launchDay + 84) / meanOver(shopUnits, launchDay + 56, launchDay + 84);
    }
    expect(earlyShare).toBeGreaterThan(1.5 * laterShare);
    const archived = data.products.filter((product) => product.status === "ARCHIVED");
    expect(archived.length).toBeGreaterThan(0);
    for (const product of archived) {
      const lastSale = Math.max(...(productDays.get(product.id) ?? [-1]));
      expect(lastSale).toBeLessThan(dayIndex(product.updatedAt));
    }
  });

  it("has weekend peaks online and a Saturday peak in the store", () => {
    const online = unitsByDay(data, (order) => order.locationId === warehouseId);
    const store = unitsByDay(data, (order) => order.locationId === storeId);
    const byWeekday = (series: Float64Array): number[] => {
      const totals = [0, 0, 0, 0, 0, 0, 0];
      series.forEach((units, day) => (totals[weekdayOf(day)] = (totals[weekdayOf(day)] ?? 0) + units));
      return totals;
    };
    const onlineWeek = byWeekday(online);
    const weekendShare = ((onlineWeek[0] ?? 0) + (onlineWeek[6] ?? 0)) / onlineWeek.reduce((a, b) => a + b, 0);
    expect(weekendShare).toBeGreaterThan(0.32);
    const storeWeek = byWeekday(store);
    expect(storeWeek.indexOf(Math.max(...storeWeek))).toBe(6);
    expect(storeWeek[6] ?? 0).toBeGreaterThan(2 * (storeWeek[1] ?? 0));
  });

  it("splits sales over channels with the Online Store near 70% and POS only at the store", () => {
    const lines = data.orders.flatMap((order) => order.lineItems.map(() => order));
    const share = (channel: string): number => lines.filter((order) => order.channelName === channel).length / lines.length;
    expect(share("Online Store")).toBeGreaterThan(0.6);
    expect(share("Online Store")).toBeLessThan(0.8);
    for (const channel of ["Point of Sale", "Instagram", "Facebook", "TikTok Shop"]) expect(share(channel)).toBeGreaterThan(0.02);
    for (const order of data.orders) expect(order.channelName === "Point of Sale").toBe(order.locationId === storeId);
  });

  it("has multi-line baskets", () => {
    const linesPerOrder = data.orders.map((order) => order.lineItems.length);
    const mean = linesPerOrder.reduce((a, b) => a + b, 0) / linesPerOrder.length;
    expect(mean).toBeGreaterThan(1.4);
    expect(mean).toBeLessThan(2.5);
    expect(linesPerOrder.filter((count) => count === 1).length / linesPerOrder.length).toBeGreaterThan(0.4);
  });

  it("has a Pareto popularity: heroes and a long intermittent tail", () => {
    const sellingDays = new Map<string, Set<number>>();
    const units = new Map<string, number>();
    for (const order of data.orders) {
      for (const line of order.lineItems) {
        const id = line.variantId ?? "";
        if (!sellingDays.has(id)) sellingDays.set(id, new Set());
        sellingDays.get(id)?.add(dayIndex(order.processedAt));
        units.set(id, (units.get(id) ?? 0) + line.quantity);
      }
    }
    const sparse = data.variants.filter((variant) => (sellingDays.get(variant.id)?.size ?? 0) < 0.2 * HISTORY_DAYS);
    expect(sparse.length / data.variants.length).toBeGreaterThan(0.3);
    const ranked = data.variants.map((variant) => units.get(variant.id) ?? 0).sort((a, b) => b - a);
    const total = ranked.reduce((a, b) => a + b, 0);
    const topFifth = ranked.slice(0, Math.round(ranked.length / 5)).reduce((a, b) => a + b, 0);
    expect(topFifth / total).toBeGreaterThan(0.5);
  });
});
