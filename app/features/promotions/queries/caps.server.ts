/**
 * The promotion watch's side of Alert and PromotionVariant: what each capped variant of a live
 * promotion sold, its cap alerts, and their opens, refreshes and resolutions, in one
 * transaction. Scoped by shopId.
 */
import type pg from "pg";
import type { CapAlertChanges, CapProgress, OpenCapAlert } from "~/engine/alerts/promotion-cap";

/** Capped variants of live promotions with what they sold on its days up to `today` (YYYY-MM-DD). */
export async function loadCapProgress(client: pg.PoolClient, shopId: number, today: string): Promise<CapProgress[]> {
  const result = await client.query<CapProgress>(
    `SELECT pr."id" AS "promotionId", pr."name" AS "promotionName", pr."shopifyDiscountId"::text AS "discountId",
            pv."variantId"::text AS "variantId", COALESCE(p."title", '') AS "productTitle", COALESCE(v."title", '') AS "variantTitle",
            COALESCE(pv."capUnits", pr."capPerVariant") AS "capUnits",
            COALESCE((SELECT SUM(d."units")::int FROM "DailyDemand" d
                      WHERE d."shopId" = pv."shopId" AND d."variantId" = pv."variantId" AND d."day" BETWEEN pr."startsOn" AND LEAST(pr."endsOn", $2::date)), 0) AS "unitsSold"
     FROM "Promotion" pr
     JOIN "PromotionVariant" pv ON pv."shopId" = pr."shopId" AND pv."promotionId" = pr."id"
     LEFT JOIN "Variant" v ON v."shopId" = pv."shopId" AND v."id" = pv."variantId"
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     WHERE pr."shopId" = $1 AND pr."status" = 'LIVE' AND NOT pv."excluded" AND COALESCE(pv."capUnits", pr."capPerVariant") IS NOT NULL
     ORDER BY pr."id", pv."variantId"`,
    [shopId, today],
  );
  return result.rows;
}

/** Stores what each capped variant sold, and when it first reached its cap (set once). */
export async function recordCapProgress(client: pg.PoolClient, shopId: number, rows: readonly { promotionId: number; variantId: string; unitsSold: number; reachedAt: Date | null }[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `UPDATE "PromotionVariant" pv SET "unitsSold" = u."unitsSold", "capReachedAt" = COALESCE(pv."capReachedAt", u."reachedAt")
     FROM unnest($2::int[], $3::bigint[], $4::int[], $5::timestamp[]) AS u("promotionId", "variantId", "unitsSold", "reachedAt")
     WHERE pv."shopId" = $1 AND pv."promotionId" = u."promotionId" AND pv."variantId" = u."variantId"`,
    [shopId, rows.map((r) => r.promotionId), rows.map((r) => r.variantId), rows.map((r) => r.unitsSold), rows.map((r) => r.reachedAt)],
  );
}

export interface OpenCapAlertRow extends OpenCapAlert {
  flowTriggered: boolean;
}

export async function loadOpenCapAlerts(client: pg.PoolClient, shopId: number): Promise<OpenCapAlertRow[]> {
  const result = await client.query<OpenCapAlertRow>(
    `SELECT "id", "promotionId", "variantId"::text AS "variantId", ("facts"->>'capUnits')::int AS "capUnits", "flowTriggeredAt" IS NOT NULL AS "flowTriggered"
     FROM "Alert" WHERE "shopId" = $1 AND "status" = 'OPEN' AND "kind" = 'PROMOTION_CAP_REACHED'`,
    [shopId],
  );
  return result.rows;
}

/**
 * Applies the watch's changes; returns the alerts it opened. The open index (one per shop,
 * promotion and variant) makes a second watch's open of the same cap a no-op, so no cap is
 * opened, or sent to Flow, twice.
 */
export async function applyCapAlertChanges(client: pg.PoolClient, shopId: number, changes: CapAlertChanges): Promise<{ opened: { id: number; kind: string }[]; refreshed: number; resolved: number }> {
  let opened: { id: number; kind: string }[] = [];
  if (changes.open.length > 0) {
    const c = changes.open;
    const result = await client.query<{ id: number; kind: string }>(
      `INSERT INTO "Alert" ("shopId", "variantId", "locationId", "promotionId", "kind", "severity", "reason", "facts", "valueAtRisk")
       SELECT $1, v, NULL, pr, k::"AlertKind", s::"AlertSeverity", r, f::jsonb, x
       FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[]) AS t(v, pr, k, s, r, f, x)
       ON CONFLICT ("shopId", "promotionId", "variantId") WHERE "status" = 'OPEN' AND "promotionId" IS NOT NULL DO NOTHING
       RETURNING "id", "kind"::text AS "kind"`,
      [shopId, c.map((a) => a.variantId), c.map((a) => a.promotionId), c.map((a) => a.kind), c.map((a) => a.severity), c.map((a) => a.reason), c.map((a) => JSON.stringify(a.facts)), c.map((a) => a.valueAtRisk)],
    );
    opened = result.rows;
  }
  if (changes.refresh.length > 0) {
    const r = changes.refresh;
    await client.query(
      `UPDATE "Alert" a SET "severity" = t.s::"AlertSeverity", "reason" = t.r, "facts" = t.f::jsonb, "lastSeenAt" = now()
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS t(id, s, r, f)
       WHERE a."shopId" = $1 AND a."id" = t.id AND a."status" = 'OPEN'`,
      [shopId, r.map((x) => x.id), r.map((x) => x.candidate.severity), r.map((x) => x.candidate.reason), r.map((x) => JSON.stringify(x.candidate.facts))],
    );
  }
  if (changes.resolve.length > 0) {
    await client.query(`UPDATE "Alert" SET "status" = 'RESOLVED', "resolvedAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[]) AND "status" = 'OPEN'`, [shopId, changes.resolve]);
  }
  return { opened, refreshed: changes.refresh.length, resolved: changes.resolve.length };
}
