/**
 * What each webhook topic does: how its body is parsed (on receipt, so a bad body is refused
 * before the 200) and how it is applied inside an inbox batch. Order bodies and stock levels
 * also apply as runs, so a batch writes each kind once.
 */
import type pg from "pg";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { orderProgress } from "~/shopify/sync-records";
import {
  parseDeletedId,
  parseInventoryItemPayload,
  parseInventoryLevelKey,
  parseInventoryLevelPayload,
  parseLocationPayload,
  parseOrderPayload,
  parseProductPayload,
  parseRefundPayload,
  parseShopUpdatePayload,
  refinedVersion,
  type OrderPayload,
} from "~/shopify/webhook-payloads.server";
import { applyShopProfileUpdate } from "~/sync/queries/shop-install.server";
import { applyStockObservations } from "~/sync/queries/stockouts.server";
import { upsertOrdersWithLines, upsertProducts, upsertVariants } from "~/sync/queries/sync-writes.server";
import {
  applyRefundLines,
  deleteOrder,
  markInventoryItemDeleted,
  markLocationDeleted,
  markMissingVariantsDeleted,
  markProductDeleted,
  removeInventoryLevel,
  storedLevelVersions,
  updateInventoryItemCost,
  upsertLocationFromWebhook,
  writeWebhookLevels,
} from "~/sync/queries/webhook-writes.server";
import { COLLECTION_AND_DISCOUNT_HANDLERS } from "../collection-discount-webhooks.server";
import { settleLevelDeliveries, type LevelDelivery } from "../level-sequence";
import type { DeliveryBatch } from "./delivery-batch.server";

export interface TopicHandler<P> {
  /** Throws WebhookPayloadError for a body that cannot be applied (checked on receipt, before the 200). */
  parse(payload: unknown): P;
  apply(batch: DeliveryBatch, parsed: P, delivery: { triggeredAt?: string }): Promise<void>;
}

const handler = <P>(h: TopicHandler<P>): TopicHandler<unknown> => h as TopicHandler<unknown>;

/** A delete's version: when Shopify triggered it (sub-second), else now. */
export function deletionVersion(triggeredAt: string | undefined, now: Date = new Date()): Date {
  const triggered = triggeredAt ? new Date(triggeredAt) : null;
  return triggered && !Number.isNaN(triggered.getTime()) ? triggered : now;
}

const orderHandler = handler({
  parse: parseOrderPayload,
  apply: (batch, snapshot) => applyOrderSnapshots(batch, [snapshot as OrderPayload]),
});

/**
 * Full order bodies (orders/create, updated, cancelled) that follow each other in a batch
 * go in one upsert. Only the newest version of each order is written: what applying them
 * one by one would leave (an equal version keeps the one received first).
 */
export async function applyOrderSnapshots(batch: DeliveryBatch, snapshots: readonly OrderPayload[]): Promise<void> {
  const newest = new Map<bigint, { snapshot: OrderPayload; progress: number }>();
  for (const snapshot of snapshots) {
    const { order, lines } = snapshot;
    const progress = orderProgress([order], lines).get(order.id) ?? 0;
    const kept = newest.get(order.id);
    const newer =
      !kept ||
      kept.snapshot.order.updatedAt.getTime() < order.updatedAt.getTime() ||
      (kept.snapshot.order.updatedAt.getTime() === order.updatedAt.getTime() && kept.progress < progress);
    if (newer) newest.set(order.id, { snapshot, progress });
  }
  const chosen = [...newest.values()].map((v) => v.snapshot);
  await batch.touchOrders(chosen.map((s) => s.order.id));
  await upsertOrdersWithLines(
    batch.client,
    batch.shop.id,
    chosen.map((s) => s.order),
    chosen.flatMap((s) => s.lines),
  );
}

export const ORDER_SNAPSHOT_TOPICS = new Set(["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED"]);
/** Topics that write orders, lines or demand without being a full order body. */
export const ORDER_TOPICS = new Set(["ORDERS_DELETE", "REFUNDS_CREATE"]);
/** Every topic whose delivery changes stored orders, lines or demand. */
export const ORDER_WRITING_TOPICS: readonly string[] = [...ORDER_SNAPSHOT_TOPICS, ...ORDER_TOPICS];

const refundHandler = handler({
  parse: parseRefundPayload,
  async apply(batch, refund) {
    await batch.touchOrders([refund.orderId]);
    await applyRefundLines(batch.client, batch.shop.id, refund);
  },
});

const orderDeleteHandler = handler({
  parse: parseDeletedId,
  async apply(batch, orderId, delivery) {
    await batch.touchOrders([orderId]);
    await deleteOrder(batch.client, batch.shop.id, orderId, deletionVersion(delivery.triggeredAt));
  },
});

const productHandler = handler({
  parse: parseProductPayload,
  async apply(batch, { product, variants, variantsComplete }) {
    const written = await upsertProducts(batch.client, batch.shop.id, [product]);
    if (written === 0) return; // an older version than the one stored
    await upsertVariants(batch.client, batch.shop.id, variants);
    if (variantsComplete) await markMissingVariantsDeleted(batch.client, batch.shop.id, product.id, variants.map((v) => v.id), product.updatedAt);
  },
});

export type LevelPayload = ReturnType<typeof parseInventoryLevelPayload>;

