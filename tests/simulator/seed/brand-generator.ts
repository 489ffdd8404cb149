/**
 * Deterministic synthetic brand for the Shopify simulator: catalogue, locations,
 * two years of orders driven by a day-by-day demand and inventory simulation,
 * and the ground truth (promotions, stockouts, purchase orders) tests check against.
 */
import type {
  BrandGeneratorOptions,
  InventoryQuantityName,
  ShopData,
  SimInventoryLevel,
  SimLocation,
  SimOrder,
  SimPurchaseOrderTruth,
  SimStockoutTruth,
  SimWeeklyDemandTruth,
} from "../store/types";
import { BRAND_NAMES, STORE_LOCATION_NAMES, VENDORS } from "./brand-profile";
import { isoAt, MS_PER_DAY, parseDay } from "./calendar";
import { buildCatalog, NEVER, type Catalog, type HistoryWindow } from "./catalog";
import { DemandModel } from "./demand";
import { buildDiscounts } from "./discounts";
import { ID_BASES, IdSequence } from "./ids";
import type { InventorySimulation, ReplenishmentPolicy } from "./inventory";
import { planPromotions, promotionTruth } from "./promotions";
import { deriveSeed, Rng } from "./random";
import { applyEndState } from "./end-state";
import { simulateSales } from "./sales-simulation";

export const DEFAULT_VARIANTS = 300;
export const DEFAULT_HISTORY_DAYS = 730;
export const DEFAULT_END_DATE = "2026-11-01";
/** Order lines per variant over the default two years; shorter histories get proportionally fewer. */
export const DEFAULT_LINES_PER_VARIANT = 150;
/** Share of demand typically lost to stockouts; the calibration aims past it to land near orderLines. */
const EXPECTED_FILL_RATE = 0.93;
const SHOP_AGE_DAYS = 540;

const STREAM = { catalog: 1, promotions: 2, carried: 3, policy: 4, inventory: 5, demand: 6, orders: 7, shop: 8, lostDemand: 9, endState: 10 } as const;

function buildLocations(count: number, createdAt: string, updatedAt: string): SimLocation[] {
  const ids = new IdSequence(ID_BASES.location);
  return Array.from({ length: count }, (_, index) => ({
    id: ids.next(),
    name: index === 0 ? "Main Warehouse" : (STORE_LOCATION_NAMES[index - 1] ?? `Store ${index}`),
    isActive: true,
    fulfillsOnlineOrders: index === 0,
    createdAt,
    updatedAt,
  }));
}

/** The warehouse carries everything; stores carry popular lines and a random part of the rest. */
function assignCarried(rng: Rng, catalog: Catalog, locationCount: number): Uint8Array {
  const { model } = catalog;
  const variantCount = model.variantWeight.length;
  const productCount = model.productLaunchDay.length;
  const rankOf = new Int32Array(productCount);
  model.productsByPopularity.forEach((product, rank) => (rankOf[product] = rank));
  const carried = new Uint8Array(variantCount * locationCount);
  for (let variant = 0; variant < variantCount; variant++) {
    carried[variant * locationCount] = 1;
    const popularity = 1 - (rankOf[model.variantProduct[variant] ?? 0] ?? 0) / productCount;
    for (let location = 1; location < locationCount; location++) {
      carried[variant * locationCount + location] = rng.chance(0.3 + 0.6 * popularity) ? 1 : 0;
    }
  }
  return carried;
}

function buildPolicies(rng: Rng, catalog: Catalog, locationCount: number): ReplenishmentPolicy[] {
  const { model } = catalog;
  const policies: ReplenishmentPolicy[] = [];
  for (let variant = 0; variant < model.variantWeight.length; variant++) {
    const vendor = VENDORS[model.productVendor[model.variantProduct[variant] ?? 0] ?? 0] ?? VENDORS[0];
    for (let location = 0; location < locationCount; location++) {
      if (location === 0 && vendor) {
        const [minLead, maxLead] = vendor.leadTimeDays;
        policies.push({ leadTimeDays: rng.int(minLead, maxLead), lateProbability: vendor.lateProbability, cycleDays: 28, minimumOrder: 6 });
      } else {
        policies.push({ leadTimeDays: rng.int(3, 7), lateProbability: 0.05, cycleDays: 14, minimumOrder: 2 });
      }
    }
  }
  return policies;
}

