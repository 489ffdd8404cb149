import type { BulkOperationRecord } from "../bulk/bulk-operation";
import { toGid } from "../graphql/ids";
import { formatDecimal, toCents } from "../graphql/views/money";
import { lineDiscountCents, orderTotals } from "../graphql/views/orders";
import type { ShopStore } from "../store/shop-store";
import { discountNodeGid, discountStatus } from "../graphql/views/discounts";
import type { SimCollection, SimDiscount, SimInventoryItem, SimInventoryLevel, SimLocation, SimOrder, SimProduct, SimRefund, SimVariant } from "../store/types";

/** REST-style webhook bodies as Shopify sends them: numeric ids plus admin_graphql_api_id. */

const num = (id: string | null) => (id === null ? null : Number(id));

function priceSet(cents: number, currency: string) {
  const money = { amount: formatDecimal(cents), currency_code: currency };
  return { shop_money: money, presentment_money: { ...money } };
}

export function refundPayload(order: SimOrder, refund: SimRefund) {
  return {
    id: Number(refund.id),
    admin_graphql_api_id: toGid("Refund", refund.id),
    order_id: Number(order.id),
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: null,
    restock: refund.refundLineItems.some((r) => r.restockType !== "NO_RESTOCK"),
    refund_line_items: refund.refundLineItems.map((r, i) => {
      const line = order.lineItems.find((l) => l.id === r.lineItemId);
      return {
        id: Number(`${refund.id}${String(i).padStart(3, "0")}`),
        line_item_id: Number(r.lineItemId),
        location_id: num(order.locationId),
        quantity: r.quantity,
        restock_type: r.restockType.toLowerCase(),
        subtotal: Number(formatDecimal(toCents(r.subtotal))),
        subtotal_set: priceSet(toCents(r.subtotal), order.currencyCode),
        total_tax: 0,
        total_tax_set: priceSet(0, order.currencyCode),
        line_item: line ? { id: Number(line.id), variant_id: num(line.variantId), sku: line.sku, quantity: line.quantity } : null,
      };
    }),
    transactions: [],
    order_adjustments: [],
  };
}

export function orderPayload(order: SimOrder) {
  const totals = orderTotals(order);
  const currency = order.currencyCode;
  return {
    id: Number(order.id),
    admin_graphql_api_id: toGid("Order", order.id),
    name: order.name,
    order_number: Number(order.name.replace(/\D/g, "")) || 0,
    number: (Number(order.name.replace(/\D/g, "")) || 1000) - 1000,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    closed_at: order.cancelledAt,
    currency,
    presentment_currency: currency,
    source_name: order.sourceName,
    location_id: num(order.locationId),
    test: order.test,
    financial_status: totals.refunded === 0 ? "paid" : totals.refunded >= totals.subtotal ? "refunded" : "partially_refunded",
    fulfillment_status: order.locationId ? "fulfilled" : null,
    subtotal_price: formatDecimal(totals.subtotal),
    subtotal_price_set: priceSet(totals.subtotal, currency),
    total_price: formatDecimal(totals.subtotal),
    total_price_set: priceSet(totals.subtotal, currency),
    current_total_price: formatDecimal(totals.currentSubtotal),
    current_total_price_set: priceSet(totals.currentSubtotal, currency),
    total_discounts: formatDecimal(totals.discounts),
    total_discounts_set: priceSet(totals.discounts, currency),
    total_tax: "0.00",
    discount_codes: order.discountCodes.map((code) => ({ code, amount: formatDecimal(totals.discounts), type: "percentage" })),
    line_items: order.lineItems.map((line) => ({
      id: Number(line.id),
      admin_graphql_api_id: toGid("LineItem", line.id),
      variant_id: num(line.variantId),
      product_id: num(line.productId),
      sku: line.sku,
      title: line.title,
      name: line.title,
      quantity: line.quantity,
      current_quantity: line.currentQuantity,
      fulfillable_quantity: 0,
      price: formatDecimal(toCents(line.originalUnitPrice)),
      price_set: priceSet(toCents(line.originalUnitPrice), currency),
      total_discount: formatDecimal(lineDiscountCents(line)),
      total_discount_set: priceSet(lineDiscountCents(line), currency),
      discount_allocations: line.discountAllocations.map((d) => ({
        amount: formatDecimal(toCents(d.amount)),
        amount_set: priceSet(toCents(d.amount), currency),
        discount_application_index: 0,
      })),
      gift_card: false,
      requires_shipping: true,
      taxable: true,
    })),
    refunds: order.refunds.map((r) => refundPayload(order, r)),
  };
}

function variantPayload(variant: SimVariant, store: ShopStore) {
  const levels = store.levelsByItem.get(variant.inventoryItemId) ?? [];
  return {
    id: Number(variant.id),
    admin_graphql_api_id: toGid("ProductVariant", variant.id),
    product_id: Number(variant.productId),
    title: variant.title,
    sku: variant.sku,
    price: formatDecimal(toCents(variant.price)),
    compare_at_price: variant.compareAtPrice === null ? null : formatDecimal(toCents(variant.compareAtPrice)),
    position: variant.position,
    inventory_item_id: Number(variant.inventoryItemId),
    inventory_quantity: levels.reduce((s, l) => s + l.quantities.available, 0),
    inventory_policy: "deny",
    created_at: variant.createdAt,
    updated_at: variant.updatedAt,
  };
}

