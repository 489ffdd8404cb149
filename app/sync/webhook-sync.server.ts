import type { Shop } from "@prisma/client";
import { collectDemandKeys, rebuildCollectedDemand } from "~/persistence/demand.server";
import { inTransaction } from "~/persistence/pg-pool.server";
import { findShopByDomain } from "~/persistence/shops.server";
import { applyStockObservations } from "~/persistence/stockouts.server";
import { upsertInventoryLevels, upsertOrdersWithLines, upsertProducts, upsertVariants } from "~/persistence/sync-writes.server";
import { claimWebhookDelivery, markWebhookProcessed, releaseWebhookDelivery } from "~/persistence/webhook-events.server";
import {
  applyRefundLines,
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
  parseInventoryLevelPayload,
  parseLocationPayload,
  parseOrderPayload,
  parseProductPayload,
  parseRefundPayload,
  refinedVersion,
} from "~/shopify/webhook-payloads.server";

export interface SyncWebhook {
  topic: string;
  shopDomain: string;
  webhookId: string;
  payload: unknown;
  /** X-Shopify-Triggered-At (sub-second precision), when the delivery carries it. */
  triggeredAt?: string;
}

export type WebhookOutcome = "applied" | "duplicate" | "ignored" | "unknown-shop";

/** "orders/create", "ORDERS_CREATE" -> "ORDERS_CREATE" (the library reports the latter). */
export function normalizeTopic(topic: string): string {
  return topic.toUpperCase().replace(/[/.]/g, "_");
}

type Handler = (shop: Shop, payload: unknown, webhook: SyncWebhook) => Promise<void>;



const timezoneOf = (shop: Shop) => shop.ianaTimezone ?? "UTC";

async function applyOrder(shop: Shop, payload: unknown): Promise<void> {
  const { order, lines } = parseOrderPayload(payload);
  await inTransaction(async (client) => {
    await collectDemandKeys(client, shop.id, timezoneOf(shop), [order.id]);
    await upsertOrdersWithLines(client, shop.id, [order], lines);
    await collectDemandKeys(client, shop.id, timezoneOf(shop), [order.id]);
    await rebuildCollectedDemand(client, shop.id, timezoneOf(shop));
  });
}

async function applyRefund(shop: Shop, payload: unknown): Promise<void> {
  const refund = parseRefundPayload(payload);
  await inTransaction(async (client) => {
    if (!(await applyRefundLines(client, shop.id, refund))) return;
    await collectDemandKeys(client, shop.id, timezoneOf(shop), [refund.orderId]);
    await rebuildCollectedDemand(client, shop.id, timezoneOf(shop));
  });
}

async function applyProduct(shop: Shop, payload: unknown): Promise<void> {
  const { product, variants } = parseProductPayload(payload);
  await inTransaction(async (client) => {
    const written = await upsertProducts(client, shop.id, [product]);
    if (written === 0) return; // an older version than the one stored
    await upsertVariants(client, shop.id, variants);
    await markMissingVariantsDeleted(client, shop.id, product.id, variants.map((v) => v.id));
  });
}

async function applyInventoryLevel(shop: Shop, payload: unknown, webhook: SyncWebhook): Promise<void> {
  const parsed = parseInventoryLevelPayload(payload);
  const level = { ...parsed, updatedAt: refinedVersion(parsed.updatedAt, webhook.triggeredAt) };
  await inTransaction(async (client) => {
    const changes = await upsertInventoryLevels(client, shop.id, [level], "WEBHOOK");
    await applyStockObservations(client, shop.id, timezoneOf(shop), changes);
  });
}

const HANDLERS: Record<string, Handler> = {
  ORDERS_CREATE: applyOrder,
  ORDERS_UPDATED: applyOrder,
  ORDERS_CANCELLED: applyOrder,
  REFUNDS_CREATE: applyRefund,
  PRODUCTS_CREATE: applyProduct,
  PRODUCTS_UPDATE: applyProduct,
  PRODUCTS_DELETE: (shop, payload) => inTransaction((client) => markProductDeleted(client, shop.id, parseDeletedId(payload))),
  INVENTORY_LEVELS_UPDATE: applyInventoryLevel,
  INVENTORY_LEVELS_CONNECT: applyInventoryLevel,
  INVENTORY_LEVELS_DISCONNECT: async (shop, payload) => {
    const level = parseInventoryLevelPayload(payload);
    await inTransaction((client) => removeInventoryLevel(client, shop.id, level.inventoryItemId, level.locationId));
  },
  INVENTORY_ITEMS_UPDATE: (shop, payload) => inTransaction((client) => updateInventoryItemCost(client, shop.id, parseInventoryItemPayload(payload))),
  INVENTORY_ITEMS_DELETE: (shop, payload) => inTransaction((client) => markInventoryItemDeleted(client, shop.id, parseDeletedId(payload))),
  LOCATIONS_CREATE: (shop, payload) => upsertLocationFromWebhook(shop.id, parseLocationPayload(payload)),
  LOCATIONS_UPDATE: (shop, payload) => upsertLocationFromWebhook(shop.id, parseLocationPayload(payload)),
  LOCATIONS_DELETE: (shop, payload) => markLocationDeleted(shop.id, parseDeletedId(payload)),
  // The backfill polls its bulk operation; the finish webhook needs no work of its own.
  BULK_OPERATIONS_FINISH: async () => undefined,
};

/**
 * Applies one verified sync webhook: at most once per X-Shopify-Webhook-Id, newer
 * versions only. A failure releases the claim and rethrows so Shopify's retry is
 * processed (the route answers 500).
 */
export async function handleSyncWebhook(webhook: SyncWebhook): Promise<WebhookOutcome> {
  const handler = HANDLERS[normalizeTopic(webhook.topic)];
  const shop = await findShopByDomain(webhook.shopDomain);
  if (!shop || shop.status !== "INSTALLED") return "unknown-shop";
  if (!handler) return "ignored";
  if (!(await claimWebhookDelivery(shop.id, webhook.webhookId, normalizeTopic(webhook.topic)))) return "duplicate";
  try {
    await handler(shop, webhook.payload, webhook);
    await markWebhookProcessed(shop.id, webhook.webhookId);
    return "applied";
  } catch (error) {
    await releaseWebhookDelivery(shop.id, webhook.webhookId);
    throw error;
  }
}
