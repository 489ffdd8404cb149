import type { SimLineItem, SimOrder, SimRefund, SimRefundLineItem } from "../../store/types";
import { buildConnection, type ConnectionArgs } from "../connection";
import type { SimContext } from "../context";
import { toGid } from "../ids";
import { matchesDate, matchesNumber, matchesText, type SearchTerm } from "../search-query";
import { LocationView, ProductView, VariantView } from "./catalog";
import { moneyBag, moneyV2, toCents } from "./money";

const POS_SOURCE = "pos";

export function lineDiscountCents(line: SimLineItem): number {
  return line.discountAllocations.reduce((sum, d) => sum + toCents(d.amount), 0);
}

export function refundedCents(order: SimOrder): number {
  return order.refunds.reduce((sum, r) => sum + r.refundLineItems.reduce((s, rli) => s + toCents(rli.subtotal), 0), 0);
}

export function orderTotals(order: SimOrder) {
  let subtotal = 0;
  let discounts = 0;
  let currentSubtotal = 0;
  let quantity = 0;
  let currentQuantity = 0;
  for (const line of order.lineItems) {
    const unit = toCents(line.originalUnitPrice);
    const discount = lineDiscountCents(line);
    subtotal += unit * line.quantity - discount;
    discounts += discount;
    quantity += line.quantity;
    currentQuantity += line.currentQuantity;
    const share = line.quantity > 0 ? line.currentQuantity / line.quantity : 0;
    currentSubtotal += Math.round((unit * line.quantity - discount) * share);
  }
  return { subtotal, discounts, currentSubtotal, quantity, currentQuantity, refunded: refundedCents(order) };
}

export class LineItemView {
  readonly __typename = "LineItem";
  constructor(
    private readonly order: SimOrder,
    private readonly line: SimLineItem,
    private readonly ctx: SimContext,
  ) {}
  private bag(cents: number) {
    return moneyBag(cents, this.order.currencyCode);
  }
  get id() {
    return toGid("LineItem", this.line.id);
  }
  get name() {
    return this.line.title;
  }
  get title() {
    return this.line.title;
  }
  get variantTitle() {
    const variant = this.line.variantId ? this.ctx.shop.store.variantsById.get(this.line.variantId) : undefined;
    return variant?.title ?? null;
  }
  get vendor() {
    const product = this.line.productId ? this.ctx.shop.store.productsById.get(this.line.productId) : undefined;
    return product?.vendor ?? null;
  }
  get sku() {
    return this.line.sku;
  }
  get quantity() {
    return this.line.quantity;
  }
  get currentQuantity() {
    return this.line.currentQuantity;
  }
  get refundableQuantity() {
    return this.line.currentQuantity;
  }
  get fulfillableQuantity() {
    return 0;
  }
  get unfulfilledQuantity() {
    return 0;
  }
  get nonFulfillableQuantity() {
    return this.line.quantity - this.line.currentQuantity;
  }
  get fulfillmentStatus() {
    return "fulfilled";
  }
  get isGiftCard() {
    return false;
  }
  get requiresShipping() {
    return true;
  }
  get taxable() {
    return true;
  }
  get restockable() {
    return true;
  }
  get merchantEditable() {
    return true;
  }
  get variant() {
    const variant = this.line.variantId ? this.ctx.shop.store.variantsById.get(this.line.variantId) : undefined;
    return variant ? new VariantView(variant, this.ctx) : null;
  }
  get product() {
    const product = this.line.productId ? this.ctx.shop.store.productsById.get(this.line.productId) : undefined;
    return product ? new ProductView(product, this.ctx) : null;
  }
  get originalUnitPriceSet() {
    return this.bag(toCents(this.line.originalUnitPrice));
  }
  get originalTotalSet() {
    return this.bag(toCents(this.line.originalUnitPrice) * this.line.quantity);
  }
  get totalDiscountSet() {
    return this.bag(lineDiscountCents(this.line));
  }
  get discountedTotalSet() {
    return this.bag(toCents(this.line.originalUnitPrice) * this.line.quantity - lineDiscountCents(this.line));
  }
  get discountedUnitPriceSet() {
    const total = toCents(this.line.originalUnitPrice) * this.line.quantity - lineDiscountCents(this.line);
    return this.bag(this.line.quantity > 0 ? Math.round(total / this.line.quantity) : 0);
  }
  get discountedUnitPriceAfterAllDiscountsSet() {
    return this.discountedUnitPriceSet;
  }
  get discountAllocations() {
    return this.line.discountAllocations.map((d) => ({
      allocatedAmount: moneyV2(toCents(d.amount), this.order.currencyCode),
      allocatedAmountSet: this.bag(toCents(d.amount)),
    }));
  }
}

