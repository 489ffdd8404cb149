/**
 * Shopify records as the sync writes them, whatever they came from (a bulk
 * JSONL line, a webhook body or a paginated query). Ids are Shopify's numeric ids.
 */

export interface LocationRecord {
  id: bigint;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  updatedAt: Date | null;
}

export interface ProductRecord {
  id: bigint;
  title: string;
  handle: string | null;
  vendor: string | null;
  productType: string | null;
  status: string;
  tags: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface CollectionRecord {
  id: bigint;
  title: string;
  handle: string | null;
  updatedAt: Date | null;
}

/** A product's place in a collection, as a product's `collections` connection lists it. */
export interface CollectionMembershipRecord {
  productId: bigint;
  collection: CollectionRecord;
}

export interface VariantRecord {
  id: bigint;
  productId: bigint;
  title: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  inventoryItemId: bigint | null;
  /** Undefined when the source does not carry the inventory item (keeps the stored cost). */
  unitCost?: string | null;
  tracked?: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface InventoryLevelRecord {
  inventoryItemId: bigint;
  locationId: bigint;
  variantId: bigint | null;
  available: number;
  /** Undefined when the source only reports `available` (webhooks). */
  onHand?: number;
  committed?: number;
  incoming?: number;
  updatedAt: Date | null;
}

export interface OrderRecord {
  id: bigint;
  name: string;
  processedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  channel: string | null;
  locationId: bigint | null;
  currencyCode: string | null;
  test: boolean;
  discountCodes: string[];
  /** Units refunded per line item id over all refunds; null when the source only says whether refunds exist. */
  refundedByLine: Map<bigint, number> | null;
  hasRefunds: boolean;
}

export interface OrderLineRecord {
  id: bigint;
  orderId: bigint;
  variantId: bigint | null;
  productId: bigint | null;
  sku: string | null;
  quantity: number;
  /** Units still on the order after refunds and edits. */
  currentQuantity: number;
  unitPrice: string;
  /** Sum of the line's discount allocations. */
  discount: string;
}

/** The numeric id in a GID (`gid://shopify/Order/123?x=y` -> 123n), or null. */
export function gidNumber(gid: unknown): bigint | null {
  if (typeof gid !== "string") return null;
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)/.exec(gid);
  return match?.[1] ? BigInt(match[1]) : null;
}

/** The resource type in a GID (`gid://shopify/Order/123` -> "Order"), or null. */
export function gidType(gid: unknown): string | null {
  if (typeof gid !== "string") return null;
  return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(gid)?.[1] ?? null;
}

/** The ids of one page of a connection ({ nodes { id }, pageInfo }), and its next cursor if there is one. */
export function connectionPage(connection: unknown): { ids: bigint[]; next: string | null } {
  const page = (connection ?? {}) as { nodes?: unknown; pageInfo?: { hasNextPage?: unknown; endCursor?: unknown } };
  const nodes = Array.isArray(page.nodes) ? (page.nodes as { id?: unknown }[]) : [];
  const ids = nodes.map((n) => gidNumber(n?.id)).filter((id): id is bigint => id !== null);
  const info = page.pageInfo ?? {};
  return { ids, next: info.hasNextPage === true && typeof info.endCursor === "string" ? info.endCursor : null };
}

export function toDate(value: unknown): Date | null {
  if (typeof value !== "string" || value === "") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Adds decimal money amounts exactly, in whatever minor unit they come (three decimals
 * for KWD and BHD, none for JPY): ["1.10", "2.05"] -> "3.15", ["0.105", "0.2"] -> "0.305".
 * The result keeps the most decimals any amount had, at least two.
 */
export function sumMoney(amounts: readonly (string | number | null | undefined)[]): string {
  let scale = 2;
  const parsed: { units: bigint; decimals: number }[] = [];
  for (const amount of amounts) {
    if (amount === null || amount === undefined) continue;
    const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(String(amount).trim());
    if (!match) continue;
    const decimals = match[3]?.length ?? 0;
    const units = BigInt(`${match[2] || "0"}${match[3] ?? ""}`) * (match[1] ? -1n : 1n);
    parsed.push({ units, decimals });
    scale = Math.max(scale, decimals);
  }
  let total = 0n;
  for (const { units, decimals } of parsed) total += units * 10n ** BigInt(scale - decimals);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Units refunded on a line: exact when refund lines are known, else inferred from what left the order. */
export function refundedQuantity(order: Pick<OrderRecord, "refundedByLine" | "hasRefunds">, line: Pick<OrderLineRecord, "id" | "quantity" | "currentQuantity">): number {
  if (order.refundedByLine) return Math.min(line.quantity, order.refundedByLine.get(line.id) ?? 0);
  return order.hasRefunds ? Math.max(0, line.quantity - line.currentQuantity) : 0;
}

/** Units removed by order edits: what is neither still on the order nor refunded. */
export function removedQuantity(line: Pick<OrderLineRecord, "quantity" | "currentQuantity">, refunded: number): number {
  return Math.max(0, line.quantity - line.currentQuantity - refunded);
}

export const CANCELLED_PROGRESS = 1_000_000;

/** How far along each order version is: cancelled first, then units refunded or removed. */
export function orderProgress(orders: readonly OrderRecord[], lines: readonly OrderLineRecord[]): Map<bigint, number> {
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const progress = new Map(orders.map((o) => [o.id, o.cancelledAt ? CANCELLED_PROGRESS : 0]));
  for (const line of lines) {
    const order = orderById.get(line.orderId);
    if (!order) continue;
    const refunded = refundedQuantity(order, line);
    progress.set(order.id, (progress.get(order.id) ?? 0) + refunded + removedQuantity(line, refunded));
  }
  return progress;
}
