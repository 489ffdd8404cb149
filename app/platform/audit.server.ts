/** The audit trail: who changed what and when. Written in the same transaction as the change. */
import type { AuditEvent, Prisma } from "@prisma/client";
import type pg from "pg";
import prisma from "./db.server";

export type AuditEntity = "proposal" | "purchase_order" | "supplier" | "variant_terms" | "settings" | "promotion" | "alert";

export interface AuditRecord {
  actor: string;
  entity: AuditEntity;
  entityId: string;
  action: string;
  /** What changed, e.g. { quantity: { from: 40, to: 48 } }. */
  changes?: Prisma.InputJsonValue;
}

export async function recordAudit(shopId: number, records: readonly AuditRecord[], db: Prisma.TransactionClient = prisma): Promise<void> {
  if (records.length === 0) return;
  await db.auditEvent.createMany({
    data: records.map((r) => ({ shopId, actor: r.actor, entity: r.entity, entityId: r.entityId, action: r.action, changes: r.changes ?? {} })),
  });
}

export async function listAuditEvents(shopId: number, entity: AuditEntity, entityIds: readonly string[], limit = 200): Promise<AuditEvent[]> {
  return prisma.auditEvent.findMany({ where: { shopId, entity, entityId: { in: [...entityIds] } }, orderBy: { at: "desc" }, take: limit });
}

/** The same, on a `pg` transaction (plan commits). */
export async function recordAuditWithClient(client: pg.PoolClient, shopId: number, record: AuditRecord): Promise<void> {
  await client.query(`INSERT INTO "AuditEvent" ("shopId", "actor", "entity", "entityId", "action", "changes") VALUES ($1, $2, $3, $4, $5, $6)`, [
    shopId,
    record.actor,
    record.entity,
    record.entityId,
    record.action,
    JSON.stringify(record.changes ?? {}),
  ]);
}
