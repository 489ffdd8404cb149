/**
 * Parses Shopify's REST-style webhook bodies into the sync's records.
 * Unknown or malformed fields become nulls; missing ids and version timestamps throw
 * a WebhookPayloadError (retrying the same body cannot help, and a guessed
 * timestamp would beat every stored version).
 */
import {
  sumMoney,
  toDate,
  type InventoryLevelRecord,
  type LocationRecord,
  type OrderLineRecord,
  type OrderRecord,
  type ProductRecord,
  type VariantRecord,
} from "./sync-records";

type Json = Record<string, unknown>;

/** The body cannot be applied as sent; the delivery is rejected, not retried. */
export class WebhookPayloadError extends Error {
  override name = "WebhookPayloadError";
}

const obj = (value: unknown): Json => (value !== null && typeof value === "object" ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const int = (value: unknown): number => (typeof value === "number" ? value : Number(value ?? 0) || 0);

function id(value: unknown, what: string): bigint {
  if ((typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && /^\d+$/.test(value))) return BigInt(value);
  throw new WebhookPayloadError(`Webhook payload has no valid ${what}`);
}

function requiredDate(value: unknown, what: string): Date {
  const date = toDate(value);
  if (!date) throw new WebhookPayloadError(`Webhook payload has no valid ${what}`);
  return date;
}

function optionalId(value: unknown): bigint | null {
  return value === null || value === undefined ? null : id(value, "id");
}

/** REST bodies only name the source; these are the channel names the Admin API reports. */
const CHANNEL_BY_SOURCE: Record<string, string> = {
  web: "Online Store",
  pos: "Point of Sale",
  shopify_draft_order: "Draft Orders",
  iphone: "Shopify Mobile",
  android: "Shopify Mobile",
};

export function channelFromSource(source: string | null): string | null {
  if (!source) return null;
  return CHANNEL_BY_SOURCE[source] ?? source;
}

export interface OrderPayload {
  order: OrderRecord;
  lines: OrderLineRecord[];
}

export function parseOrderPayload(payload: unknown): OrderPayload {
  const body = obj(payload);
  const orderId = id(body.id, "order id");
  const refundedByLine = new Map<bigint, number>();
  for (const refund of list(body.refunds)) {
    for (const line of list(refund.refund_line_items)) {
      const lineId = id(line.line_item_id, "refunded line id");
      refundedByLine.set(lineId, (refundedByLine.get(lineId) ?? 0) + int(line.quantity));
    }
  }
  const processedAt = toDate(body.processed_at) ?? requiredDate(body.created_at, "processed_at");
  const fulfilmentLocation = list(body.fulfillments).map((f) => f.location_id).find((l) => l !== null && l !== undefined);
  const order: OrderRecord = {
    id: orderId,
    name: str(body.name) ?? "",
    processedAt,
    createdAt: toDate(body.created_at) ?? processedAt,
    updatedAt: requiredDate(body.updated_at, "updated_at"),
    cancelledAt: toDate(body.cancelled_at),
    channel: channelFromSource(str(body.source_name)),
    locationId: optionalId(body.location_id ?? fulfilmentLocation ?? null),
    currencyCode: str(body.currency),
    test: body.test === true,
    discountCodes: list(body.discount_codes).map((d) => str(d.code)).filter((c): c is string => c !== null),
    refundedByLine,
    hasRefunds: list(body.refunds).length > 0,
  };
  const lines = list(body.line_items).map((line): OrderLineRecord => {
    const lineId = id(line.id, "line item id");
    const quantity = int(line.quantity);
    const current = line.current_quantity === undefined ? quantity - (refundedByLine.get(lineId) ?? 0) : int(line.current_quantity);
    return {
      id: lineId,
      orderId,
      variantId: optionalId(line.variant_id),
      productId: optionalId(line.product_id),
      sku: str(line.sku),
      quantity,
      currentQuantity: current,
      unitPrice: str(obj(obj(line.price_set).shop_money).amount) ?? str(line.price) ?? "0",
      discount: sumMoney(list(line.discount_allocations).map((d) => str(obj(obj(d.amount_set).shop_money).amount) ?? str(d.amount))),
    };
  });
  return { order, lines };
}

export interface RefundPayload {
  refundId: bigint;
  orderId: bigint;
  createdAt: Date;
  lines: { lineItemId: bigint; quantity: number }[];
}

export function parseRefundPayload(payload: unknown): RefundPayload {
  const body = obj(payload);
  return {
    refundId: id(body.id, "refund id"),
    orderId: id(body.order_id, "order id"),
    createdAt: requiredDate(body.created_at, "created_at"),
    lines: list(body.refund_line_items).map((line) => ({ lineItemId: id(line.line_item_id, "refunded line id"), quantity: int(line.quantity) })),
  };
}

/**
 * REST product bodies may list only the first variants of a large product (the REST
 * API's historical 100-variant page); at or above it the list is not known to be whole.
 */
export const PRODUCT_WEBHOOK_VARIANT_CAP = 100;

export interface ProductPayload {
  product: ProductRecord & { updatedAt: Date };
  variants: VariantRecord[];
  /** False when the body may have left variants out: missing ones are not deletions then. */
  variantsComplete: boolean;
}

export function parseProductPayload(payload: unknown): ProductPayload {
  const body = obj(payload);
  const productId = id(body.id, "product id");
  const updatedAt = requiredDate(body.updated_at, "updated_at");
  const tags = (str(body.tags) ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  return {
    product: {
      id: productId,
      title: str(body.title) ?? "",
      handle: str(body.handle),
      vendor: str(body.vendor),
      productType: str(body.product_type),
      status: (str(body.status) ?? "active").toUpperCase(),
      tags,
      createdAt: toDate(body.created_at),
      updatedAt,
    },
    variantsComplete: list(body.variants).length < PRODUCT_WEBHOOK_VARIANT_CAP,
    variants: list(body.variants).map((v) => ({
      id: id(v.id, "variant id"),
      productId,
      title: str(v.title) ?? "",
      sku: str(v.sku),
      price: str(v.price) ?? "0",
      compareAtPrice: str(v.compare_at_price),
      inventoryItemId: optionalId(v.inventory_item_id),
      createdAt: toDate(v.created_at),
      updatedAt: toDate(v.updated_at) ?? updatedAt,
    })),
  };
}

export interface InventoryLevelKey {
  inventoryItemId: bigint;
  locationId: bigint;
}

/** Disconnect bodies: just the level's key. */
export function parseInventoryLevelKey(payload: unknown): InventoryLevelKey {
  const body = obj(payload);
  return { inventoryItemId: id(body.inventory_item_id, "inventory item id"), locationId: id(body.location_id, "location id") };
}

/**
 * Null when the body carries no stock figure: Shopify sends `available: null` for
 * items it does not track, and recording that as 0 would open a stockout.
 */
export function parseInventoryLevelPayload(payload: unknown): (InventoryLevelRecord & { updatedAt: Date }) | null {
  const body = obj(payload);
  const key = parseInventoryLevelKey(payload);
  const updatedAt = requiredDate(body.updated_at, "updated_at");
  const available = typeof body.available === "number" ? body.available : typeof body.available === "string" ? Number(body.available) : NaN;
  if (!Number.isInteger(available)) return null;
  return { ...key, variantId: null, available, updatedAt };
}

export interface InventoryItemPayload {
  inventoryItemId: bigint;
  unitCost: string | null;
  tracked: boolean;
  updatedAt: Date | null;
}

export function parseInventoryItemPayload(payload: unknown): InventoryItemPayload {
  const body = obj(payload);
  const cost = body.cost;
  return {
    inventoryItemId: id(body.id, "inventory item id"),
    unitCost: cost === null || cost === undefined ? null : String(cost),
    tracked: body.tracked !== false,
    updatedAt: toDate(body.updated_at),
  };
}

/** REST location bodies do not say whether the location fulfils online orders: undefined keeps the stored value. */
export function parseLocationPayload(payload: unknown): Omit<LocationRecord, "fulfillsOnlineOrders"> & { fulfillsOnlineOrders?: boolean } {
  const body = obj(payload);
  return {
    id: id(body.id, "location id"),
    name: str(body.name) ?? "",
    isActive: body.active !== false,
    ...(typeof body.fulfills_online_orders === "boolean" ? { fulfillsOnlineOrders: body.fulfills_online_orders } : {}),
    updatedAt: requiredDate(body.updated_at, "updated_at"),
  };
}

/** Delete bodies: just { id }. */
export function parseDeletedId(payload: unknown): bigint {
  return id(obj(payload).id, "id");
}

/**
 * Level bodies carry updated_at to the second, so two changes in one second tie.
 * The trigger time refines it when it falls within that second.
 */
export function refinedVersion(updatedAt: Date | null, triggeredAt: string | undefined): Date | null {
  const triggered = triggeredAt ? new Date(triggeredAt) : null;
  if (!updatedAt || !triggered || Number.isNaN(triggered.getTime())) return updatedAt;
  const gap = triggered.getTime() - updatedAt.getTime();
  return gap >= 0 && gap < 1000 ? triggered : updatedAt;
}

export interface ShopUpdatePayload {
  name: string | null;
  currencyCode: string | null;
  ianaTimezone: string | null;
  updatedAt: Date;
}

/** shop/update bodies: the shop's profile fields Tempo keeps; a missing one keeps the stored value. */
export function parseShopUpdatePayload(payload: unknown): ShopUpdatePayload {
  const body = obj(payload);
  return {
    name: str(body.name),
    currencyCode: str(body.currency),
    ianaTimezone: str(body.iana_timezone),
    updatedAt: requiredDate(body.updated_at, "updated_at"),
  };
}