const inventoryLevelHandler = handler({
  parse: parseInventoryLevelPayload,
  apply: (batch, parsed, delivery) => applyLevelDeliveries(batch, [{ parsed: parsed as LevelPayload, triggeredAt: delivery.triggeredAt }]),
});

/**
 * Stock level bodies (inventory_levels/update, connect) of a batch, together: the stored
 * levels are read once and the deliveries settled in order as one by one would
 * (app/sync/level-sequence.ts), so every change still lands in the stock history.
 */
export async function applyLevelDeliveries(batch: DeliveryBatch, deliveries: readonly { parsed: LevelPayload; triggeredAt: string | undefined }[]): Promise<void> {
  // Untracked items report no figure: nothing to observe.
  const levels: LevelDelivery[] = deliveries.flatMap(({ parsed, triggeredAt }) =>
    parsed ? [{ inventoryItemId: parsed.inventoryItemId, locationId: parsed.locationId, available: parsed.available, version: refinedVersion(parsed.updatedAt, triggeredAt) }] : [],
  );
  if (levels.length === 0) return;
  const stored = await storedLevelVersions(batch.client, batch.shop.id, levels);
  const { finals, observations } = settleLevelDeliveries(stored, levels);
  const recorded = await writeWebhookLevels(batch.client, batch.shop.id, [...finals.values()], observations);
  await applyStockObservations(batch.client, batch.shop.id, batch.timezone, recorded);
  await batch.touchInventoryItems(levels.map((l) => l.inventoryItemId));
}

export const LEVEL_TOPICS = new Set(["INVENTORY_LEVELS_UPDATE", "INVENTORY_LEVELS_CONNECT"]);

const inventoryDisconnectHandler = handler({
  parse: parseInventoryLevelKey,
  async apply(batch, key, delivery) {
    await removeInventoryLevel(batch.client, batch.shop.id, key, deletionVersion(delivery.triggeredAt));
    await batch.touchInventoryItems([key.inventoryItemId]);
  },
});

const inventoryItemHandler = handler({
  parse: parseInventoryItemPayload,
  async apply(batch, item) {
    await updateInventoryItemCost(batch.client, batch.shop.id, item);
    await batch.touchInventoryItems([item.inventoryItemId]);
  },
});

const locationHandler = handler({
  parse: parseLocationPayload,
  apply: (batch, location) => upsertLocationFromWebhook(batch.client, batch.shop.id, location),
});

/** Demand days are the shop's local days: a new timezone moves every order's day, so all demand is rebuilt. */
const shopUpdateHandler = handler({
  parse: parseShopUpdatePayload,
  async apply(batch, update, delivery) {
    // updated_at has second precision; the trigger time orders two changes within one second.
    const version = refinedVersion(update.updatedAt, delivery.triggeredAt) ?? update.updatedAt;
    const { timezoneChanged } = await applyShopProfileUpdate(batch.client, batch.shop.id, { ...update, updatedAt: version });
    const shop = batch.shop;
    if (timezoneChanged) batch.after("demand-rebuild", () => enqueueShopJob("demand-rebuild", { shopId: shop.id, shopDomain: shop.domain }));
  },
});

const deleteHandler = (mark: (client: pg.PoolClient, shopId: number, id: bigint, deletedAt: Date) => Promise<void>) =>
  handler({
    parse: parseDeletedId,
    apply: (batch, id, delivery) => mark(batch.client, batch.shop.id, id, deletionVersion(delivery.triggeredAt)),
  });

export const HANDLERS: Record<string, TopicHandler<unknown>> = {
  ORDERS_CREATE: orderHandler,
  ORDERS_UPDATED: orderHandler,
  ORDERS_CANCELLED: orderHandler,
  ORDERS_DELETE: orderDeleteHandler,
  REFUNDS_CREATE: refundHandler,
  PRODUCTS_CREATE: productHandler,
  PRODUCTS_UPDATE: productHandler,
  PRODUCTS_DELETE: deleteHandler(markProductDeleted),
  INVENTORY_LEVELS_UPDATE: inventoryLevelHandler,
  INVENTORY_LEVELS_CONNECT: inventoryLevelHandler,
  INVENTORY_LEVELS_DISCONNECT: inventoryDisconnectHandler,
  INVENTORY_ITEMS_UPDATE: inventoryItemHandler,
  INVENTORY_ITEMS_DELETE: deleteHandler(markInventoryItemDeleted),
  LOCATIONS_CREATE: locationHandler,
  LOCATIONS_UPDATE: locationHandler,
  LOCATIONS_DELETE: deleteHandler(markLocationDeleted),
  SHOP_UPDATE: shopUpdateHandler,
  ...COLLECTION_AND_DISCOUNT_HANDLERS,
  // Nothing to apply: on receipt it wakes the import waiting on that export (acceptSyncWebhook).
  BULK_OPERATIONS_FINISH: handler({ parse: bulkOperationIdOf, apply: async () => undefined }),
};

/** The finished operation's GID in a bulk_operations/finish body, or null. */
export function bulkOperationIdOf(payload: unknown): string | null {
  const id = (payload as { admin_graphql_api_id?: unknown } | null)?.admin_graphql_api_id;
  return typeof id === "string" ? id : null;
}
