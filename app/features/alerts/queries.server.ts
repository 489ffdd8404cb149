/** Alerts as the operations lead reads them: most severe first, each with its variant and numbers. Scoped by shopId. */
import type { AlertKind as StoredAlertKind, AlertSeverity as StoredAlertSeverity, AlertStatus, Prisma } from "@prisma/client";
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
  /** Set aside by the team: snoozed until then, or dismissed with a reason. */
  snoozedUntil: string | null;
  dismissedAt: string | null;
  dismissReason: string | null;
  variantId: string;
  /** The promotion a promotion's alert is about. */
  promotionId: number | null;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  locationName: string;
  /** With a grouping: the product's title or the supplier's name, and the money at risk of its open alerts that the filters match. */
  groupName: string | null;
  groupValue: number | null;
}

/** Open alerts listed per product or per supplier (the variant's terms in the active plan, else its vendor). */
export type AlertGrouping = "product" | "supplier";

export interface AlertFilters {
  status: AlertStatus;
  /** Open alerts only: those set aside (snoozed or dismissed) instead of the rest. Default: the rest. */
  setAside?: boolean;
  kinds?: AlertKind[];
  severities?: AlertSeverity[];
  variantId?: bigint;
  /** Location ids ("all" for an all-locations alert, such as a promotion's). */
  locations?: string[];
  /** Words of the product title or SKU. */
  search?: string;
  /** Open alerts whose money at risk is known and below this are left out (summarised by the caller). */
  minValue?: number | null;
  /** "value": most money at risk first; default most severe first, then money at risk. */
  orderBy?: "severity" | "value";
  group?: AlertGrouping | null;
  limit?: number;
  /** Rows skipped before the page (paging). */
  offset?: number;
}

const SEVERITY_ORDER = `CASE a."severity" ${ALERT_SEVERITIES.map((s, rank) => `WHEN '${s}' THEN ${rank}`).join(" ")} END`;

/** An open alert the team set aside: dismissed, or snoozed until later than now (timestamps are stored in UTC). */
const SET_ASIDE = `(a."dismissedAt" IS NOT NULL OR COALESCE(a."snoozedUntil" > (now() AT TIME ZONE 'UTC'), false))`;

/** The WHERE every alerts read shares, on "Alert" a with its variant v and product p joined; parameters from $2. */
function matching(filters: Omit<AlertFilters, "limit" | "offset">): { sql: string; params: unknown[] } {
  const locations = filters.locations?.length ? filters.locations : null;
  const search = filters.search?.trim() ? `%${filters.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return {
    sql: `a."shopId" = $1 AND a."status"::text = $2 AND ($3::text[] IS NULL OR a."kind"::text = ANY($3::text[]))
         AND ($4::text[] IS NULL OR a."severity"::text = ANY($4::text[])) AND ($5::bigint IS NULL OR a."variantId" = $5)
         AND ($6::text[] IS NULL OR COALESCE(a."locationId"::text, 'all') = ANY($6::text[]))
         AND ($7::text IS NULL OR EXISTS (
           SELECT 1 FROM "Variant" sv JOIN "Product" sp ON sp."shopId" = sv."shopId" AND sp."id" = sv."productId"
           WHERE sv."shopId" = a."shopId" AND sv."id" = a."variantId" AND (sp."title" ILIKE $7 OR sv."sku" ILIKE $7 OR sv."title" ILIKE $7)))
         AND ($8::boolean IS NULL OR ${SET_ASIDE} = $8)
         AND ($9::float8 IS NULL OR a."valueAtRisk" IS NULL OR a."valueAtRisk" >= $9)`,
    params: [
      filters.status,
      filters.kinds?.length ? filters.kinds : null,
      filters.severities?.length ? filters.severities : null,
      filters.variantId ?? null,
      locations,
      search,
      filters.status === "OPEN" ? (filters.setAside ?? false) : null,
      filters.status === "OPEN" && filters.minValue ? filters.minValue : null,
    ],
  };
}

/** The group an alert falls in (aliases: a Alert, v Variant, p Product, su Supplier of its stock plan). */
const GROUP_KEY: Record<AlertGrouping, string> = {
  product: `COALESCE(p."title", 'Deleted product')`,
  supplier: `COALESCE(su."name", NULLIF(p."vendor", ''), 'No supplier')`,
};

export async function listAlerts(shopId: number, filters: AlertFilters): Promise<AlertRow[]> {
  const where = matching(filters);
  const within = filters.status !== "OPEN" ? `a."resolvedAt" DESC, a."id"` : filters.orderBy === "value" ? `a."valueAtRisk" DESC NULLS LAST, ${SEVERITY_ORDER}, a."id"` : `${SEVERITY_ORDER}, a."valueAtRisk" DESC NULLS LAST, a."id"`;
  const group = filters.status === "OPEN" && filters.group ? GROUP_KEY[filters.group] : null;
  // Grouped, the groups with most money at risk come first, each group's alerts together.
  const order = group ? `a."groupValue" DESC NULLS LAST, a."groupName", ${within}` : within;
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    // The page of alerts is chosen first and only its rows are joined to their names: an open
    // list can hold every variant of a large shop.
    `WITH page AS (
       ${
         group
           ? `SELECT * FROM (
                SELECT a.*, ${group} AS "groupName", SUM(a."valueAtRisk") OVER (PARTITION BY ${group}) AS "groupValue"
                FROM "Alert" a
                LEFT JOIN "Variant" v ON v."shopId" = a."shopId" AND v."id" = a."variantId"
                LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
                LEFT JOIN "Shop" sh ON sh."id" = a."shopId"
                LEFT JOIN "StockPlan" st ON st."shopId" = a."shopId" AND st."planRunId" = sh."activePlanRunId" AND st."variantId" = a."variantId" AND st."locationId" = a."locationId"
                LEFT JOIN "Supplier" su ON su."shopId" = a."shopId" AND su."id" = st."supplierId"
                WHERE ${where.sql}
              ) a`
           : `SELECT a.*, NULL::text AS "groupName", NULL::numeric AS "groupValue" FROM "Alert" a WHERE ${where.sql}`
       }
       ORDER BY ${order}
       LIMIT $10 OFFSET $11
     )
     SELECT a."id", a."kind", a."severity", a."status", a."reason", a."valueAtRisk"::float8 AS "valueAtRisk", a."firstSeenAt", a."lastSeenAt", a."resolvedAt", a."flowTriggeredAt", a."snoozedUntil", a."dismissedAt", a."dismissReason",
            a."variantId"::text AS "variantId", a."promotionId", COALESCE(p."title", 'Deleted product') AS "productTitle", COALESCE(v."title", '') AS "variantTitle", v."sku",
            CASE WHEN a."locationId" IS NULL THEN 'All locations' ELSE COALESCE(l."name", '') END AS "locationName",
            a."groupName", a."groupValue"::float8 AS "groupValue"
     FROM page a
     LEFT JOIN "Variant" v ON v."shopId" = a."shopId" AND v."id" = a."variantId"
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     LEFT JOIN "Location" l ON l."shopId" = a."shopId" AND l."id" = a."locationId"
     ORDER BY ${order}`,
    shopId,
    ...where.params,
    filters.limit ?? 500,
    filters.offset ?? 0,
  );
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
  return rows.map(
    (r) =>
      ({
        ...r,
        firstSeenAt: iso(r.firstSeenAt),
        lastSeenAt: iso(r.lastSeenAt),
        resolvedAt: iso(r.resolvedAt),
        flowTriggeredAt: iso(r.flowTriggeredAt),
        snoozedUntil: iso(r.snoozedUntil),
        dismissedAt: iso(r.dismissedAt),
      }) as unknown as AlertRow,
  );
}

/** Open alerts the threshold leaves out: how many, and their money at risk in all. */
export async function countSmallAlerts(shopId: number, filters: Omit<AlertFilters, "limit" | "offset" | "minValue">, below: number): Promise<{ count: number; value: number }> {
  const where = matching({ ...filters, minValue: null });
  const rows = await prisma.$queryRawUnsafe<{ count: number; value: number }[]>(
    `SELECT count(*)::int AS "count", COALESCE(sum(a."valueAtRisk"), 0)::float8 AS "value" FROM "Alert" a WHERE ${where.sql} AND a."valueAtRisk" < $10`,
    shopId,
    ...where.params,
    below,
  );
  return rows[0] ?? { count: 0, value: 0 };
}

/** How many alerts the filters match, for the pager's "1–50 of 303". */
export async function countAlerts(shopId: number, filters: Omit<AlertFilters, "limit" | "offset">): Promise<number> {
  const where = matching(filters);
  const rows = await prisma.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS "count" FROM "Alert" a WHERE ${where.sql}`, shopId, ...where.params);
  return rows[0]?.count ?? 0;
}