export function productPayload(product: SimProduct, store: ShopStore) {
  return {
    id: Number(product.id),
    admin_graphql_api_id: toGid("Product", product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    product_type: product.productType,
    status: product.status.toLowerCase(),
    tags: product.tags.join(", "),
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    published_at: product.status === "ACTIVE" ? product.createdAt : null,
    variants: (store.variantsByProduct.get(product.id) ?? []).map((v) => variantPayload(v, store)),
  };
}

/** collections/create and collections/update (API 2026-10): the collection's own fields; its products are not listed. */
export function collectionPayload(collection: SimCollection) {
  return {
    id: Number(collection.id),
    handle: collection.handle,
    title: collection.title,
    updated_at: collection.updatedAt,
    body_html: "",
    published_at: collection.updatedAt,
    sort_order: "manual",
    template_suffix: null,
    published_scope: "web",
    admin_graphql_api_id: toGid("Collection", collection.id),
  };
}

export function collectionDeletePayload(collectionId: string) {
  return { id: Number(collectionId), published_scope: "web", admin_graphql_api_id: toGid("Collection", collectionId) };
}

/** discounts/create and discounts/update (API 2026-10): only the node's GID, title, status and timestamps. */
export function discountPayload(discount: SimDiscount, nowMs: number) {
  return {
    admin_graphql_api_id: discountNodeGid(discount),
    title: discount.title,
    status: discountStatus(discount, nowMs),
    created_at: discount.createdAt,
    updated_at: discount.updatedAt,
  };
}

export function discountDeletePayload(discount: SimDiscount, deletedAt: string) {
  return { admin_graphql_api_id: discountNodeGid(discount), deleted_at: deletedAt };
}

export function productDeletePayload(productId: string) {
  return { id: Number(productId) };
}

export function inventoryLevelPayload(level: SimInventoryLevel) {
  return {
    inventory_item_id: Number(level.inventoryItemId),
    location_id: Number(level.locationId),
    available: level.quantities.available,
    updated_at: level.updatedAt,
    admin_graphql_api_id: toGid("InventoryLevel", level.id, { inventory_item_id: level.inventoryItemId }),
  };
}

export function inventoryItemPayload(item: SimInventoryItem) {
  return {
    id: Number(item.id),
    admin_graphql_api_id: toGid("InventoryItem", item.id),
    sku: item.sku,
    cost: item.unitCost,
    tracked: item.tracked,
    requires_shipping: true,
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}

export function inventoryItemDeletePayload(itemId: string) {
  return { id: Number(itemId) };
}

export function locationPayload(location: SimLocation) {
  return {
    id: Number(location.id),
    admin_graphql_api_id: toGid("Location", location.id),
    name: location.name,
    active: location.isActive,
    legacy: false,
    address1: null,
    city: null,
    country_code: null,
    created_at: location.createdAt,
    updated_at: location.updatedAt,
  };
}

export function locationDeletePayload(locationId: string) {
  return { id: Number(locationId) };
}

export function appUninstalledPayload(store: ShopStore) {
  const shop = store.data.shop;
  return {
    id: hashToNumber(shop.domain),
    name: shop.name,
    domain: shop.domain,
    myshopify_domain: shop.domain,
    currency: shop.currencyCode,
    iana_timezone: shop.ianaTimezone,
    created_at: shop.createdAt,
  };
}

export function customersDataRequestPayload(store: ShopStore, customerId: string, orderIds: string[]) {
  return {
    shop_id: hashToNumber(store.data.shop.domain),
    shop_domain: store.data.shop.domain,
    orders_requested: orderIds.map(Number),
    customer: { id: Number(customerId), email: `customer${customerId}@example.com`, phone: null },
    data_request: { id: hashToNumber(`${customerId}-request`) },
  };
}

export function customersRedactPayload(store: ShopStore, customerId: string, orderIds: string[]) {
  return {
    shop_id: hashToNumber(store.data.shop.domain),
    shop_domain: store.data.shop.domain,
    customer: { id: Number(customerId), email: `customer${customerId}@example.com`, phone: null },
    orders_to_redact: orderIds.map(Number),
  };
}

export function shopRedactPayload(store: ShopStore) {
  return { shop_id: hashToNumber(store.data.shop.domain), shop_domain: store.data.shop.domain };
}

export function bulkOperationFinishPayload(record: BulkOperationRecord) {
  return {
    admin_graphql_api_id: toGid("BulkOperation", record.id),
    completed_at: record.completedAt,
    created_at: record.createdAt,
    error_code: record.errorCode?.toLowerCase() ?? null,
    status: record.status.toLowerCase(),
    type: record.type.toLowerCase(),
  };
}

export function scopesUpdatePayload(store: ShopStore, previous: string[], current: string[], updatedAt: string) {
  return { id: hashToNumber(store.data.shop.domain), previous, current, updated_at: updatedAt };
}

export function hashToNumber(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 2_000_000_000;
  return h;
}
