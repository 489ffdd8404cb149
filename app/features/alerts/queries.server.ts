/** Alerts as the operations lead reads them: most severe first, each with its variant and numbers. Scoped by shopId. */
import type { AlertKind as StoredAlertKind, AlertSeverity as StoredAlertSeverity, AlertStatus } from "@prisma/client";
import prisma from "~/platform/db.server";
import { ALERT_KINDS, ALERT_SEVERITIES, type AlertKind, type AlertSeverity } from "~/engine/alerts/kinds";

// The database's enums are the engine's tables: either side gaining a value without the other fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _kindsMatch: Same<StoredAlertKind, AlertKind> = true;
const _severitiesMatch: Same<StoredAlertSeverity, AlertSeverity> = true;

export interface AlertRow {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  status: AlertStatus;
  reason: string;
  valueAtRisk: number | null;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  flowTriggeredAt: string | null;
  variantId: string;
  /** The promotion a promotion's alert is about. */
  promotionId: number | null;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  locationName: string;
}

export interface AlertFilters {
  status: AlertStatus;
  kinds?: AlertKind[];
  severities?: AlertSeverity[];
  variantId?: bigint;
  limit?: number;
}

const SEVERITY_ORDER = `CASE a."severity" ${ALERT_SEVERITIES.map((s, rank) => `WHEN '${s}' THEN ${rank}`).join(" ")} END`;

export async function listAlerts(shopId: number, filters: AlertFilters): Promise<AlertRow[]> {
  const kinds = filters.kinds?.length ? filters.kinds : null;
  const severities = filters.severities?.length ? filters.severities : null;
  const order = filters.status === "OPEN" ? `${SEVERITY_ORDER}, a."valueAtRisk" DESC NULLS LAST, a."id"` : `a."resolvedAt" DESC, a."id"`;
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    // The page of alerts is chosen first and only its rows are joined to their names: an open
    // list can hold every variant of a large shop.
    `WITH page AS (
       SELECT a.* FROM "Alert" a
       WHERE a."shopId" = $1 AND a."status"::text = $2 AND ($3::text[] IS NULL OR a."kind"::text = ANY($3::text[]))
         AND ($4::text[] IS NULL OR a."severity"::text = ANY($4::text[])) AND ($5::bigint IS NULL OR a."variantId" = $5)
       ORDER BY ${order}
       LIMIT $6
     )
     SELECT a."id", a."kind", a."severity", a."status", a."reason", a."valueAtRisk"::float8 AS "valueAtRisk", a."firstSeenAt", a."lastSeenAt", a."resolvedAt", a."flowTriggeredAt",
            a."variantId"::text AS "variantId", a."promotionId", COALESCE(p."title", 'Deleted product') AS "productTitle", COALESCE(v."title", '') AS "variantTitle", v."sku",
            CASE WHEN a."locationId" IS NULL THEN 'All locations' ELSE COALESCE(l."name", '') END AS "locationName"
     FROM page a
     LEFT JOIN "Variant" v ON v."shopId" = a."shopId" AND v."id" = a."variantId"
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     LEFT JOIN "Location" l ON l."shopId" = a."shopId" AND l."id" = a."locationId"
     ORDER BY ${order}`,
    shopId,
    filters.status,
    kinds,
    severities,
    filters.variantId ?? null,
    filters.limit ?? 500,
  );
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
  return rows.map((r) => ({ ...r, firstSeenAt: iso(r.firstSeenAt), lastSeenAt: iso(r.lastSeenAt), resolvedAt: iso(r.resolvedAt), flowTriggeredAt: iso(r.flowTriggeredAt) }) as unknown as AlertRow);
}

export async function countOpenAlerts(shopId: number): Promise<Record<AlertKind, number>> {
  const groups = await prisma.alert.groupBy({ by: ["kind"], where: { shopId, status: "OPEN" }, _count: { _all: true } });
  const counts = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, 0])) as Record<AlertKind, number>;
  for (const g of groups) counts[g.kind] = g._count._all;
  return counts;
}
