/**
 * WebhookEvent: one row per delivery (X-Shopify-Webhook-Id), and the inbox the worker
 * drains. A verified delivery is recorded RECEIVED with its body in one committed
 * statement before Shopify gets its 200; the worker applies it and marks it APPLIED in
 * the same transaction as its effects. A redelivery of any recorded id is a no-op.
 */
import type { WebhookEventStatus } from "@prisma/client";
import pg from "pg";
import prisma from "~/platform/db.server";
import { databaseUrl } from "~/platform/env.server";
import { pgPool } from "~/platform/pg-pool.server";

/** PostgreSQL channel on which a recorded delivery names its shop; the worker listens. */
export const INBOX_CHANNEL = "tempo_webhook_inbox";


export type Recording = "recorded" | "duplicate" | "unknown-shop";

export interface DeliveryToRecord {
  webhookId: string;
  topic: string;
  /** The body as sent. */
  body: string;
  triggeredAt?: string;
}

/**
 * Records a verified delivery in the inbox, for an installed shop only, and wakes the
 * worker: shop lookup, insert and NOTIFY in one statement, committed when it returns.
 */
export async function recordReceivedDelivery(shopDomain: string, delivery: DeliveryToRecord): Promise<Recording> {
  const result = await pgPool().query<{ shopId: number | null; inserted: number }>({
    // Prepared once per connection: each delivery then skips parsing and planning.
    name: "tempo-record-delivery",
    text: `WITH shop AS (SELECT "id" FROM "Shop" WHERE "domain" = $1 AND "status" = 'INSTALLED'),
     inserted AS (
       INSERT INTO "WebhookEvent" ("shopId", "webhookId", "topic", "status", "payload", "triggeredAt", "receivedAt")
       SELECT "id", $2, $3, 'RECEIVED', $4, $5, now() FROM shop
       ON CONFLICT ("shopId", "webhookId") DO NOTHING
       RETURNING "shopId"
     )
     SELECT (SELECT "id" FROM shop) AS "shopId", (SELECT count(*)::int FROM inserted) AS "inserted",
       (SELECT pg_notify('${INBOX_CHANNEL}', "shopId"::text) FROM inserted) AS "notified"`,
    values: [shopDomain, delivery.webhookId, delivery.topic, delivery.body, delivery.triggeredAt ?? null],
  });
  const row = result.rows[0];
  if (!row?.shopId) return "unknown-shop";
  return row.inserted === 1 ? "recorded" : "duplicate";
}

/** A delivery whose body cannot be applied: kept with the reason (no body), so a redelivery is a duplicate. */
export async function recordRefusedDelivery(
  shopDomain: string,
  refusal: { webhookId: string; topic: string; reason: string },
): Promise<Recording> {
  const result = await pgPool().query<{ shopId: number | null; inserted: number }>(
    `WITH shop AS (SELECT "id" FROM "Shop" WHERE "domain" = $1 AND "status" = 'INSTALLED'),
     inserted AS (
       INSERT INTO "WebhookEvent" ("shopId", "webhookId", "topic", "status", "reason", "receivedAt", "processedAt")
       SELECT "id", $2, $3, 'REJECTED', $4, now(), now() FROM shop
       ON CONFLICT ("shopId", "webhookId") DO NOTHING
       RETURNING "shopId"
     )
     SELECT (SELECT "id" FROM shop) AS "shopId", (SELECT count(*)::int FROM inserted) AS "inserted"`,
    [shopDomain, refusal.webhookId, refusal.topic, refusal.reason],
  );
  const row = result.rows[0];
  if (!row?.shopId) return "unknown-shop";
  return row.inserted === 1 ? "recorded" : "duplicate";
}

export interface PendingDelivery {
  webhookId: string;
  topic: string;
  body: string;
  triggeredAt: string | null;
}

/**
 * How many deliveries of these topics were applied for the shop since a mark: taken
 * before and after a stretch of work (the second time with the first's `since`), a
 * change says a webhook wrote in between. The mark is an hour back on the database's
 * own clock, as `processedAt` is written, so a transaction that began just before still counts.
 */
export async function countDeliveriesApplied(
  client: pg.PoolClient | pg.Pool,
  shopId: number,
  topics: readonly string[],
  since?: string,
): Promise<{ count: number; since: string }> {
  const result = await client.query<{ n: number; since: string }>(
    `WITH mark AS (SELECT COALESCE($3::timestamp(3), (now() - interval '1 hour')::timestamp(3)) AS since)
     SELECT (SELECT count(*)::int FROM "WebhookEvent", mark
             WHERE "shopId" = $1 AND "status" = 'APPLIED' AND "topic" = ANY($2::text[]) AND "processedAt" >= mark.since) AS n,
            (SELECT since::text FROM mark) AS since`,
    [shopId, topics, since ?? null],
  );
  return { count: result.rows[0]?.n ?? 0, since: result.rows[0]!.since };
}

/** The shop's oldest waiting deliveries. */
export async function takePendingDeliveries(client: pg.PoolClient, shopId: number, limit: number, onlyIds?: readonly string[]): Promise<PendingDelivery[]> {
  const result = await client.query<PendingDelivery>(
    `SELECT "webhookId", "topic", "payload" AS "body", "triggeredAt" FROM "WebhookEvent"
     WHERE "shopId" = $1 AND "status" = 'RECEIVED' AND ($3::text[] IS NULL OR "webhookId" = ANY($3::text[]))
     ORDER BY "receivedAt", "webhookId" LIMIT $2`,
    [shopId, limit, onlyIds ?? null],
  );
  return result.rows;
}

