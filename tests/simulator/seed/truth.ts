/**
 * Totals a sync test compares the app's database against: what Shopify's
 * orders say was sold, net of refunds and cancellations.
 */
import type { ShopData, SimOrder } from "../store/types";

export interface TruthSummary {
  orders: number;
  cancelledOrders: number;
  ordersWithRefunds: number;
  orderLines: number;
  unitsSold: number;
  unitsRefunded: number;
  /** unitsSold - unitsRefunded (cancelled orders are fully refunded, so they net to zero). */
  netUnits: number;
  /** Net units per variant id (lines without a variant are skipped). */
  netUnitsByVariant: Record<string, number>;
  /** Net units per "variantId@locationId". */
  netUnitsByVariantLocation: Record<string, number>;
  /** Order lines per channel name. */
  linesByChannel: Record<string, number>;
  firstProcessedAt: string | null;
  lastProcessedAt: string | null;
}

function refundedQuantities(order: SimOrder): Map<string, number> {
  const refunded = new Map<string, number>();
  for (const refund of order.refunds) {
    for (const line of refund.refundLineItems) refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
  }
  return refunded;
}

function add(record: Record<string, number>, key: string, amount: number): void {
  record[key] = (record[key] ?? 0) + amount;
}

export function summarizeTruth(data: ShopData): TruthSummary {
  const summary: TruthSummary = {
    orders: data.orders.length,
    cancelledOrders: 0,
    ordersWithRefunds: 0,
    orderLines: 0,
    unitsSold: 0,
    unitsRefunded: 0,
    netUnits: 0,
    netUnitsByVariant: {},
    netUnitsByVariantLocation: {},
    linesByChannel: {},
    firstProcessedAt: null,
    lastProcessedAt: null,
  };
  for (const order of data.orders) {
    if (order.cancelledAt !== null) summary.cancelledOrders++;
    if (order.refunds.length > 0) summary.ordersWithRefunds++;
    if (summary.firstProcessedAt === null || order.processedAt < summary.firstProcessedAt) summary.firstProcessedAt = order.processedAt;
    if (summary.lastProcessedAt === null || order.processedAt > summary.lastProcessedAt) summary.lastProcessedAt = order.processedAt;
    const refunded = refundedQuantities(order);
    for (const line of order.lineItems) {
      const refundedUnits = refunded.get(line.id) ?? 0;
      const net = line.quantity - refundedUnits;
      summary.orderLines++;
      summary.unitsSold += line.quantity;
      summary.unitsRefunded += refundedUnits;
      add(summary.linesByChannel, order.channelName, 1);
      if (line.variantId === null) continue;
      add(summary.netUnitsByVariant, line.variantId, net);
      add(summary.netUnitsByVariantLocation, `${line.variantId}@${order.locationId ?? ""}`, net);
    }
  }
  summary.netUnits = summary.unitsSold - summary.unitsRefunded;
  return summary;
}
