import type { Shop } from "@prisma/client";
import type pg from "pg";
import { enqueueShopJob } from "~/queue/enqueue.server";
import { collectDemandKeys, rebuildCollectedDemand } from "~/persistence/demand.server";
import { inTransaction } from "~/persistence/pg-pool.server";
import { markInventoryItemDirty, markOrderVariantsDirty } from "~/persistence/plan-dirty.server";
import { applyShopProfileUpdate, findShopByDomain } from "~/persistence/shops.server";
import { applyStockObservations } from "~/persistence/stockouts.server";
import { upsertInventoryLevels, upsertOrdersWithLines, upsertProducts, upsertVariants } from "~/persistence/sync-writes.server";
import { claimWebhookDelivery, recordRejectedDelivery } from "~/persistence/webhook-events.server";
import {
  applyRefundLines,
  deleteOrder,
  markInventoryItemDeleted,
  markLocationDeleted,
  markMissingVariantsDeleted,
  markProductDeleted,
  removeInventoryLevel,
  updateInventoryItemCost,
  upsertLocationFromWebhook,
} from "~/persistence/webhook-writes.server";
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
  WebhookPayloadError,
} from "~/shopify/webhook-payloads.server";

export interface SyncWebhook {
  topic: string;
  shopDomain: string;
  webhookId: string;
  payload: unknown;
  /** X-Shopify-Triggered-At (sub-second precision), when the delivery carries it. */
  triggeredAt?: string;
}

export type WebhookOutcome = "applied" | "duplicate" | "ignored" | "rejected" | "unknown-shop";

/** "orders/create", "ORDERS_CREATE" -> "ORDERS_CREATE" (the library reports the latter). */
export function normalizeTopic(topic: string): string {
  return topic.toUpperCase().replace(/[/.]/g, "_");
}

/** Work that must wait for the delivery's commit, e.g. queueing a job that reads what the delivery wrote. */
type AfterCommit = () => Promise<unknown>;

/** Runs inside the delivery's transaction, after its claim. */
type Handler = (client: pg.PoolClient, shop: Shop, payload: unknown, webhook: SyncWebhook) => Promise<void | AfterCommit>;

const timezoneOf = (shop: Shop) => shop.ianaTimezone ?? "UTC";

/** Re-plan the variants this delivery marked dirty; one job per shop and second collects a burst. */
const requestReplan = (shop: Shop): AfterCommit => () =>
  enqueueShopJob("plan-variants", { shopId: shop.id, shopDomain: shop.domain }, { idSuffix: String(Math.floor(Date.now() / 1000)), delayMs: 500 });

/** A delete's version: when Shopify triggered it (sub-second), else now. */
export function deletionVersion(triggeredAt: string | undefined, now: Date = new Date()): Date {
  const triggered = triggeredAt ? new Date(triggeredAt) : null;
  return triggered && !Number.isNaN(triggered.getTime()) ? triggered : now;
}

const applyOrder: Handler = async (client, shop, payload) => {
  const { order, lines } = parseOrderPayload(payload);
  await collectDemandKeys(client, shop.id, timezoneOf(shop), [order.id]);
  await markOrderVariantsDirty(client, shop.id, order.id);
  await upsertOrdersWithLines(client, shop.id, [order], lines);
  await collectDemandKeys(client, shop.id, timezoneOf(shop), [order.id]);
  await rebuildCollectedDemand(client, shop.id, timezoneOf(shop));
  await markOrderVariantsDirty(client, shop.id, order.id);
  return requestReplan(shop);
};

const applyRefund: Handler = async (client, shop, payload) => {
  const refund = parseRefundPayload(payload);
  if (!(await applyRefundLines(client, shop.id, refund))) return;
  await collectDemandKeys(client, shop.id, timezoneOf(shop), [refund.orderId]);
  await rebuildCollectedDemand(client, shop.id, timezoneOf(shop));
  await markOrderVariantsDirty(client, shop.id, refund.orderId);
  return requestReplan(shop);
};

const applyOrderDelete: Handler = async (client, shop, payload) => {
  const orderId = parseDeletedId(payload);
  await markOrderVariantsDirty(client, shop.id, orderId);
  await deleteOrder(client, shop.id, timezoneOf(shop), orderId);
  return requestReplan(shop);
};

const applyProduct: Handler = async (client, shop, payload) => {
  const { product, variants, variantsComplete } = parseProductPayload(payload);
  const written = await upsertProducts(client, shop.id, [product]);
  if (written === 0) return; // an older version than the one stored
  await upsertVariants(client, shop.id, variants);
  if (variantsComplete) await markMissingVariantsDeleted(client, shop.id, product.id, variants.map((v) => v.id), product.updatedAt);
};

