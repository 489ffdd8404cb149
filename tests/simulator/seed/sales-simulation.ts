/**
 * The day-by-day loop: each day, receipts arrive, every selling variant at
 * every location draws its demand, stock caps it (lost sales, no backorders),
 * the day's lines become orders, and planners review and reorder.
 */
import type { SimOrder } from "../store/types";
import { MEAN_LINE_QUANTITY } from "./brand-profile";
import { dayPrefixes } from "./calendar";
import { NEVER, type Catalog, type CatalogModel, type HistoryWindow } from "./catalog";
import type { DemandModel } from "./demand";
import { InventorySimulation, type ReplenishmentPolicy } from "./inventory";
import { drawLineQuantity, OrderAssembler, type DayLines } from "./orders";
import type { PromotionPlan } from "./promotions";
import type { Rng } from "./random";

/** Planners buy ahead for promotions starting within lead time + this, but underestimate the lift. */
const PROMOTION_LOOKAHEAD_DAYS = 21;
const PROMOTION_ANTICIPATION = 0.9;
/** Discontinued products get no new purchase orders this long before they are archived. */
const SELL_DOWN_DAYS = 60;

export interface SalesSimulationInput {
  window: HistoryWindow;
  model: CatalogModel;
  catalog: Catalog;
  demand: DemandModel;
  /** Per (variant, location) cell: 1 when the location stocks the variant. */
  carried: Uint8Array;
  policies: readonly ReplenishmentPolicy[];
  locationIds: readonly string[];
  /** Multiplier that turns relative demand into lines/day so the total lands near the target. */
  scale: number;
  plans: readonly PromotionPlan[];
  inventoryRng: Rng;
  demandRng: Rng;
  ordersRng: Rng;
  /** When set, demand lost to stockouts is drawn from it and every cell's daily demand recorded. */
  trueDemandRng?: Rng;
}

export interface SalesSimulation {
  inventory: InventorySimulation;
  orders: SimOrder[];
  /** Uncensored units per cell and day (cell-major), only with trueDemandRng. */
  trueDemand: Float32Array | null;
}

export function simulateSales(input: SalesSimulationInput): SalesSimulation {
  const { window, model, catalog, demand, carried, policies, locationIds, scale, plans, demandRng } = input;
  const days = window.days;
  const locationCount = locationIds.length;
  const variantCount = model.variantWeight.length;
  const cellCount = variantCount * locationCount;
  const inventory = new InventorySimulation(input.inventoryRng, cellCount, days);
  const prefixes = dayPrefixes(window.startMs, days);
  const assembler = new OrderAssembler(input.ordersRng, model, catalog.variants, catalog.products, locationIds, prefixes, plans, inventory);
  const locationShare = demand.locationWeekday.map((profile) => profile.reduce((sum, value) => sum + value, 0) / 7);
  const dayLines: DayLines[] = Array.from({ length: locationCount }, () => ({ variants: [], quantities: [] }));
  const truthRng = input.trueDemandRng;
  const trueDemand = truthRng ? new Float32Array(cellCount * days) : null;
  const unitsPerDay = (variant: number, location: number, day: number, leadTime: number): number =>
    demand.baselineRate(variant, Math.max(day, Math.min(day + leadTime, days - 1))) * scale * (locationShare[location] ?? 0) * MEAN_LINE_QUANTITY;

  for (let day = 0; day < days; day++) {
    inventory.receive(day);
    demand.prepareDay(day);
    const weekday = demand.weekday[day] ?? 0;
    for (const lines of dayLines) {
      lines.variants.length = 0;
      lines.quantities.length = 0;
    }
    for (let variant = 0; variant < variantCount; variant++) {
      const product = model.variantProduct[variant] ?? 0;
      const launch = model.productLaunchDay[product] ?? NEVER;
      const archive = model.productArchiveDay[product] ?? NEVER;
      if (day < launch || day > archive) continue;
      const firstDay = Math.max(launch, 0);
      const cellBase = variant * locationCount;
      if (day === archive) {
        for (let location = 0; location < locationCount; location++) inventory.closeStockout(cellBase + location, day);
        continue;
      }
      const rate = demand.rate(variant, day) * scale;
      const reordering = day < archive - SELL_DOWN_DAYS;
      for (let location = 0; location < locationCount; location++) {
        const cell = cellBase + location;
        if (!carried[cell]) continue;
        const policy = policies[cell] as ReplenishmentPolicy;
        if (day === firstDay) inventory.open(cell, day, unitsPerDay(variant, location, day, 0), policy, launch > 0);
        const expectedLines = rate * (demand.locationWeekday[location]?.[weekday] ?? 0);
        let wanted = 0;
        if (inventory.openForSale(cell, day)) {
          const lineCount = demandRng.poisson(expectedLines);
          const lines = dayLines[location] as DayLines;
          for (let line = 0; line < lineCount; line++) {
            const quantity = drawLineQuantity(demandRng);
            wanted += quantity;
            const taken = inventory.take(cell, quantity, day);
            if (taken === 0) {
              // The rest of the day's lines are lost; draw them apart so the shop stays the same.
              if (truthRng) for (let lost = line + 1; lost < lineCount; lost++) wanted += drawLineQuantity(truthRng);
              break;
            }
            lines.variants.push(variant);
            lines.quantities.push(taken);
          }
        } else if (truthRng) {
          const lineCount = truthRng.poisson(expectedLines);
          for (let line = 0; line < lineCount; line++) wanted += drawLineQuantity(truthRng);
        }
        if (trueDemand) trueDemand[cell * days + day] = wanted;
        if (reordering && inventory.isReviewDay(cell, day)) {
          const dailyUnits = unitsPerDay(variant, location, day, policy.leadTimeDays);
          const promotionDays = demand.plannedPromotionDays(product, day, day + policy.leadTimeDays + PROMOTION_LOOKAHEAD_DAYS);
          inventory.review(cell, day, dailyUnits, dailyUnits * promotionDays * PROMOTION_ANTICIPATION, policy);
        }
      }
    }
    assembler.assembleDay(day, dayLines, demand.productPromotion);
  }
  for (let cell = 0; cell < cellCount; cell++) inventory.closeStockout(cell, days);
  return { inventory, orders: assembler.orders, trueDemand };

}