export class RefundLineItemView {
  readonly __typename = "RefundLineItem";
  constructor(
    private readonly order: SimOrder,
    private readonly refundLine: SimRefundLineItem,
    private readonly index: string,
    private readonly ctx: SimContext,
  ) {}
  get id() {
    return toGid("RefundLineItem", this.index);
  }
  get quantity() {
    return this.refundLine.quantity;
  }
  get restockType() {
    return this.refundLine.restockType;
  }
  get restocked() {
    return this.refundLine.restockType !== "NO_RESTOCK";
  }
  get lineItem() {
    const line = this.ctx.shop.store.lineItemsById.get(this.refundLine.lineItemId);
    return line ? new LineItemView(line.order, line.lineItem, this.ctx) : null;
  }
  get location() {
    const id = this.order.locationId;
    const location = id ? this.ctx.shop.store.locationsById.get(id) : undefined;
    return location ? new LocationView(location, this.ctx) : null;
  }
  get subtotalSet() {
    return moneyBag(toCents(this.refundLine.subtotal), this.order.currencyCode);
  }
  get priceSet() {
    const cents = this.refundLine.quantity > 0 ? Math.round(toCents(this.refundLine.subtotal) / this.refundLine.quantity) : 0;
    return moneyBag(cents, this.order.currencyCode);
  }
  get totalTaxSet() {
    return moneyBag(0, this.order.currencyCode);
  }
}

export class RefundView {
  readonly __typename = "Refund";
  constructor(
    private readonly sourceOrder: SimOrder,
    private readonly refund: SimRefund,
    private readonly ctx: SimContext,
  ) {}
  get id() {
    return toGid("Refund", this.refund.id);
  }
  get legacyResourceId() {
    return this.refund.id;
  }
  get createdAt() {
    return this.refund.createdAt;
  }
  get processedAt() {
    return this.refund.createdAt;
  }
  get updatedAt() {
    return this.refund.createdAt;
  }
  get note() {
    return null;
  }
  get order() {
    return new OrderView(this.sourceOrder, this.ctx);
  }
  get totalRefundedSet() {
    const cents = this.refund.refundLineItems.reduce((s, r) => s + toCents(r.subtotal), 0);
    return moneyBag(cents, this.sourceOrder.currencyCode);
  }
  refundLineItems(args: ConnectionArgs) {
    const rows = this.refund.refundLineItems.map((r, i) => ({ row: r, key: `${this.refund.id}${String(i).padStart(3, "0")}` }));
    return buildConnection({
      items: rows,
      args,
      idOf: (r) => r.key,
      toNode: (r) => new RefundLineItemView(this.sourceOrder, r.row, r.key, this.ctx),
      bulk: this.ctx.bulk,
    });
  }
}

function financialStatus(order: SimOrder): string {
  const { subtotal, refunded } = orderTotals(order);
  if (refunded === 0) return "PAID";
  return refunded >= subtotal ? "REFUNDED" : "PARTIALLY_REFUNDED";
}

