/**
 * Stock per (variant, location) cell through time: purchase orders with lead
 * times (some late), returns and cancellations coming back, sales taking
 * units out, and the zero-stock intervals that result.
 */
import type { Rng } from "./random";

export interface StockoutInterval {
  cell: number;
  fromDay: number;
  toDay: number; // exclusive
}

export interface PurchaseOrderRecord {
  cell: number;
  orderedDay: number;
  expectedDay: number;
  arrivalDay: number;
  quantity: number;
}

export interface ReplenishmentPolicy {
  leadTimeDays: number;
  lateProbability: number;
  /** Days of demand one order covers beyond the reorder point. */
  cycleDays: number;
  minimumOrder: number;
}

const REVIEW_DAYS = 7;
const ARRIVAL_PO = 0;
const ARRIVAL_RESTOCK = 1;

export class InventorySimulation {
  readonly stock: Int32Array;
  readonly onOrder: Int32Array;
  readonly lastChangeDay: Int32Array;
  readonly stockouts: StockoutInterval[] = [];
  readonly purchaseOrders: PurchaseOrderRecord[] = [];
  /** Planner quality per cell: safety factor and forecast bias; some cells are run tight. */
  private readonly safetyFactor: Float32Array;
  private readonly forecastBias: Float32Array;
  private readonly stockoutStart: Int32Array;
  /** Per day, flat triples (cell, quantity, kind). Sized past the end so late POs stay "incoming". */
  private readonly arrivals: number[][];

  constructor(
    private readonly rng: Rng,
    cellCount: number,
    private readonly days: number,
  ) {
    this.stock = new Int32Array(cellCount);
    this.onOrder = new Int32Array(cellCount);
    this.lastChangeDay = new Int32Array(cellCount).fill(-1);
    this.stockoutStart = new Int32Array(cellCount).fill(-1);
    this.safetyFactor = new Float32Array(cellCount);
    this.forecastBias = new Float32Array(cellCount);
    for (let cell = 0; cell < cellCount; cell++) {
      this.safetyFactor[cell] = rng.chance(0.3) ? rng.uniform(-0.3, 0.7) : rng.uniform(1, 2);
      this.forecastBias[cell] = Math.exp(0.25 * rng.normal());
    }
    this.arrivals = Array.from({ length: days + 1 }, () => []);
  }

  /** Start-of-day receipts; ends any stockout the receipt refills. */
  receive(day: number): void {
    const due = this.arrivals[day];
    if (!due) return;
    for (let index = 0; index < due.length; index += 3) {
      const cell = due[index] ?? 0;
      const quantity = due[index + 1] ?? 0;
      if (due[index + 2] === ARRIVAL_PO) this.onOrder[cell] = (this.onOrder[cell] ?? 0) - quantity;
      this.addStock(cell, quantity, day);
    }
  }

  /** Call once per day for each cell that is selling; returns false when it is out of stock all day. */
  openForSale(cell: number, day: number): boolean {
    if ((this.stock[cell] ?? 0) > 0) return true;
    if ((this.stockoutStart[cell] ?? -1) < 0) this.stockoutStart[cell] = day;
    return false;
  }

  /** Takes up to `wanted` units; demand beyond stock is lost, not backordered. */
  take(cell: number, wanted: number, day: number): number {
    const taken = Math.min(wanted, this.stock[cell] ?? 0);
    if (taken > 0) {
      this.stock[cell] = (this.stock[cell] ?? 0) - taken;
      this.lastChangeDay[cell] = day;
    }
    return taken;
  }

  /** Cancelled lines go straight back on the shelf the same day. */
  restockNow(cell: number, quantity: number, day: number): void {
    this.addStock(cell, quantity, day);
  }

  scheduleReturn(cell: number, quantity: number, day: number): void {
    if (day < this.days) this.arrivals[day]?.push(cell, quantity, ARRIVAL_RESTOCK);
  }

  /** Opening stock (history start or launch) as an already received purchase order. */
  open(cell: number, day: number, dailyUnits: number, policy: ReplenishmentPolicy, launchBuy: boolean): void {
    const { reorderPoint, orderUpTo } = this.levels(cell, dailyUnits, policy);
    const target = launchBuy ? orderUpTo * this.rng.uniform(0.8, 1.6) : reorderPoint + this.rng.next() * (orderUpTo - reorderPoint);
    const quantity = Math.max(policy.minimumOrder, Math.round(target));
    this.purchaseOrders.push({ cell, orderedDay: day - policy.leadTimeDays, expectedDay: day, arrivalDay: day, quantity });
    this.addStock(cell, quantity, day);
  }

  /** Reviews are weekly, staggered over the week per cell. */
  isReviewDay(cell: number, day: number): boolean {
    return (day + cell) % REVIEW_DAYS === 0;
  }

  /**
   * Order-up-to review: below the reorder point, order enough to cover lead
   * time and a cycle, plus what known promotions in that span will sell.
   */
  review(cell: number, day: number, dailyUnits: number, promotionUnits: number, policy: ReplenishmentPolicy): void {
    const position = (this.stock[cell] ?? 0) + (this.onOrder[cell] ?? 0);
    const { reorderPoint, orderUpTo } = this.levels(cell, dailyUnits, policy);
    if (position > reorderPoint + promotionUnits) return;
    const quantity = Math.max(policy.minimumOrder, Math.ceil(orderUpTo + promotionUnits - position));
    const late = this.rng.chance(policy.lateProbability) ? this.rng.int(7, 30) : 0;
    const expectedDay = day + policy.leadTimeDays;
    this.placeOrder(cell, day, expectedDay, expectedDay + late, quantity);
  }

  /** Records the order; it stays incoming until its arrival day, which may lie past the history. */
  placeOrder(cell: number, orderedDay: number, expectedDay: number, arrivalDay: number, quantity: number): void {
    this.onOrder[cell] = (this.onOrder[cell] ?? 0) + quantity;
    this.purchaseOrders.push({ cell, orderedDay, expectedDay, arrivalDay, quantity });
    if (arrivalDay < this.days) this.arrivals[arrivalDay]?.push(cell, quantity, ARRIVAL_PO);
  }

  /** The cell stops selling (discontinued or history over): close any open stockout. */
  closeStockout(cell: number, day: number): void {
    const start = this.stockoutStart[cell] ?? -1;
    if (start < 0) return;
    if (day > start) this.stockouts.push({ cell, fromDay: start, toDay: day });
    this.stockoutStart[cell] = -1;
  }

  private addStock(cell: number, quantity: number, day: number): void {
    if (quantity <= 0) return;
    this.stock[cell] = (this.stock[cell] ?? 0) + quantity;
    this.lastChangeDay[cell] = day;
    this.closeStockout(cell, day);
  }

  private levels(cell: number, dailyUnits: number, policy: ReplenishmentPolicy): { reorderPoint: number; orderUpTo: number } {
    const forecast = dailyUnits * (this.forecastBias[cell] ?? 1);
    const coverDemand = forecast * (policy.leadTimeDays + REVIEW_DAYS);
    const reorderPoint = Math.max(1, coverDemand + (this.safetyFactor[cell] ?? 1) * Math.sqrt(coverDemand));
    return { reorderPoint, orderUpTo: reorderPoint + forecast * policy.cycleDays };
  }
}
