/**
 * Records a webhook named without carrying them in full (a collection's members, a discount's
 * dates and items), waiting for the worker to read them from the Admin API. Scoped by shop.
 */
import type { PendingReadKind } from "@prisma/client";
import type pg from "pg";
import prisma from "~/platform/db.server";

export interface PendingRead {
  kind: PendingReadKind;
  id: bigint;
  gid: string;
  requestedAt: Date;
}

/** Inside the delivery's transaction: asks for a read; a second request moves requestedAt, so a read already under way runs again. */
export async function requestShopifyRead(client: pg.PoolClient, shopId: number, read: { kind: PendingReadKind; id: bigint; gid: string }): Promise<void> {
  await client.query(
    `INSERT INTO "PendingShopifyRead" ("shopId", "kind", "id", "gid", "requestedAt") VALUES ($1, $2::"PendingReadKind", $3, $4, clock_timestamp())
     ON CONFLICT ("shopId", "kind", "id") DO UPDATE SET "gid" = EXCLUDED."gid", "requestedAt" = EXCLUDED."requestedAt"`,
    [shopId, read.kind, read.id, read.gid],
  );
}

/** The oldest waiting reads of a shop. */
export async function pendingReads(shopId: number, limit: number): Promise<PendingRead[]> {
  const rows = await prisma.pendingShopifyRead.findMany({ where: { shopId }, orderBy: { requestedAt: "asc" }, take: limit });
  return rows.map((r) => ({ kind: r.kind, id: r.id, gid: r.gid, requestedAt: r.requestedAt }));
}

/** Inside the write's transaction: the read is done unless it was asked for again since it was taken. */
export async function settlePendingRead(client: pg.PoolClient, shopId: number, read: PendingRead): Promise<void> {
  await client.query(`DELETE FROM "PendingShopifyRead" WHERE "shopId" = $1 AND "kind" = $2::"PendingReadKind" AND "id" = $3 AND "requestedAt" <= $4`, [
    shopId,
    read.kind,
    read.id,
    read.requestedAt.toISOString(),
  ]);
}
