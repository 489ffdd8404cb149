import {
  sumMoney,
  toDate,
  type CollectionMembershipRecord,
  type InventoryLevelRecord,
  type OrderLineRecord,
  type OrderRecord,
  type ProductRecord,
  type VariantRecord,
} from "./sync-records";

/** One parsed bulk JSONL line. `root` lines start a new top-level object (batches end before them). */
export type BulkRecord =
  | { kind: "product"; root: true; record: ProductRecord }
  | { kind: "variant"; root: false; record: VariantRecord }
  | { kind: "level"; root: false; record: InventoryLevelRecord }
  | { kind: "membership"; root: false; record: CollectionMembershipRecord }
  | { kind: "order"; root: true; record: OrderRecord }
  | { kind: "line"; root: false; record: OrderLineRecord }
  | { kind: "other"; root: boolean };

type Json = Record<string, unknown>;

// A backfill reads millions of GIDs; scanning by index is several times faster than
// the regular expressions in sync-records, with the same result:
// gid://shopify/<letters>/<digits>... -> type and id.
const GID_PREFIX = "gid://shopify/";

/** Index of the slash after the GID's type, or -1 when `gid` is not a Shopify GID. */
function gidTypeEnd(gid: string): number {
  if (!gid.startsWith(GID_PREFIX)) return -1;
  let i = GID_PREFIX.length;
  for (; i < gid.length; i++) {
    const c = gid.charCodeAt(i) | 0x20; // lower-cases ASCII letters
    if (c < 0x61 || c > 0x7a) break;
  }
  return i > GID_PREFIX.length && gid.charCodeAt(i) === 0x2f ? i : -1;
}

function gidType(gid: unknown): string | null {
  if (typeof gid !== "string") return null;
  const end = gidTypeEnd(gid);
  return end < 0 ? null : gid.slice(GID_PREFIX.length, end);
}

