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
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** A list the body may leave out; present but not an array, the body is malformed. */
function list(value: unknown, what: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new WebhookPayloadError(`Webhook payload's ${what} is not a list`);
  return value.map((item) => obj(item));
}

/** PostgreSQL's bigint, where Shopify ids are kept. */
const MAX_ID = 9_223_372_036_854_775_807n;
/** PostgreSQL's integer, where quantities are kept. */
const MAX_QUANTITY = 2_147_483_647;

function id(value: unknown, what: string): bigint {
  // A JSON number past 2^53 has already lost digits: the id it names is not the one sent.
  const parsed =
    typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : typeof value === "string" && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
  if (parsed === null || parsed <= 0n || parsed > MAX_ID) throw new WebhookPayloadError(`Webhook payload has no valid ${what}`);
  return parsed;
}

/** A unit count: a whole number from 0 to PostgreSQL's integer limit (3e9 units is not an order, it is a broken body). */
function quantity(value: unknown, what: string): number {
  const parsed = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < 0 || parsed > MAX_QUANTITY) {
    throw new WebhookPayloadError(`Webhook payload has an invalid ${what} (${JSON.stringify(value)})`);
  }
  return parsed;
}

/** Money as Shopify sends it ("12.345", sometimes a number); within the numeric(18,4) columns, else rejected. */
function money(value: unknown, what: string): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || !/^-?\d{1,14}(\.\d{1,4})?$/.test(text)) {
    throw new WebhookPayloadError(`Webhook payload has an invalid ${what} (${JSON.stringify(value)})`);
  }
  return text;
}

function requiredDate(value: unknown, what: string): Date {
  const date = toDate(value);
  if (!date) throw new WebhookPayloadError(`Webhook payload has no valid ${what}`);
  return date;
}