/** The locations the shop's open alerts are at, with their names, for the location filter. */
export async function openAlertLocations(shopId: number): Promise<{ id: string; name: string }[]> {
  return prisma.$queryRaw<{ id: string; name: string }[]>`
    SELECT DISTINCT COALESCE(a."locationId"::text, 'all') AS "id", CASE WHEN a."locationId" IS NULL THEN 'All locations' ELSE COALESCE(l."name", '') END AS "name"
    FROM "Alert" a LEFT JOIN "Location" l ON l."shopId" = a."shopId" AND l."id" = a."locationId"
    WHERE a."shopId" = ${shopId} AND a."status" = 'OPEN'
    ORDER BY 2`;
}

/** Open alerts by kind, leaving out those set aside (the same filter as the list): what the tabs, the board and the filters count. */
export async function countOpenAlerts(shopId: number): Promise<Record<AlertKind, number>> {
  const where = matching({ status: "OPEN" });
  const groups = await prisma.$queryRawUnsafe<{ kind: AlertKind; count: number }[]>(`SELECT a."kind"::text AS "kind", count(*)::int AS "count" FROM "Alert" a WHERE ${where.sql} GROUP BY 1`, shopId, ...where.params);
  const counts = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, 0])) as Record<AlertKind, number>;
  for (const g of groups) counts[g.kind] = g.count;
  return counts;
}

export type SetAside = { kind: "snooze"; until: Date } | { kind: "dismiss"; reason: string } | { kind: "restore" };

/** Sets the shop's open alerts among `ids` aside (or back); returns the ids changed. Another shop's ids change nothing. */
export async function setAlertsAside(db: Prisma.TransactionClient, shopId: number, ids: readonly number[], change: SetAside, actor: string): Promise<number[]> {
  const data =
    change.kind === "snooze"
      ? { snoozedUntil: change.until, dismissedAt: null, dismissReason: null, setAsideBy: actor }
      : change.kind === "dismiss"
        ? { dismissedAt: new Date(), dismissReason: change.reason, snoozedUntil: null, setAsideBy: actor }
        : { snoozedUntil: null, dismissedAt: null, dismissReason: null, setAsideBy: null };
  const rows = await db.alert.findMany({ where: { shopId, id: { in: [...ids] }, status: "OPEN" }, select: { id: true } });
  await db.alert.updateMany({ where: { shopId, id: { in: rows.map((r) => r.id) } }, data });
  return rows.map((r) => r.id);
}
