/**
 * Turns one day's sold lines per location into Shopify-like orders: baskets,
 * channels, times of day, discount codes, cancellations and returns. Ids are
 * handed out in time order across locations.
 */
import type { SimLineItem, SimOrder, SimProduct, SimRefund, SimRefundLineItem, SimVariant } from "../store/types";
import {
  CANCEL_PROBABILITY,
  CANCEL_REASONS,
  LINE_QUANTITY_WEIGHTS,
  ONLINE_BASKET_WEIGHTS,
  ONLINE_CHANNELS,
  ONLINE_HOURLY,
  PRODUCT_TYPES,
  STORE_BASKET_WEIGHTS,
  STORE_CHANNEL,
  STORE_HOURLY,
  type ChannelProfile,
} from "./brand-profile";
import { SECONDS_PER_DAY, timeOfDay } from "./calendar";
import type { CatalogModel } from "./catalog";
import { ID_BASES, IdSequence } from "./ids";
import type { InventorySimulation } from "./inventory";
import type { PromotionPlan } from "./promotions";
import type { Rng } from "./random";

/** Lines sold at one location on one day, as parallel arrays (variant index, units). */
export interface DayLines {
  variants: number[];
  quantities: number[];
}

interface PendingOrder {
  location: number;
  second: number;
  variants: number[];
  quantities: number[];
}

const RETURN_RESTOCK_SHARE = 0.85;

function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => {
    total += weight;
    sums[index] = total;
  });
  return sums.map((sum) => sum / total);
}

function drawFrom(rng: Rng, cumulativeWeights: Float64Array): number {
  const target = rng.next();
  for (let index = 0; index < cumulativeWeights.length; index++) {
    if (target < (cumulativeWeights[index] ?? 1)) return index;
  }
  return cumulativeWeights.length - 1;
}

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

const LINE_QUANTITY_CUMULATIVE = cumulative(LINE_QUANTITY_WEIGHTS);

/** Units a customer wants on one line: mostly 1. */
export function drawLineQuantity(rng: Rng): number {
  return drawFrom(rng, LINE_QUANTITY_CUMULATIVE) + 1;
}

export class OrderAssembler {
  readonly orders: SimOrder[] = [];
  private readonly orderIds = new IdSequence(ID_BASES.order);
  private readonly lineIds = new IdSequence(ID_BASES.lineItem);
  private readonly refundIds = new IdSequence(ID_BASES.refund);
  private orderNumber = 1001;
  private readonly onlineHours = cumulative(ONLINE_HOURLY);
  private readonly storeHours = cumulative(STORE_HOURLY);
  private readonly onlineBaskets = cumulative(ONLINE_BASKET_WEIGHTS);
  private readonly storeBaskets = cumulative(STORE_BASKET_WEIGHTS);
  private readonly onlineChannels = cumulative(ONLINE_CHANNELS.map((channel) => channel.weight));

  constructor(
    private readonly rng: Rng,
    private readonly model: CatalogModel,
    private readonly variants: readonly SimVariant[],
    private readonly products: readonly SimProduct[],
    private readonly locationIds: readonly string[],
    private readonly dayPrefixes: readonly string[],
    private readonly plans: readonly PromotionPlan[],
    private readonly inventory: InventorySimulation,
  ) {}

  /** productPromotion: per product, index of the promotion running today (-1 none). */
  assembleDay(day: number, linesByLocation: readonly DayLines[], productPromotion: Int16Array): void {
    const pending: PendingOrder[] = [];
    linesByLocation.forEach((lines, location) => this.groupIntoBaskets(location, lines, pending));
    pending.sort((a, b) => a.second - b.second);
    for (const order of pending) this.orders.push(this.materialize(day, order, productPromotion));
  }

  private groupIntoBaskets(location: number, lines: DayLines, pending: PendingOrder[]): void {
    const count = lines.variants.length;
    if (count === 0) return;
    const order = Array.from({ length: count }, (_, index) => index);
    this.rng.shuffleInPlace(order);
    const baskets = location === 0 ? this.onlineBaskets : this.storeBaskets;
    const hours = location === 0 ? this.onlineHours : this.storeHours;
    let next = 0;
    while (next < count) {
      const size = Math.min(count - next, drawFrom(this.rng, baskets) + 1);
      const basket: PendingOrder = {
        location,
        second: drawFrom(this.rng, hours) * 3600 + this.rng.int(0, 3599),
        variants: [],
        quantities: [],
      };
      for (let slot = 0; slot < size; slot++) {
        const lineIndex = order[next + slot] ?? 0;
        const variant = lines.variants[lineIndex] ?? 0;
        const quantity = lines.quantities[lineIndex] ?? 0;
        // The same variant twice in one basket is one line with more units.
        const existing = basket.variants.indexOf(variant);
        if (existing >= 0) basket.quantities[existing] = (basket.quantities[existing] ?? 0) + quantity;
        else {
          basket.variants.push(variant);
          basket.quantities.push(quantity);
        }
      }
      pending.push(basket);
      next += size;
    }
  }

