/**
 * The worker's pass over a shop's inbox: waiting deliveries applied as one batch in one
 * transaction, or one by one when the batch fails.
 */
import type { Shop } from "@prisma/client";
import { tryLockShopInbox } from "~/platform/locks.server";
import { findShopById } from "~/platform/shops.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { WebhookPayloadError, type OrderPayload } from "~/shopify/webhook-payloads.server";
import {
  markDeliveriesApplied,
  markDeliveriesRejected,
  recordDeliveryFailure,
  refuseDeliveriesOfRemovedShop,
  takePendingDeliveries,
  type PendingDelivery,
} from "~/sync/queries/webhook-inbox.server";
import { DeliveryBatch } from "./delivery-batch.server";
import {
  applyLevelDeliveries,
  applyOrderSnapshots,
  HANDLERS,
  LEVEL_TOPICS,
  ORDER_SNAPSHOT_TOPICS,
  ORDER_TOPICS,
  type LevelPayload,
  type TopicHandler,
} from "./handlers.server";

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
    const { applied, rejected } = await applyDeliveries(batch, deliveries);
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

/** Applies the taken deliveries in order within the batch; returns which were applied and which rejected. */
async function applyDeliveries(batch: DeliveryBatch, deliveries: readonly PendingDelivery[]): Promise<{ applied: string[]; rejected: { webhookId: string; reason: string }[] }> {
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
  return { applied, rejected };
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