function gidNumber(gid: unknown): bigint | null {
  if (typeof gid !== "string") return null;
  const start = gidTypeEnd(gid) + 1;
  if (start === 0) return null;
  let end = start;
  while (end < gid.length && gid.charCodeAt(end) >= 0x30 && gid.charCodeAt(end) <= 0x39) end++;
  return end > start ? BigInt(gid.slice(start, end)) : null;
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number => (typeof value === "number" ? value : Number(value ?? 0) || 0);
const obj = (value: unknown): Json => (value !== null && typeof value === "object" ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

function moneyAmount(bag: unknown): string | null {
  return str(obj(obj(bag).shopMoney).amount);
}

function parseProduct(line: Json): ProductRecord {
  return {
    id: gidNumber(line.id) ?? 0n,
    title: str(line.title) ?? "",
    handle: str(line.handle),
    vendor: str(line.vendor),
    productType: str(line.productType),
    status: str(line.status) ?? "ACTIVE",
    tags: strings(line.tags),
    createdAt: toDate(line.createdAt),
    updatedAt: toDate(line.updatedAt),
  };
}

function parseVariant(line: Json): VariantRecord {
  const item = obj(line.inventoryItem);
  return {
    id: gidNumber(line.id) ?? 0n,
    productId: gidNumber(line.__parentId) ?? gidNumber(obj(line.product).id) ?? 0n,
    title: str(line.title) ?? "",
    sku: str(line.sku),
    price: str(line.price) ?? "0",
    compareAtPrice: str(line.compareAtPrice),
    inventoryItemId: gidNumber(item.id),
    unitCost: str(obj(item.unitCost).amount),
    tracked: item.tracked !== false,
    createdAt: toDate(line.createdAt),
    updatedAt: toDate(line.updatedAt),
  };
}

/** Level GIDs carry the item: gid://shopify/InventoryLevel/1?inventory_item_id=2. */
function levelItemId(gid: unknown): bigint | null {
  const match = typeof gid === "string" ? /[?&]inventory_item_id=(\d+)/.exec(gid) : null;
  return match?.[1] ? BigInt(match[1]) : null;
}

function parseLevel(line: Json, itemOfVariant: (variantId: bigint) => bigint | undefined): InventoryLevelRecord | null {
  const variantId = gidNumber(line.__parentId);
  const inventoryItemId = levelItemId(line.id) ?? gidNumber(obj(line.item).id) ?? (variantId === null ? undefined : itemOfVariant(variantId));
  const locationId = gidNumber(obj(line.location).id);
  if (!inventoryItemId || locationId === null) return null;
  const quantities = new Map(list(line.quantities).map((q) => [str(q.name), num(q.quantity)]));
  return {
    inventoryItemId,
    locationId,
    variantId,
    available: quantities.get("available") ?? 0,
    onHand: quantities.get("on_hand") ?? 0,
    committed: quantities.get("committed") ?? 0,
    incoming: quantities.get("incoming") ?? 0,
    updatedAt: toDate(line.updatedAt),
  };
}

/** A collection line under a product (products > collections): the product's membership. */
function parseMembership(line: Json): CollectionMembershipRecord | null {
  const productId = gidNumber(line.__parentId);
  const id = gidNumber(line.id);
  if (productId === null || id === null) return null;
  return { productId, collection: { id, title: str(line.title) ?? "", handle: str(line.handle), updatedAt: toDate(line.updatedAt) } };
}

function parseOrder(line: Json): OrderRecord {
  const fulfilmentLocation = list(line.fulfillments).map((f) => gidNumber(obj(f.location).id)).find((id) => id !== null);
  const processedAt = toDate(line.processedAt) ?? toDate(line.createdAt) ?? new Date(0);
  return {
    id: gidNumber(line.id) ?? 0n,
    name: str(line.name) ?? "",
    processedAt,
    createdAt: toDate(line.createdAt) ?? processedAt,
    updatedAt: toDate(line.updatedAt) ?? processedAt,
    cancelledAt: toDate(line.cancelledAt),
    channel: str(obj(obj(line.channelInformation).channelDefinition).channelName) ?? str(line.sourceName),
    locationId: gidNumber(obj(line.retailLocation).id) ?? fulfilmentLocation ?? null,
    currencyCode: str(line.currencyCode),
    test: line.test === true,
    discountCodes: strings(line.discountCodes),
    refundedByLine: null,
    hasRefunds: list(line.refunds).length > 0,
  };
}

function parseLine(line: Json): OrderLineRecord {
  const quantity = num(line.quantity);
  return {
    id: gidNumber(line.id) ?? 0n,
    orderId: gidNumber(line.__parentId) ?? 0n,
    variantId: gidNumber(obj(line.variant).id),
    productId: gidNumber(obj(line.product).id),
    sku: str(line.sku),
    quantity,
    currentQuantity: line.currentQuantity === undefined ? quantity : num(line.currentQuantity),
    unitPrice: moneyAmount(line.originalUnitPriceSet) ?? "0",
    discount: sumMoney(list(line.discountAllocations).map((d) => moneyAmount(d.allocatedAmountSet))),
  };
}

/**
 * Maps one JSONL line to a record by its GID type. `itemOfVariant` resolves a level's
 * inventory item when its GID does not carry it. Throws on a line that is not JSON.
 */
export function parseBulkLine(text: string, itemOfVariant: (variantId: bigint) => bigint | undefined = () => undefined): BulkRecord {
  const line = JSON.parse(text) as Json;
  const root = line.__parentId === undefined;
  switch (gidType(line.id)) {
    case "Product":
      return { kind: "product", root: true, record: parseProduct(line) };
    case "ProductVariant":
      return { kind: "variant", root: false, record: parseVariant(line) };
    case "InventoryLevel": {
      const record = parseLevel(line, itemOfVariant);
      return record ? { kind: "level", root: false, record } : { kind: "other", root };
    }
    case "Collection": {
      const record = root ? null : parseMembership(line);
      return record ? { kind: "membership", root: false, record } : { kind: "other", root };
    }
    case "Order":
      return { kind: "order", root: true, record: parseOrder(line) };
    case "LineItem":
      return { kind: "line", root: false, record: parseLine(line) };
    default:
      return { kind: "other", root };
  }
}