const applyInventoryLevel: Handler = async (client, shop, payload, webhook) => {
  const parsed = parseInventoryLevelPayload(payload);
  if (!parsed) return; // untracked: no stock figure to observe
  const level = { ...parsed, updatedAt: refinedVersion(parsed.updatedAt, webhook.triggeredAt) };
  const changes = await upsertInventoryLevels(client, shop.id, [level], "WEBHOOK");
  await applyStockObservations(client, shop.id, timezoneOf(shop), changes);
  await markInventoryItemDirty(client, shop.id, level.inventoryItemId);
  return requestReplan(shop);
};

const applyInventoryDisconnect: Handler = async (client, shop, payload, webhook) => {
  const key = parseInventoryLevelKey(payload);
  await removeInventoryLevel(client, shop.id, key, deletionVersion(webhook.triggeredAt));
  await markInventoryItemDirty(client, shop.id, key.inventoryItemId);
  return requestReplan(shop);
};

const applyInventoryItem: Handler = async (client, shop, payload) => {
  const item = parseInventoryItemPayload(payload);
  await updateInventoryItemCost(client, shop.id, item);
  await markInventoryItemDirty(client, shop.id, item.inventoryItemId);
  return requestReplan(shop);
};

const applyLocation: Handler = (client, shop, payload) => upsertLocationFromWebhook(client, shop.id, parseLocationPayload(payload));

/** Demand days are the shop's local days: a new timezone moves every order's day, so all demand is rebuilt. */
const applyShopUpdate: Handler = async (client, shop, payload) => {
  const { timezoneChanged } = await applyShopProfileUpdate(client, shop.id, parseShopUpdatePayload(payload));
  if (timezoneChanged) return () => enqueueShopJob("demand-rebuild", { shopId: shop.id, shopDomain: shop.domain });
};

const HANDLERS: Record<string, Handler> = {
  ORDERS_CREATE: applyOrder,
  ORDERS_UPDATED: applyOrder,
  ORDERS_CANCELLED: applyOrder,
  ORDERS_DELETE: applyOrderDelete,
  REFUNDS_CREATE: applyRefund,
  PRODUCTS_CREATE: applyProduct,
  PRODUCTS_UPDATE: applyProduct,
  PRODUCTS_DELETE: (client, shop, payload, webhook) => markProductDeleted(client, shop.id, parseDeletedId(payload), deletionVersion(webhook.triggeredAt)),
  INVENTORY_LEVELS_UPDATE: applyInventoryLevel,
  INVENTORY_LEVELS_CONNECT: applyInventoryLevel,
  INVENTORY_LEVELS_DISCONNECT: applyInventoryDisconnect,
  INVENTORY_ITEMS_UPDATE: applyInventoryItem,
  INVENTORY_ITEMS_DELETE: (client, shop, payload, webhook) =>
    markInventoryItemDeleted(client, shop.id, parseDeletedId(payload), deletionVersion(webhook.triggeredAt)),
  LOCATIONS_CREATE: applyLocation,
  LOCATIONS_UPDATE: applyLocation,
  LOCATIONS_DELETE: (client, shop, payload, webhook) => markLocationDeleted(client, shop.id, parseDeletedId(payload), deletionVersion(webhook.triggeredAt)),
  SHOP_UPDATE: applyShopUpdate,
  // The backfill polls its bulk operation; the finish webhook needs no work of its own.
  BULK_OPERATIONS_FINISH: async () => undefined,
};

/**
 * Applies one verified sync webhook: at most once per X-Shopify-Webhook-Id, newer
 * versions only. The claim and the effects commit in one transaction, so a failure
 * or a crash leaves nothing behind and Shopify's retry is processed (the route
 * answers 500). A body that cannot be applied is recorded and answered "rejected".
 */
export async function handleSyncWebhook(webhook: SyncWebhook): Promise<WebhookOutcome> {
  const topic = normalizeTopic(webhook.topic);
  const handler = HANDLERS[topic];
  const shop = await findShopByDomain(webhook.shopDomain);
  if (!shop || shop.status !== "INSTALLED") return "unknown-shop";
  if (!handler) return "ignored";
  try {
    const result = await inTransaction(async (client): Promise<{ outcome: WebhookOutcome; afterCommit?: AfterCommit }> => {
      if (!(await claimWebhookDelivery(client, shop.id, webhook.webhookId, topic))) return { outcome: "duplicate" };
      const afterCommit = await handler(client, shop, webhook.payload, webhook);
      return { outcome: "applied", ...(afterCommit ? { afterCommit } : {}) };
    });
    await result.afterCommit?.();
    return result.outcome;
  } catch (error) {
    if (!(error instanceof WebhookPayloadError)) throw error;
    console.warn(`[webhooks] rejected ${topic} ${webhook.webhookId} for ${webhook.shopDomain}: ${error.message}`);
    await recordRejectedDelivery(shop.id, webhook.webhookId, topic);
    return "rejected";
  }
}
