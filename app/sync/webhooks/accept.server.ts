/**
 * The route's fast path: a verified delivery is checked and recorded in the inbox (or refused
 * with its reason) before the 200. Nothing slow happens here; the worker applies what was recorded.
 */
import { WebhookPayloadError } from "~/shopify/webhook-payloads.server";
import { notifyBulkOperationFinished } from "~/sync/queries/bulk-operation-notices.server";
import { recordReceivedDelivery, recordRefusedDelivery } from "~/sync/queries/webhook-inbox.server";
import { HANDLERS, bulkOperationIdOf } from "./handlers.server";

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
