import type pg from "pg";
import prisma from "~/db.server";

/**
 * Inside the handler's transaction: records a delivery as processed and says whether
 * it is new. Shopify retries and sometimes duplicates deliveries; the
 * X-Shopify-Webhook-Id makes them idempotent. The claim commits with the handler's
 * effects, so a crash before COMMIT leaves no claim and Shopify's retry is applied;
 * a concurrent duplicate waits on the key until the first delivery commits or rolls back.
 */
export async function claimWebhookDelivery(client: pg.PoolClient, shopId: number, webhookId: string, topic: string): Promise<boolean> {
  const inserted = await client.query(
    `INSERT INTO "WebhookEvent" ("shopId", "webhookId", "topic", "receivedAt", "processedAt")
     VALUES ($1, $2, $3, now(), now())
     ON CONFLICT ("shopId", "webhookId") DO NOTHING
     RETURNING "webhookId"`,
    [shopId, webhookId, topic],
  );
  return (inserted.rowCount ?? 0) === 1;
}

/**
 * A delivery whose body cannot be applied: recorded as handled so a redelivery is a
 * duplicate. Only topic and id are kept (no body); the reason goes to the log, as
 * WebhookEvent has no column for it.
 */
export async function recordRejectedDelivery(shopId: number, webhookId: string, topic: string): Promise<void> {
  await prisma.webhookEvent.createMany({ data: [{ shopId, webhookId, topic, processedAt: new Date() }], skipDuplicates: true });
}

/**
 * Delivery ids only matter while Shopify may still redeliver (it retries for
 * hours, not days): a week's worth is kept, the rest pruned.
 */
export const WEBHOOK_EVENT_RETENTION_DAYS = 7;
const PRUNE_BATCH_ROWS = 5_000;

/** Deletes one shop's deliveries received before `cutoff`, in short batches. Returns how many went. */
export async function pruneWebhookEvents(shopId: number, cutoff: Date): Promise<number> {
  let pruned = 0;
  for (;;) {
    const deleted = await prisma.$executeRaw`
      DELETE FROM "WebhookEvent" WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM "WebhookEvent" WHERE "shopId" = ${shopId} AND "receivedAt" < ${cutoff} LIMIT ${PRUNE_BATCH_ROWS}))`;
    pruned += deleted;
    if (deleted < PRUNE_BATCH_ROWS) return pruned;
  }
}

export function webhookRetentionCutoff(now: Date): Date {
  return new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_DAYS * 24 * 3600_000);
}
