/**
 * The engine's side of Alert: open alerts of the pairs a run planned, and the run's opens,
 * refreshes and resolutions, inside the run's commit transaction. Scoped by shopId.
 */
import type pg from "pg";
import type { AlertChanges, OpenAlert } from "~/engine/alerts/alert-changes";
import { alertKindsRaisedBy } from "~/engine/alerts/kinds";

/** Only the kinds a plan run raises: a promotion's alerts are the promotion watch's to resolve. */
export async function loadOpenAlerts(client: pg.PoolClient, shopId: number, variantIds?: readonly string[]): Promise<OpenAlert[]> {
  const result = await client.query<OpenAlert>(
    `SELECT "id", "variantId"::text AS "variantId", "locationId"::text AS "locationId", "kind" FROM "Alert"
     WHERE "shopId" = $1 AND "status" = 'OPEN' AND "kind"::text = ANY($3::text[]) AND ($2::bigint[] IS NULL OR "variantId" = ANY($2::bigint[]))`,
    [shopId, variantIds ? [...variantIds] : null, alertKindsRaisedBy("plan")],
  );
  return result.rows;
}

/** Applies a run's alert changes in three set-based statements; returns the alerts it opened. */
export async function applyAlertChanges(client: pg.PoolClient, shopId: number, changes: AlertChanges): Promise<{ opened: { id: number; kind: string; variantId: string; locationId: string }[]; refreshed: number; resolved: number }> {
  let opened: { id: number; kind: string; variantId: string; locationId: string }[] = [];
  if (changes.open.length > 0) {
    const c = changes.open;
    const result = await client.query<{ id: number; kind: string; variantId: string; locationId: string }>(
      `INSERT INTO "Alert" ("shopId", "variantId", "locationId", "kind", "severity", "reason", "facts", "valueAtRisk")
       SELECT $1, v, l, k::"AlertKind", s::"AlertSeverity", r, f::jsonb, x
       FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[]) AS t(v, l, k, s, r, f, x)
       ON CONFLICT ("shopId", "variantId", "locationId", "kind") WHERE "status" = 'OPEN' DO UPDATE SET "lastSeenAt" = now()
       RETURNING "id", "kind"::text AS "kind", "variantId"::text AS "variantId", "locationId"::text AS "locationId"`,
      [shopId, c.map((a) => a.variantId), c.map((a) => a.locationId), c.map((a) => a.kind), c.map((a) => a.severity), c.map((a) => a.reason), c.map((a) => JSON.stringify(a.facts)), c.map((a) => a.valueAtRisk)],
    );
    opened = result.rows;
  }
  if (changes.refresh.length > 0) {
    const r = changes.refresh;
    await client.query(
      `UPDATE "Alert" a SET "severity" = t.s::"AlertSeverity", "reason" = t.r, "facts" = t.f::jsonb, "valueAtRisk" = t.x, "lastSeenAt" = now()
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[]) AS t(id, s, r, f, x)
       WHERE a."shopId" = $1 AND a."id" = t.id`,
      [shopId, r.map((x) => x.id), r.map((x) => x.candidate.severity), r.map((x) => x.candidate.reason), r.map((x) => JSON.stringify(x.candidate.facts)), r.map((x) => x.candidate.valueAtRisk)],
    );
  }
  if (changes.resolve.length > 0) {
    await client.query(`UPDATE "Alert" SET "status" = 'RESOLVED', "resolvedAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[]) AND "status" = 'OPEN'`, [shopId, changes.resolve]);
  }
  return { opened, refreshed: changes.refresh.length, resolved: changes.resolve.length };
}