export function generateBrand(options: BrandGeneratorOptions): ShopData {
  const variantTarget = Math.max(1, Math.round(options.variants ?? DEFAULT_VARIANTS));
  const days = Math.max(28, Math.round(options.historyDays ?? DEFAULT_HISTORY_DAYS));
  const locationCount = Math.max(1, Math.round(options.locations ?? 2));
  const lineTarget = options.orderLines ?? Math.round((variantTarget * DEFAULT_LINES_PER_VARIANT * days) / DEFAULT_HISTORY_DAYS);
  const endMs = parseDay(options.endDate ?? DEFAULT_END_DATE);
  const window: HistoryWindow = { startMs: endMs - days * MS_PER_DAY, days, shopCreatedDay: -SHOP_AGE_DAYS };
  const rngFor = (stream: number): Rng => new Rng(deriveSeed(options.seed, stream));

  const shopRng = rngFor(STREAM.shop);
  const catalog = buildCatalog(rngFor(STREAM.catalog), variantTarget, window);
  const { model } = catalog;
  const shopCreatedAt = isoAt(window.startMs, window.shopCreatedDay, 15 * 3600);
  const locations = buildLocations(locationCount, shopCreatedAt, isoAt(window.startMs, window.shopCreatedDay + 30, 10 * 3600));
  const locationIds = locations.map((location) => location.id);
  const plans = planPromotions(rngFor(STREAM.promotions), window, model);
  const carried = assignCarried(rngFor(STREAM.carried), catalog, locationCount);
  const policies = buildPolicies(rngFor(STREAM.policy), catalog, locationCount);
  const demand = new DemandModel(window, model, plans, locationCount, shopRng.uniform(0.15, 0.35));
  const scale = lineTarget / Math.max(1e-9, demand.expectedTotalLines(carried) * EXPECTED_FILL_RATE);

  const { inventory, orders, trueDemand } = simulateSales({
    window,
    model,
    catalog,
    demand,
    carried,
    policies,
    locationIds,
    scale,
    inventoryRng: rngFor(STREAM.inventory),
    demandRng: rngFor(STREAM.demand),
    ordersRng: rngFor(STREAM.orders),
    plans,
    ...(options.trueDemand ? { trueDemandRng: rngFor(STREAM.lostDemand) } : {}),
  });
  orderUpcomingProducts(shopRng, inventory, catalog, locationCount, days);
  const endState = options.endState
    ? applyEndState(rngFor(STREAM.endState), inventory, catalog.variants.map((v) => v.id), locationCount, orders, locationIds[0] ?? "", isoAt(window.startMs, days - 56), days - 1)
    : null;
  const lastDayPrefix = isoAt(window.startMs, days - 1).slice(0, 11);
  const committed = committedUnits(orders, locationIds[0], lastDayPrefix);
  const pastPromotions = promotionTruth(plans, window, catalog.products.map((product) => product.id));
  const discounts = buildDiscounts({
    window,
    pastPromotions,
    collections: catalog.collections,
    products: catalog.products,
    variants: catalog.variants,
    productIdsByPopularity: Array.from(model.productsByPopularity, (product) => catalog.products[product]?.id ?? ""),
  });

  return {
    shop: {
      domain: options.shopDomain ?? "tempo-demo.myshopify.com",
      name: shopRng.pick(BRAND_NAMES),
      currencyCode: "USD",
      ianaTimezone: "Etc/UTC",
      createdAt: shopCreatedAt,
    },
    locations,
    collections: catalog.collections,
    products: catalog.products,
    discounts,
    variants: catalog.variants,
    inventoryItems: catalog.inventoryItems,
    inventoryLevels: inventoryLevels(inventory, catalog, carried, locationIds, committed, window),
    orders,
    truth: {
      promotions: pastPromotions,
      stockouts: stockoutTruth(inventory, catalog, locationIds, window),
      purchaseOrders: purchaseOrderTruth(inventory, catalog, locationIds, window),
      ...(trueDemand ? { weeklyDemand: weeklyDemandTruth(trueDemand, catalog, carried, locationIds, window) } : {}),
      ...(endState ? { endState } : {}),
    },
  };
}

/** Daily uncensored demand per cell summed into the complete Monday weeks of the history. */
function weeklyDemandTruth(daily: Float32Array, catalog: Catalog, carried: Uint8Array, locationIds: readonly string[], window: HistoryWindow): SimWeeklyDemandTruth {
  const firstWeekday = new Date(window.startMs).getUTCDay();
  const firstMonday = (8 - firstWeekday) % 7;
  const weekCount = Math.floor((window.days - firstMonday) / 7);
  const weekStarts = Array.from({ length: weekCount }, (_, w) => isoAt(window.startMs, firstMonday + 7 * w).slice(0, 10));
  const cells: SimWeeklyDemandTruth["cells"] = [];
  for (let cell = 0; cell < carried.length; cell++) {
    if (!carried[cell]) continue;
    const units = new Array<number>(weekCount).fill(0);
    const base = cell * window.days + firstMonday;
    for (let day = 0; day < weekCount * 7; day++) units[Math.floor(day / 7)]! += daily[base + day] ?? 0;
    cells.push({ ...cellIdentity(cell, catalog, locationIds), units });
  }
  return { weekStarts, cells };
}