function optionalId(value: unknown, what = "id"): bigint | null {
  return value === null || value === undefined ? null : id(value, what);
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
  // Every order has lines; a body without a list of them would store an order that sold nothing.
  if (!Array.isArray(body.line_items)) throw new WebhookPayloadError("Webhook payload's line_items is not a list");
  const refunds = list(body.refunds, "refunds");
  const refundedByLine = new Map<bigint, number>();
  for (const refund of refunds) {
    for (const line of list(refund.refund_line_items, "refund_line_items")) {
      const lineId = id(line.line_item_id, "refunded line id");
      refundedByLine.set(lineId, (refundedByLine.get(lineId) ?? 0) + quantity(line.quantity, "refunded quantity"));
    }
  }
  const processedAt = toDate(body.processed_at) ?? requiredDate(body.created_at, "processed_at");
  const fulfilmentLocation = list(body.fulfillments, "fulfillments").map((f) => f.location_id).find((l) => l !== null && l !== undefined);
  const order: OrderRecord = {
    id: orderId,
    name: str(body.name) ?? "",
    processedAt,
    createdAt: toDate(body.created_at) ?? processedAt,
    updatedAt: requiredDate(body.updated_at, "updated_at"),
    cancelledAt: toDate(body.cancelled_at),
    channel: channelFromSource(str(body.source_name)),
    locationId: optionalId(body.location_id ?? fulfilmentLocation ?? null, "location id"),
    currencyCode: str(body.currency),
    test: body.test === true,
    discountCodes: list(body.discount_codes, "discount_codes").map((d) => str(d.code)).filter((c): c is string => c !== null),
    refundedByLine,
    hasRefunds: refunds.length > 0,
  };
  const lines = list(body.line_items, "line_items").map((line): OrderLineRecord => {
    const lineId = id(line.id, "line item id");
    const ordered = quantity(line.quantity, "line quantity");
    const current =
      line.current_quantity === undefined ? ordered - (refundedByLine.get(lineId) ?? 0) : quantity(line.current_quantity, "line current_quantity");
    return {
      id: lineId,
      orderId,
      variantId: optionalId(line.variant_id, "variant id"),
      productId: optionalId(line.product_id, "product id"),
      sku: str(line.sku),
      quantity: ordered,
      currentQuantity: current,
      unitPrice: money(obj(obj(line.price_set).shop_money).amount, "line price") ?? money(line.price, "line price") ?? "0",
      discount: sumMoney(
        list(line.discount_allocations, "discount_allocations").map(
          (d) => money(obj(obj(d.amount_set).shop_money).amount, "discount") ?? money(d.amount, "discount"),
        ),
      ),
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
    lines: list(body.refund_line_items, "refund_line_items").map((line) => ({
      lineItemId: id(line.line_item_id, "refunded line id"),
      quantity: quantity(line.quantity, "refunded quantity"),
    })),
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
    variantsComplete: list(body.variants, "variants").length < PRODUCT_WEBHOOK_VARIANT_CAP,
    variants: list(body.variants, "variants").map((v) => ({
      id: id(v.id, "variant id"),
      productId,
      title: str(v.title) ?? "",
      sku: str(v.sku),
      price: money(v.price, "variant price") ?? "0",
      compareAtPrice: money(v.compare_at_price, "compare_at_price"),
      inventoryItemId: optionalId(v.inventory_item_id, "inventory item id"),
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
  if (body.available === null || body.available === undefined) return null;
  const available = typeof body.available === "number" ? body.available : typeof body.available === "string" ? Number(body.available) : NaN;
  // Stock may be negative (oversold), but within PostgreSQL's integer.
  if (!Number.isInteger(available) || Math.abs(available) > MAX_QUANTITY) {
    throw new WebhookPayloadError(`Webhook payload has an invalid available quantity (${JSON.stringify(body.available)})`);
  }
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
    unitCost: money(cost, "unit cost"),
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

/**
 * The record a body names: its admin_graphql_api_id first (exact, where REST's numeric `id`
 * can exceed what a JSON number holds), else `id`; `types` are the GID types it may carry.
 */
function namedId(body: Json, types: readonly string[], what: string): { id: bigint; gid: string } {
  const gid = str(body.admin_graphql_api_id);
  const match = gid ? /^gid:\/\/shopify\/([A-Za-z]+)\/(\d{1,19})(?:\?.*)?$/.exec(gid) : null;
  if (gid && match && types.includes(match[1] ?? "")) return { id: id(match[2], what), gid };
  if (gid) throw new WebhookPayloadError(`Webhook payload's admin_graphql_api_id is not a ${types.join(" or ")} GID`);
  const numeric = id(body.id, what);
  return { id: numeric, gid: `gid://shopify/${types[0]}/${numeric}` };
}

export interface CollectionPayload {
  id: bigint;
  title: string;
  handle: string | null;
  updatedAt: Date;
}

/** collections/create and collections/update: the collection's own fields (its products are not in the body). */
export function parseCollectionPayload(payload: unknown): CollectionPayload {
  const body = obj(payload);
  return {
    id: namedId(body, ["Collection"], "collection id").id,
    title: str(body.title) ?? "",
    handle: str(body.handle),
    updatedAt: requiredDate(body.updated_at, "updated_at"),
  };
}

/** collections/delete: { id, admin_graphql_api_id }. */
export function parseCollectionDeletePayload(payload: unknown): bigint {
  return namedId(obj(payload), ["Collection"], "collection id").id;
}

const DISCOUNT_NODE_TYPES = ["DiscountAutomaticNode", "DiscountCodeNode", "DiscountNode"] as const;

export interface DiscountPayload {
  id: bigint;
  /** The node's GID as sent, to read the discount back with. */
  gid: string;
  updatedAt: Date;
}

/**
 * discounts/create and discounts/update (API 2026-10) carry only the node's GID, title, status
 * and timestamps: the dates, value and items must be read from the Admin API.
 */
export function parseDiscountPayload(payload: unknown): DiscountPayload {
  const body = obj(payload);
  if (!str(body.admin_graphql_api_id)) throw new WebhookPayloadError("Webhook payload has no admin_graphql_api_id");
  const named = namedId(body, DISCOUNT_NODE_TYPES, "discount id");
  return { ...named, updatedAt: requiredDate(body.updated_at, "updated_at") };
}

/** discounts/delete: { admin_graphql_api_id, deleted_at }. */
export function parseDiscountDeletePayload(payload: unknown): { id: bigint; deletedAt: Date | null } {
  const body = obj(payload);
  if (!str(body.admin_graphql_api_id)) throw new WebhookPayloadError("Webhook payload has no admin_graphql_api_id");
  return { id: namedId(body, DISCOUNT_NODE_TYPES, "discount id").id, deletedAt: toDate(body.deleted_at) };
}
