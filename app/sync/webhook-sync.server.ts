import type { Shop } from "@prisma/client";
import type pg from "pg";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { applyOrderDemandDeltas, orderDemandContributions, type DemandContribution } from "~/sync/queries/demand.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { notifyBulkOperationFinished } from "~/sync/queries/bulk-operation-notices.server";
import { markVariantsDirty } from "~/platform/plan-dirty.server";
import { findShopById } from "~/platform/shops.server";
import { tryLockShopInbox } from "~/platform/locks.server";
import { applyShopProfileUpdate } from "./queries/shop-install.server";
import { applyStockObservations } from "~/sync/queries/stockouts.server";
import { upsertOrdersWithLines, upsertProducts, upsertVariants } from "~/sync/queries/sync-writes.server";
import {
  markDeliveriesApplied,
  markDeliveriesRejected,
  recordDeliveryFailure,
  recordReceivedDelivery,
  recordRefusedDelivery,
  refuseDeliveriesOfRemovedShop,
  takePendingDeliveries,
  type PendingDelivery,
} from "~/sync/queries/webhook-inbox.server";
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
  variantsOfInventoryItems,
  writeWebhookLevels,
} from "~/sync/queries/webhook-writes.server";
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
  type OrderPayload,
} from "~/shopify/webhook-payloads.server";
import { orderProgress } from "~/shopify/sync-records";
import { COLLECTION_AND_DISCOUNT_HANDLERS } from "./collection-discount-webhooks.server";
import { settleLevelDeliveries, type LevelDelivery } from "./level-sequence";
import { shopTimezone } from "~/platform/shop-actor";

export interface SyncWebhook {
  topic: string;
  shopDomain: string;
  webhookId: string;
  payload: unknown;
  /** The body as sent (what the inbox keeps); JSON of `payload` when absent. */
  body?: string;
  /** X-Shopify-Triggered-At (sub-second precision), when the delivery carries it. */
  triggeredAt?: string;
}

/** What the request learns: recorded for the worker, a redelivery, refused, or not Tempo's concern. */
export type WebhookAcceptance = "accepted" | "duplicate" | "ignored" | "rejected" | "unknown-shop";

/** "orders/create", "ORDERS_CREATE" -> "ORDERS_CREATE" (the library reports the latter). */
export function normalizeTopic(topic: string): string {
  return topic.toUpperCase().replace(/[/.]/g, "_");
}

/** Work that must wait for the batch's commit, e.g. queueing a job that reads what it wrote. */
type AfterCommit = () => Promise<unknown>;

/**
 * The deliveries applied in one transaction. Demand days and re-plan marks are settled
 * once for the whole batch: what an order adds to demand is read before its first change,
 * and at the end each demand day moves by what the batch's orders add now minus that.
 */
class DeliveryBatch {
  private readonly touchedOrders = new Set<bigint>();
  private readonly demandBefore: DemandContribution[] = [];
  private readonly dirtyVariants = new Set<bigint>();
  private readonly afterCommit = new Map<string, AfterCommit>();

  constructor(
    readonly client: pg.PoolClient,
    readonly shop: Shop,
  ) {}

  get timezone(): string {
    return shopTimezone(this.shop);
  }

  /** Before changing orders: what they add to demand now, and their variants for re-planning. */
  async touchOrders(orderIds: readonly bigint[]): Promise<void> {
    const fresh = [...new Set(orderIds)].filter((id) => !this.touchedOrders.has(id));
    if (fresh.length === 0) return;
    const { contributions, variantIds } = await orderDemandContributions(this.client, this.shop.id, this.timezone, fresh);
    this.demandBefore.push(...contributions);
    for (const id of variantIds) this.dirtyVariants.add(id);
    for (const id of fresh) this.touchedOrders.add(id);
  }

  /** Stock or cost of these items changed: their variants need re-planning. */
  async touchInventoryItems(inventoryItemIds: readonly bigint[]): Promise<void> {
    await markVariantsDirty(this.client, this.shop.id, await variantsOfInventoryItems(this.client, this.shop.id, [...new Set(inventoryItemIds)]));
    this.replan();
  }

  /** Re-plan the variants this batch marked dirty; one job per shop and second collects a burst. */
  replan(): void {
    const shop = this.shop;
    this.after("plan-variants", () =>
      enqueueShopJob("plan-variants", { shopId: shop.id, shopDomain: shop.domain }, { idSuffix: String(Math.floor(Date.now() / 1000)), delayMs: 500 }),
    );
  }

  after(key: string, work: AfterCommit): void {
    this.afterCommit.set(key, work);
  }

  /** Demand days and re-plan marks for the orders as they are now; returns the work to run after commit. */
  async finish(): Promise<AfterCommit[]> {
    const orders = [...this.touchedOrders];
    if (orders.length > 0) {
      for (const id of await applyOrderDemandDeltas(this.client, this.shop.id, this.timezone, orders, this.demandBefore)) this.dirtyVariants.add(id);
      await markVariantsDirty(this.client, this.shop.id, [...this.dirtyVariants]);
      this.replan();
    }
    return [...this.afterCommit.values()];
  }
}

