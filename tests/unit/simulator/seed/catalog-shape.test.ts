import { describe, expect, it } from "vitest";
import { generateBrand } from "../../../simulator/seed/brand-generator";
import { dayIndex, defaultBrand, END_MS, HISTORY_DAYS, SEED, START_MS } from "./fixture";

describe("default brand shape", () => {
  const data = defaultBrand();

  it("has about 300 variants over ~8 product types and ~5 vendors, 1-8 variants per product", () => {
    expect(data.variants.length).toBe(300);
    expect(new Set(data.products.map((product) => product.productType)).size).toBe(8);
    expect(new Set(data.products.map((product) => product.vendor)).size).toBe(5);
    const perProduct = new Map<string, number>();
    for (const variant of data.variants) perProduct.set(variant.productId, (perProduct.get(variant.productId) ?? 0) + 1);
    expect(perProduct.size).toBe(data.products.length);
    expect(Math.min(...perProduct.values())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perProduct.values())).toBeLessThanOrEqual(8);
    expect(new Set(data.variants.map((variant) => variant.sku)).size).toBe(300);
  });

  it("has a realistic price spread and some missing unit costs", () => {
    const prices = data.variants.map((variant) => Number(variant.price));
    expect(Math.max(...prices) / Math.min(...prices)).toBeGreaterThan(4);
    const costs = data.inventoryItems.map((item) => item.unitCost);
    const missing = costs.filter((cost) => cost === null).length;
    expect(missing).toBeGreaterThan(0);
    expect(missing / costs.length).toBeLessThan(0.2);
    data.inventoryItems.forEach((item, index) => {
      if (item.unitCost !== null) expect(Number(item.unitCost)).toBeLessThan(Number(data.variants[index]?.price));
    });
  });

  it("has collections, tags, new launches, discontinued and draft products", () => {
    expect(data.collections.length).toBeGreaterThanOrEqual(5);
    const collectionIds = new Set(data.collections.map((collection) => collection.id));
    for (const product of data.products) {
      expect(product.tags.length).toBeGreaterThan(0);
      for (const id of product.collectionIds) expect(collectionIds.has(id)).toBe(true);
    }
    const recentLaunches = data.variants.filter((variant) => dayIndex(variant.createdAt) >= HISTORY_DAYS - 100 && dayIndex(variant.createdAt) < HISTORY_DAYS);
    expect(recentLaunches.length).toBeGreaterThan(0);
    expect(data.products.some((product) => product.status === "ARCHIVED")).toBe(true);
    expect(data.products.some((product) => product.status === "DRAFT")).toBe(true);
  });

  it("has two locations: a warehouse fulfilling online and a store", () => {
    expect(data.locations.map((location) => location.fulfillsOnlineOrders)).toEqual([true, false]);
    expect(generateBrand({ seed: SEED, variants: 40, orderLines: 2000, locations: 3 }).locations).toHaveLength(3);
  });

  it("spans two years of orders inside the history window", () => {
    const days = data.orders.map((order) => dayIndex(order.processedAt));
    expect(Math.min(...days)).toBeLessThan(3);
    expect(Math.max(...days)).toBe(HISTORY_DAYS - 1);
    const outside = data.orders.filter((order) => {
      const processed = Date.parse(order.processedAt);
      const updated = Date.parse(order.updatedAt);
      return processed < START_MS || processed >= END_MS || updated < Date.parse(order.createdAt) || updated >= END_MS;
    });
    expect(outside.map((order) => order.name).slice(0, 5)).toEqual([]);
  });

  it("uses numeric ids, unique per type, increasing with time for orders and lines", () => {
    const lines = data.orders.flatMap((order) => order.lineItems);
    const recordSets = [data.products, data.variants, data.inventoryItems, data.inventoryLevels, data.orders, lines, data.orders.flatMap((order) => order.refunds)];
    for (const records of recordSets) {
      const ids = records.map((record) => record.id);
      expect(ids.filter((id) => !/^[1-9][0-9]*$/.test(id))).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const outOfOrder = data.orders.filter((order, index) => {
      const previous = data.orders[index - 1];
      return previous !== undefined && (Number(order.id) <= Number(previous.id) || order.processedAt < previous.processedAt);
    });
    expect(outOfOrder).toEqual([]);
    const lineIds = lines.map((line) => Number(line.id));
    expect(lineIds.filter((id, index) => index > 0 && id <= (lineIds[index - 1] ?? 0))).toEqual([]);
  });

  it("scales to the requested size", () => {
    const bigger = generateBrand({ seed: SEED, variants: 1200, orderLines: 30_000, historyDays: 365 });
    expect(bigger.variants).toHaveLength(1200);
    const lines = bigger.orders.reduce((sum, order) => sum + order.lineItems.length, 0);
    expect(lines).toBeGreaterThan(30_000 * 0.85);
    expect(lines).toBeLessThan(30_000 * 1.15);
  }, 30_000);
});