export class OrderView {
  readonly __typename = "Order";
  constructor(
    private readonly order: SimOrder,
    private readonly ctx: SimContext,
  ) {}
  private bag(cents: number) {
    return moneyBag(cents, this.order.currencyCode);
  }
  private get location() {
    const id = this.order.locationId;
    const location = id ? this.ctx.shop.store.locationsById.get(id) : undefined;
    return location ? new LocationView(location, this.ctx) : null;
  }
  get id() {
    return toGid("Order", this.order.id);
  }
  get legacyResourceId() {
    return this.order.id;
  }
  get name() {
    return this.order.name;
  }
  get number() {
    return Number(this.order.name.replace(/\D/g, "")) || 0;
  }
  get createdAt() {
    return this.order.createdAt;
  }
  get processedAt() {
    return this.order.processedAt;
  }
  get updatedAt() {
    return this.order.updatedAt;
  }
  get cancelledAt() {
    return this.order.cancelledAt;
  }
  get cancelReason() {
    return this.order.cancelReason;
  }
  get closed() {
    return this.order.cancelledAt !== null;
  }
  get closedAt() {
    return this.order.cancelledAt;
  }
  get confirmed() {
    return true;
  }
  get test() {
    return this.order.test;
  }
  get currencyCode() {
    return this.order.currencyCode;
  }
  get presentmentCurrencyCode() {
    return this.order.currencyCode;
  }
  get sourceName() {
    return this.order.sourceName;
  }
  get sourceIdentifier() {
    return null;
  }
  get email() {
    return null;
  }
  get customer() {
    return null;
  }
  get note() {
    return null;
  }
  get tags() {
    return [];
  }
  get discountCodes() {
    return this.order.discountCodes;
  }
  get discountCode() {
    return this.order.discountCodes[0] ?? null;
  }
  get edited() {
    return this.order.lineItems.some((l) => l.currentQuantity !== l.quantity) && this.order.refunds.length === 0;
  }
  get channelInformation() {
    return {
      id: toGid("ChannelInformation", this.order.id),
      channelId: toGid("Channel", String(hashName(this.order.channelName))),
      displayName: this.order.channelName,
      channelDefinition: {
        id: toGid("ChannelDefinition", String(hashName(this.order.channelName))),
        handle: this.order.sourceName,
        channelName: this.order.channelName,
        subChannelName: this.order.channelName,
        isMarketplace: false,
        svgIcon: null,
      },
    };
  }
  /** Shopify only sets these for orders placed at a physical (POS) location. */
  get retailLocation() {
    return this.order.sourceName === POS_SOURCE ? this.location : null;
  }
  get physicalLocation() {
    return this.order.sourceName === POS_SOURCE ? this.location : null;
  }
  fulfillments(args: { first?: number | null }) {
    const location = this.location;
    if (!location || this.order.cancelledAt) return [];
    const fulfillment = {
      __typename: "Fulfillment",
      id: toGid("Fulfillment", this.order.id),
      legacyResourceId: this.order.id,
      name: `${this.order.name}-F1`,
      status: "SUCCESS",
      displayStatus: "FULFILLED",
      createdAt: this.order.processedAt,
      updatedAt: this.order.processedAt,
      deliveredAt: null,
      estimatedDeliveryAt: null,
      inTransitAt: null,
      requiresShipping: true,
      totalQuantity: this.order.lineItems.reduce((s, l) => s + l.currentQuantity, 0),
      location,
      order: this,
    };
    return [fulfillment].slice(0, args.first ?? 1);
  }
  get displayFinancialStatus() {
    return financialStatus(this.order);
  }
  get displayFulfillmentStatus() {
    return this.order.locationId ? "FULFILLED" : "UNFULFILLED";
  }
  get subtotalLineItemsQuantity() {
    return orderTotals(this.order).quantity;
  }
  get currentSubtotalLineItemsQuantity() {
    return orderTotals(this.order).currentQuantity;
  }
  get subtotalPriceSet() {
    return this.bag(orderTotals(this.order).subtotal);
  }
  get totalPriceSet() {
    return this.bag(orderTotals(this.order).subtotal);
  }
  get currentSubtotalPriceSet() {
    return this.bag(orderTotals(this.order).currentSubtotal);
  }
  get currentTotalPriceSet() {
    return this.bag(orderTotals(this.order).currentSubtotal);
  }
  get totalDiscountsSet() {
    return this.bag(orderTotals(this.order).discounts);
  }
  get currentTotalDiscountsSet() {
    return this.bag(orderTotals(this.order).discounts);
  }
  get totalRefundedSet() {
    return this.bag(orderTotals(this.order).refunded);
  }
  get totalTaxSet() {
    return this.bag(0);
  }
  get currentTotalTaxSet() {
    return this.bag(0);
  }
  get totalShippingPriceSet() {
    return this.bag(0);
  }
  lineItems(args: ConnectionArgs & { reverse?: boolean | null }) {
    const rows = args.reverse ? [...this.order.lineItems].reverse() : this.order.lineItems;
    return buildConnection({
      items: rows,
      args,
      idOf: (l) => l.id,
      toNode: (l) => new LineItemView(this.order, l, this.ctx),
      bulk: this.ctx.bulk,
    });
  }
  refunds(args: { first?: number | null }) {
    const rows = typeof args.first === "number" ? this.order.refunds.slice(0, args.first) : this.order.refunds;
    return rows.map((r) => new RefundView(this.order, r, this.ctx));
  }
}

function hashName(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 1_000_000;
}

function orderStatusMatches(order: SimOrder, term: SearchTerm): boolean {
  switch (term.value.toLowerCase()) {
    case "any":
      return true;
    case "open":
      return order.cancelledAt === null;
    case "closed":
    case "cancelled":
      return order.cancelledAt !== null;
    default:
      return true;
  }
}

export const orderMatchers = {
  updated_at: (o: SimOrder, t: SearchTerm) => matchesDate(o.updatedAt, t),
  created_at: (o: SimOrder, t: SearchTerm) => matchesDate(o.createdAt, t),
  processed_at: (o: SimOrder, t: SearchTerm) => matchesDate(o.processedAt, t),
  id: (o: SimOrder, t: SearchTerm) => matchesNumber(Number(o.id), t),
  name: (o: SimOrder, t: SearchTerm) => matchesText(o.name, t) || matchesText(o.name.replace(/^#/, ""), t),
  status: orderStatusMatches,
  test: (o: SimOrder, t: SearchTerm) => String(o.test) === t.value.toLowerCase(),
  source_name: (o: SimOrder, t: SearchTerm) => matchesText(o.sourceName, t),
  location_id: (o: SimOrder, t: SearchTerm) => o.locationId !== null && matchesNumber(Number(o.locationId), t),
  discount_code: (o: SimOrder, t: SearchTerm) => o.discountCodes.some((c) => matchesText(c, t)),
  sku: (o: SimOrder, t: SearchTerm) => o.lineItems.some((l) => matchesText(l.sku, t)),
};