/** Inside the applying transaction: the deliveries are done; their bodies go. */
export async function markDeliveriesApplied(client: pg.PoolClient, shopId: number, webhookIds: readonly string[]): Promise<void> {
  if (webhookIds.length === 0) return;
  await client.query(
    `UPDATE "WebhookEvent" SET "status" = 'APPLIED', "payload" = NULL, "reason" = NULL, "processedAt" = now()
     WHERE "shopId" = $1 AND "webhookId" = ANY($2::text[])`,
    [shopId, webhookIds],
  );
}

export async function markDeliveriesRejected(client: pg.PoolClient, shopId: number, rejections: readonly { webhookId: string; reason: string }[]): Promise<void> {
  if (rejections.length === 0) return;
  await client.query(
    `UPDATE "WebhookEvent" e SET "status" = 'REJECTED', "payload" = NULL, "reason" = r."reason", "processedAt" = now()
     FROM unnest($2::text[], $3::text[]) AS r("webhookId", "reason")
     WHERE e."shopId" = $1 AND e."webhookId" = r."webhookId"`,
    [shopId, rejections.map((r) => r.webhookId), rejections.map((r) => r.reason)],
  );
}

/**
 * A delivery that failed to apply on its own: counts the try and keeps the error; after
 * `maxAttempts` it is given up (FAILED, shown in the sync panel) so it cannot block the shop's inbox.
 */
export async function recordDeliveryFailure(shopId: number, webhookId: string, reason: string, maxAttempts: number): Promise<WebhookEventStatus | null> {
  const rows = await prisma.$queryRaw<{ status: WebhookEventStatus }[]>`
    UPDATE "WebhookEvent" SET "attempts" = "attempts" + 1, "reason" = ${reason},
      "status" = CASE WHEN "attempts" + 1 >= ${maxAttempts} THEN 'FAILED'::"WebhookEventStatus" ELSE "status" END,
      "payload" = CASE WHEN "attempts" + 1 >= ${maxAttempts} THEN NULL ELSE "payload" END,
      "processedAt" = CASE WHEN "attempts" + 1 >= ${maxAttempts} THEN now() ELSE NULL END
    WHERE "shopId" = ${shopId} AND "webhookId" = ${webhookId} AND "status" = 'RECEIVED'
    RETURNING "status"`;
  return rows[0]?.status ?? null;
}

/** Deliveries of a shop that is no longer installed are not applied. */
export async function refuseDeliveriesOfRemovedShop(shopId: number, reason: string): Promise<number> {
  return prisma.webhookEvent.updateMany({
    where: { shopId, status: "RECEIVED" },
    data: { status: "REJECTED", reason, payload: null, processedAt: new Date() },
  }).then((r) => r.count);
}

/** Shops with deliveries waiting (the worker's sweep after downtime or a missed notification). */
export async function shopsWithPendingDeliveries(): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ shopId: number }[]>`SELECT DISTINCT "shopId" FROM "WebhookEvent" WHERE "status" = 'RECEIVED'`;
  return rows.map((r) => r.shopId);
}

export async function countPendingDeliveries(shopId: number): Promise<number> {
  return prisma.webhookEvent.count({ where: { shopId, status: "RECEIVED" } });
}

export interface InboxListener {
  close(): Promise<void>;
}

/**
 * Calls `onShop(shopId)` for each delivery recorded from now on, on its own connection
 * (LISTEN needs one); reconnects after a lost connection, the sweep covering the gap.
 */
export async function listenForDeliveries(onShop: (shopId: number) => void, onError: (error: unknown) => void = () => undefined): Promise<InboxListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl() });
    next.on("notification", (message) => {
      const shopId = Number(message.payload);
      if (Number.isInteger(shopId)) onShop(shopId);
    });
    next.on("error", (error) => {
      onError(error);
      if (!closed) retry = setTimeout(() => void connect().catch(onError), 1000);
    });
    await next.connect();
    await next.query(`LISTEN ${INBOX_CHANNEL}`);
    client = next;
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * Delivery ids only matter while Shopify may still redeliver (it retries for
 * hours, not days): a week's worth is kept, the rest pruned. Waiting ones stay.
 */
export const WEBHOOK_EVENT_RETENTION_DAYS = 7;
const PRUNE_BATCH_ROWS = 5_000;

/** Deletes one shop's deliveries received before `cutoff`, in short batches. Returns how many went. */
export async function pruneWebhookEvents(shopId: number, cutoff: Date): Promise<number> {
  let pruned = 0;
  for (;;) {
    const deleted = await prisma.$executeRaw`
      DELETE FROM "WebhookEvent" WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM "WebhookEvent" WHERE "shopId" = ${shopId} AND "receivedAt" < ${cutoff} AND "status" <> 'RECEIVED' LIMIT ${PRUNE_BATCH_ROWS}))`;
    pruned += deleted;
    if (deleted < PRUNE_BATCH_ROWS) return pruned;
  }
}

export function webhookRetentionCutoff(now: Date): Date {
  return new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_DAYS * 24 * 3600_000);
}
