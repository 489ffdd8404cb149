import prisma from "~/db.server";

/**
 * Records a webhook delivery and says whether it is new. Shopify retries and
 * sometimes duplicates deliveries; the X-Shopify-Webhook-Id makes them idempotent.
 */
export async function claimWebhookDelivery(
  shopId: number,
  webhookId: string,
  topic: string,
): Promise<boolean> {
  const inserted = await prisma.webhookEvent.createMany({
    data: [{ shopId, webhookId, topic }],
    skipDuplicates: true,
  });
  return inserted.count === 1;
}

export async function markWebhookProcessed(shopId: number, webhookId: string): Promise<void> {
  await prisma.webhookEvent.update({
    where: { shopId_webhookId: { shopId, webhookId } },
    data: { processedAt: new Date() },
  });
}

/** Forgets a claimed delivery whose processing failed, so Shopify's retry is processed. */
export async function releaseWebhookDelivery(shopId: number, webhookId: string): Promise<void> {
  await prisma.webhookEvent.deleteMany({ where: { shopId, webhookId } });
}