/** Online orders from the last day are not shipped yet: their units are committed, still on hand. */
function committedUnits(orders: readonly SimOrder[], warehouseId: string | undefined, lastDayPrefix: string): Map<string, number> {
  const committed = new Map<string, number>();
  for (let index = orders.length - 1; index >= 0; index--) {
    const order = orders[index];
    if (!order || !order.processedAt.startsWith(lastDayPrefix)) break;
    if (order.cancelledAt !== null || order.locationId !== warehouseId) continue;
    for (const line of order.lineItems) {
      if (line.variantId === null) continue;
      committed.set(line.variantId, (committed.get(line.variantId) ?? 0) + line.quantity);
    }
  }
  return committed;
}

/** Draft products have their first purchase order on the water: incoming, nothing on hand yet. */
function orderUpcomingProducts(rng: Rng, inventory: InventorySimulation, catalog: Catalog, locationCount: number, days: number): void {
  const { model } = catalog;
  for (let variant = 0; variant < model.variantWeight.length; variant++) {
    if (model.productLaunchDay[model.variantProduct[variant] ?? 0] !== NEVER) continue;
    inventory.placeOrder(variant * locationCount, days - rng.int(5, 15), days + rng.int(10, 30), NEVER, 6 * rng.int(3, 10));
  }
}

function inventoryLevels(
  inventory: InventorySimulation,
  catalog: Catalog,
  carried: Uint8Array,
  locationIds: readonly string[],
  committed: Map<string, number>,
  window: HistoryWindow,
): SimInventoryLevel[] {
  const ids = new IdSequence(ID_BASES.inventoryLevel);
  const levels: SimInventoryLevel[] = [];
  const locationCount = locationIds.length;
  catalog.variants.forEach((variant, variantIndex) => {
    locationIds.forEach((locationId, location) => {
      const cell = variantIndex * locationCount + location;
      if (!carried[cell]) return;
      const available = inventory.stock[cell] ?? 0;
      const committedHere = location === 0 ? (committed.get(variant.id) ?? 0) : 0;
      const quantities: Record<InventoryQuantityName, number> = {
        available,
        on_hand: available + committedHere,
        committed: committedHere,
        incoming: inventory.onOrder[cell] ?? 0,
        reserved: 0,
        damaged: 0,
        safety_stock: 0,
        quality_control: 0,
      };
      const lastChange = inventory.lastChangeDay[cell] ?? -1;
      levels.push({
        id: ids.next(),
        inventoryItemId: variant.inventoryItemId,
        locationId,
        quantities,
        updatedAt: lastChange >= 0 ? isoAt(window.startMs, lastChange, 12 * 3600) : variant.createdAt,
      });
    });
  });
  return levels;
}

function cellIdentity(cell: number, catalog: Catalog, locationIds: readonly string[]): { variantId: string; locationId: string } {
  const locationCount = locationIds.length;
  return {
    variantId: catalog.variants[Math.floor(cell / locationCount)]?.id ?? "",
    locationId: locationIds[cell % locationCount] ?? "",
  };
}

function stockoutTruth(inventory: InventorySimulation, catalog: Catalog, locationIds: readonly string[], window: HistoryWindow): SimStockoutTruth[] {
  return inventory.stockouts
    .map((interval) => ({
      ...cellIdentity(interval.cell, catalog, locationIds),
      fromDay: interval.fromDay,
      from: isoAt(window.startMs, interval.fromDay),
      to: isoAt(window.startMs, interval.toDay),
    }))
    .sort((a, b) => a.fromDay - b.fromDay)
    .map(({ variantId, locationId, from, to }) => ({ variantId, locationId, from, to }));
}

function purchaseOrderTruth(inventory: InventorySimulation, catalog: Catalog, locationIds: readonly string[], window: HistoryWindow): SimPurchaseOrderTruth[] {
  return inventory.purchaseOrders.map((order) => ({
    ...cellIdentity(order.cell, catalog, locationIds),
    quantity: order.quantity,
    orderedAt: isoAt(window.startMs, order.orderedDay, 9 * 3600),
    expectedAt: isoAt(window.startMs, order.expectedDay),
    receivedAt: order.arrivalDay < window.days ? isoAt(window.startMs, order.arrivalDay) : null,
  }));
}