  private isoAt(absoluteSecond: number): string {
    const day = Math.floor(absoluteSecond / SECONDS_PER_DAY);
    return `${this.dayPrefixes[day] ?? ""}${timeOfDay(absoluteSecond - day * SECONDS_PER_DAY)}`;
  }

  private materialize(day: number, pending: PendingOrder, productPromotion: Int16Array): SimOrder {
    const rng = this.rng;
    const daySecond = day * SECONDS_PER_DAY;
    const lastSecond = this.dayPrefixes.length * SECONDS_PER_DAY - 1;
    const processedSecond = daySecond + pending.second;
    const processedAt = this.isoAt(processedSecond);
    const channel: ChannelProfile = pending.location === 0 ? (ONLINE_CHANNELS[drawFrom(rng, this.onlineChannels)] ?? STORE_CHANNEL) : STORE_CHANNEL;
    const locationCount = this.locationIds.length;

    const lineItems: SimLineItem[] = [];
    const netCents: number[] = [];
    const codes: string[] = [];
    pending.variants.forEach((variantIndex, position) => {
      const variant = this.variants[variantIndex] as SimVariant;
      const quantity = pending.quantities[position] ?? 1;
      const productIndex = this.model.variantProduct[variantIndex] ?? 0;
      const grossCents = (this.model.variantPriceCents[variantIndex] ?? 0) * quantity;
      const promotion = this.plans[productPromotion[productIndex] ?? -1];
      const discountCents = promotion ? Math.round(grossCents * promotion.discountPct) : 0;
      if (promotion && !codes.includes(promotion.code)) codes.push(promotion.code);
      netCents.push(grossCents - discountCents);
      lineItems.push({
        id: this.lineIds.next(),
        variantId: variant.id,
        productId: variant.productId,
        sku: variant.sku,
        title: this.products[productIndex]?.title ?? "",
        quantity,
        currentQuantity: quantity,
        originalUnitPrice: variant.price,
        discountAllocations: discountCents > 0 ? [{ amount: money(discountCents) }] : [],
      });
    });

    const refunds: SimRefund[] = [];
    let cancelledAt: string | null = null;
    let cancelReason: string | null = null;
    let updatedSecond = pending.location === 0 ? processedSecond + rng.int(3, 60) * 3600 : processedSecond;

    if (rng.chance(CANCEL_PROBABILITY)) {
      const cancelSecond = processedSecond + rng.int(0, Math.max(0, SECONDS_PER_DAY - 1 - pending.second));
      cancelledAt = this.isoAt(cancelSecond);
      cancelReason = rng.pick(CANCEL_REASONS);
      updatedSecond = cancelSecond;
      const refundLineItems: SimRefundLineItem[] = lineItems.map((line, position) => {
        line.currentQuantity = 0;
        this.inventory.restockNow((pending.variants[position] ?? 0) * locationCount + pending.location, line.quantity, day);
        return { lineItemId: line.id, quantity: line.quantity, restockType: "CANCEL", subtotal: money(netCents[position] ?? 0) };
      });
      refunds.push({ id: this.refundIds.next(), createdAt: cancelledAt, refundLineItems });
    } else {
      const returnDay = day + rng.int(5, 30);
      const refundLineItems: SimRefundLineItem[] = [];
      lineItems.forEach((line, position) => {
        const variantIndex = pending.variants[position] ?? 0;
        const returnRate = PRODUCT_TYPES[this.model.variantType[variantIndex] ?? 0]?.returnRate ?? 0;
        if (returnDay * SECONDS_PER_DAY > lastSecond || !rng.chance(returnRate)) return;
        const returned = rng.int(1, line.quantity);
        const restock = rng.chance(RETURN_RESTOCK_SHARE);
        line.currentQuantity -= returned;
        if (restock) this.inventory.scheduleReturn(variantIndex * locationCount + pending.location, returned, returnDay);
        refundLineItems.push({
          lineItemId: line.id,
          quantity: returned,
          restockType: restock ? "RETURN" : "NO_RESTOCK",
          subtotal: money(Math.round(((netCents[position] ?? 0) * returned) / line.quantity)),
        });
      });
      if (refundLineItems.length > 0) {
        const refundSecond = returnDay * SECONDS_PER_DAY + rng.int(9 * 3600, 18 * 3600);
        refunds.push({ id: this.refundIds.next(), createdAt: this.isoAt(refundSecond), refundLineItems });
        updatedSecond = Math.max(updatedSecond, refundSecond);
      }
    }

    const orderName = `#${this.orderNumber++}`;
    return {
      id: this.orderIds.next(),
      name: orderName,
      createdAt: processedAt,
      processedAt,
      updatedAt: this.isoAt(Math.max(processedSecond, Math.min(updatedSecond, lastSecond))),
      cancelledAt,
      cancelReason,
      sourceName: channel.sourceName,
      channelName: channel.channelName,
      locationId: this.locationIds[pending.location] ?? null,
      currencyCode: "USD",
      test: false,
      lineItems,
      refunds,
      discountCodes: codes,
    };
  }
}