interface TopicHandler<P> {
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
async function applyOrderSnapshots(batch: DeliveryBatch, snapshots: readonly OrderPayload[]): Promise<void> {
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

const ORDER_SNAPSHOT_TOPICS = new Set(["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED"]);
/** Topics that write orders, lines or demand without being a full order body. */
const ORDER_TOPICS = new Set(["ORDERS_DELETE", "REFUNDS_CREATE"]);
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

type LevelPayload = ReturnType<typeof parseInventoryLevelPayload>;

const inventoryLevelHandler = handler({
  parse: parseInventoryLevelPayload,
  apply: (batch, parsed, delivery) => applyLevelDeliveries(batch, [{ parsed: parsed as LevelPayload, triggeredAt: delivery.triggeredAt }]),
});

/**
 * Stock level bodies (inventory_levels/update, connect) of a batch, together: the stored
 * levels are read once and the deliveries settled in order as one by one would
 * (app/sync/level-sequence.ts), so every change still lands in the stock history.
 */
async function applyLevelDeliveries(batch: DeliveryBatch, deliveries: readonly { parsed: LevelPayload; triggeredAt: string | undefined }[]): Promise<void> {
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

const LEVEL_TOPICS = new Set(["INVENTORY_LEVELS_UPDATE", "INVENTORY_LEVELS_CONNECT"]);

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

const HANDLERS: Record<string, TopicHandler<unknown>> = {
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
function bulkOperationIdOf(payload: unknown): string | null {
  const id = (payload as { admin_graphql_api_id?: unknown } | null)?.admin_graphql_api_id;
  return typeof id === "string" ? id : null;
}

/**
 * On the request: checks the body and records the delivery in the inbox (committed
 * before the route answers 200), or records why it was refused. Nothing slow happens
 * here; the worker applies what was recorded.
 */
export async function acceptSyncWebhook(webhook: SyncWebhook): Promise<WebhookAcceptance> {
  const topic = normalizeTopic(webhook.topic);
  const topicHandler = HANDLERS[topic];
  if (!topicHandler) return "ignored";
  try {
    topicHandler.parse(webhook.payload);
  } catch (error) {
    if (!(error instanceof WebhookPayloadError)) throw error;
    return refuseSyncWebhook({ shopDomain: webhook.shopDomain, webhookId: webhook.webhookId, topic: webhook.topic, reason: error.message });
  }
  const recorded = await recordReceivedDelivery(webhook.shopDomain, {
    webhookId: webhook.webhookId,
    topic,
    body: webhook.body ?? JSON.stringify(webhook.payload),
    ...(webhook.triggeredAt ? { triggeredAt: webhook.triggeredAt } : {}),
  });
  const operationId = topic === "BULK_OPERATIONS_FINISH" && recorded !== "unknown-shop" ? bulkOperationIdOf(webhook.payload) : null;
  // Best effort: a worker that misses it still sees the end at its next poll.
  if (operationId) await notifyBulkOperationFinished(operationId).catch((error: unknown) => console.warn(`[webhooks] could not pass on the end of ${operationId}:`, error));
  return recorded === "recorded" ? "accepted" : recorded;
}

/** A verified delivery that cannot be applied (malformed JSON, a bad field): kept with the reason, answered like the rest. */
export async function refuseSyncWebhook(refusal: { shopDomain: string; webhookId: string; topic: string; reason: string }): Promise<WebhookAcceptance> {
  const topic = normalizeTopic(refusal.topic);
  console.warn(`[webhooks] rejected ${topic} ${refusal.webhookId} for ${refusal.shopDomain}: ${refusal.reason}`);
  const recorded = await recordRefusedDelivery(refusal.shopDomain, { webhookId: refusal.webhookId, topic, reason: refusal.reason });
  return recorded === "recorded" ? "rejected" : recorded;
}

export interface InboxPass {
  applied: number;
  rejected: number;
  failed: number;
  /** Another process is applying this shop's deliveries right now. */
  busy: boolean;
  /** The batch was full: more may be waiting. */
  more: boolean;
}

/** Tries a delivery may take before it is given up (FAILED, shown in the sync panel). */
export const MAX_APPLY_ATTEMPTS = 5;
const DEFAULT_BATCH = 200;
const EMPTY_PASS: InboxPass = { applied: 0, rejected: 0, failed: 0, busy: false, more: false };

/**
 * In the worker: applies up to `batchSize` of the shop's waiting deliveries, oldest
 * first, in one transaction with their APPLIED marks, at most once each and newer
 * versions only. A body that turns out unusable is rejected with its reason; if the
 * batch fails, each delivery is tried on its own, so one bad delivery cannot hold up the rest.
 */
export async function applyPendingWebhooks(shopId: number, options: { batchSize?: number } = {}): Promise<InboxPass> {
  const shop = await findShopById(shopId);
  if (!shop || shop.status !== "INSTALLED") {
    const refused = await refuseDeliveriesOfRemovedShop(shopId, "The shop uninstalled Tempo before this delivery was applied.");
    return { ...EMPTY_PASS, rejected: refused };
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let taken: string[] = [];
  try {
    return await applyBatch(shop, batchSize, (ids) => (taken = ids));
  } catch (error) {
    if (taken.length === 0) throw error;
    console.warn(`[webhooks] a batch of ${taken.length} deliveries for shop ${shopId} failed; applying them one by one:`, error);
  }
  const total = { ...EMPTY_PASS };
  for (const webhookId of taken) {
    try {
      const pass = await applyBatch(shop, 1, () => undefined, [webhookId]);
      total.applied += pass.applied;
      total.rejected += pass.rejected;
      if (pass.busy) return { ...total, busy: true };
    } catch (error) {
      const status = await recordDeliveryFailure(shopId, webhookId, error instanceof Error ? error.message : String(error), MAX_APPLY_ATTEMPTS);
      console.error(`[webhooks] delivery ${webhookId} for shop ${shopId} failed (${status === "FAILED" ? "given up" : "will retry"}):`, error);
      total.failed += 1;
    }
  }
  // A failed delivery stays waiting until its tries run out: the next pass retries it later, not now.
  return { ...total, more: false };
}

async function applyBatch(shop: Shop, batchSize: number, onTaken: (ids: string[]) => void, onlyIds?: string[]): Promise<InboxPass> {
  const outcome = await inSqlTransaction(async (client) => {
    if (!(await tryLockShopInbox(client, shop.id))) return { pass: { ...EMPTY_PASS, busy: true }, afterCommit: [] };
    const deliveries = await takePendingDeliveries(client, shop.id, batchSize, onlyIds);
    onTaken(deliveries.map((d) => d.webhookId));
    const batch = new DeliveryBatch(client, shop);
    const applied: string[] = [];
    const rejected: { webhookId: string; reason: string }[] = [];
    // Order bodies and stock levels gather into one write each; a delivery touching the same
    // records another way (a refund, a delete, a disconnect) first writes what gathered before it.
    let orderRun: { webhookId: string; snapshot: OrderPayload }[] = [];
    let levelRun: { webhookId: string; parsed: LevelPayload; triggeredAt: string | undefined }[] = [];
    const flushOrders = async () => {
      if (orderRun.length === 0) return;
      await applyOrderSnapshots(batch, orderRun.map((o) => o.snapshot));
      applied.push(...orderRun.map((o) => o.webhookId));
      orderRun = [];
    };
    const flushLevels = async () => {
      if (levelRun.length === 0) return;
      await applyLevelDeliveries(batch, levelRun);
      applied.push(...levelRun.map((l) => l.webhookId));
      levelRun = [];
    };
    for (const delivery of deliveries) {
      const parsed = parseDelivery(delivery);
      if ("reason" in parsed) {
        rejected.push({ webhookId: delivery.webhookId, reason: parsed.reason });
        continue;
      }
      if (ORDER_SNAPSHOT_TOPICS.has(delivery.topic)) {
        orderRun.push({ webhookId: delivery.webhookId, snapshot: parsed.value as OrderPayload });
        continue;
      }
      if (LEVEL_TOPICS.has(delivery.topic)) {
        levelRun.push({ webhookId: delivery.webhookId, parsed: parsed.value as LevelPayload, triggeredAt: delivery.triggeredAt ?? undefined });
        continue;
      }
      if (ORDER_TOPICS.has(delivery.topic)) await flushOrders();
      else await flushLevels();
      // Any error here fails the batch, which is then retried one delivery at a time.
      await parsed.handler.apply(batch, parsed.value, delivery.triggeredAt ? { triggeredAt: delivery.triggeredAt } : {});
      applied.push(delivery.webhookId);
    }
    await flushOrders();
    await flushLevels();
    const afterCommit = await batch.finish();
    await markDeliveriesApplied(client, shop.id, applied);
    await markDeliveriesRejected(client, shop.id, rejected);
    const pass: InboxPass = { applied: applied.length, rejected: rejected.length, failed: 0, busy: false, more: deliveries.length === batchSize };
    return { pass, afterCommit };
  });
  for (const work of outcome.afterCommit) {
    await work().catch((error: unknown) => console.error(`[webhooks] follow-up work for shop ${shop.id} could not be queued:`, error));
  }
  return outcome.pass;
}

/** A stored body read back: its topic's parsed record, or why it cannot be applied. */
function parseDelivery(delivery: PendingDelivery): { handler: TopicHandler<unknown>; value: unknown } | { reason: string } {
  const topicHandler = HANDLERS[delivery.topic];
  if (!topicHandler) return { reason: `Tempo does not handle ${delivery.topic}` };
  try {
    return { handler: topicHandler, value: topicHandler.parse(JSON.parse(delivery.body)) };
  } catch (error) {
    if (error instanceof WebhookPayloadError || error instanceof SyntaxError) return { reason: error.message };
    throw error;
  }
}
