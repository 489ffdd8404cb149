/**
 * The board's time-phased grid, read from the active run: demand (forecast, with planned
 * promotions), supply (inbound) and projected stock per week, rolled up by product type,
 * vendor, collection or location, and the variant-locations inside one group. The past weeks'
 * actual sales come from daily demand. Set-based SQL over the run's arrays, scoped by shopId.
 */
import prisma from "~/platform/db.server";

export type RollUp = "productType" | "vendor" | "collection" | "location";

export const ROLL_UPS: readonly RollUp[] = ["productType", "vendor", "collection", "location"];

/** The grouping key of a pair (aliases: s StockPlan, p Product, l Location); a product in several collections counts in each. */
const KEY_SQL: Record<RollUp, string> = {
  productType: `COALESCE(NULLIF(p."productType", ''), 'No product type')`,
  vendor: `COALESCE(NULLIF(p."vendor", ''), 'No vendor')`,
  collection: `unnest(CASE WHEN cardinality(p."collections") > 0 THEN p."collections" ELSE ARRAY['No collection'] END)`,
  location: `COALESCE(l."name", 'Unknown location')`,
};

export interface GridRow {
  key: string;
  pairs: number;
  variants: number;
  available: number;
  valueAtCost: number;
  atRisk: number;
  /** Per future week, from the plan's first week. */
  demand: number[];
  inbound: number[];
  projected: number[];
  /** Per past week, oldest first: units sold. */
  sold: number[];
}

const PAIRS_SQL = (key: string, extraColumns = "") => `
  SELECT s."variantId", s."locationId", ${key} AS "key"${extraColumns}, s."available", s."unitCost", s."projectedStockoutDate", s."weeksOfSupply",
         s."projected", s."inboundByWeek", f."mean", f."promoUnits"
  FROM "StockPlan" s
  JOIN "Forecast" f ON f."shopId" = s."shopId" AND f."planRunId" = s."planRunId" AND f."variantId" = s."variantId" AND f."locationId" = s."locationId"
  LEFT JOIN "Variant" v ON v."shopId" = s."shopId" AND v."id" = s."variantId"
  LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
  LEFT JOIN "Location" l ON l."shopId" = s."shopId" AND l."id" = s."locationId"
  WHERE s."shopId" = $1 AND s."planRunId" = $2`;

/**
 * One pass over the run's pairs per roll-up: each week's sums are array subscripts, not an
 * unnest, so the work is one row per pair (an unnest made 12 rows of each and sorted them).
 */
export async function gridByGroup(shopId: number, runId: number, rollUp: RollUp, plan: { asOf: string; weeks: number; pastWeeks: number; riskDays: number }): Promise<GridRow[]> {
  const key = KEY_SQL[rollUp];
  const weeks = Array.from({ length: Math.max(0, Math.min(104, Math.trunc(plan.weeks))) }, (_, w) => w + 1);
  const weekly = (column: string) => `ARRAY[${weeks.map((w) => `COALESCE(SUM(${column}[${w}]), 0)`).join(", ")}]::float8[]`;
  const summary = (pairs: string, group: string) => `
       SELECT ${group}, COUNT(*)::int AS "pairs", COUNT(DISTINCT "variantId")::int AS "variants", SUM(GREATEST("available", 0))::float8 AS "available",
              COALESCE(SUM(GREATEST("available", 0) * "unitCost"), 0)::float8 AS "value",
              COUNT(*) FILTER (WHERE "projectedStockoutDate" <= $3::date + $4::int)::int AS "atRisk",
              ${weeks.length ? weekly(`"mean"`) : "ARRAY[]::float8[]"} AS "demand", ${weeks.length ? weekly(`"promoUnits"`) : "ARRAY[]::float8[]"} AS "promo",
              ${weeks.length ? weekly(`"inboundByWeek"`) : "ARRAY[]::float8[]"} AS "inbound", ${weeks.length ? weekly(`"projected"`) : "ARRAY[]::float8[]"} AS "projected"
       FROM ${pairs} GROUP BY ${group}`;
  const regroup = (column: string) => `ARRAY[${weeks.map((w) => `SUM(${column}[${w}])`).join(", ")}]::float8[]`;
  // A product sits in several collections: its pairs are summed once per product, then those
  // sums once per collection (unnesting every pair's collections did the weekly sums several times over).
  const sql =
    rollUp === "collection"
      ? `WITH pairs AS (${PAIRS_SQL(`p."id"`, `, p."collections"`)}),
              products AS (${summary("pairs", `"key", "collections"`)})
         SELECT unnest(CASE WHEN cardinality("collections") > 0 THEN "collections" ELSE ARRAY['No collection'] END) AS "key",
                SUM("pairs")::int AS "pairs", SUM("variants")::int AS "variants", SUM("available")::float8 AS "available", SUM("value")::float8 AS "value",
                SUM("atRisk")::int AS "atRisk",
                ${weeks.length ? regroup(`"demand"`) : "ARRAY[]::float8[]"} AS "demand", ${weeks.length ? regroup(`"promo"`) : "ARRAY[]::float8[]"} AS "promo",
                ${weeks.length ? regroup(`"inbound"`) : "ARRAY[]::float8[]"} AS "inbound", ${weeks.length ? regroup(`"projected"`) : "ARRAY[]::float8[]"} AS "projected"
         FROM products GROUP BY 1`
      : `WITH pairs AS (${PAIRS_SQL(key)}) ${summary("pairs", `"key"`)}`;
  const [summaries, past] = await Promise.all([
    prisma.$queryRawUnsafe<{ key: string; pairs: number; variants: number; available: number; value: number; atRisk: number; demand: number[]; promo: number[]; inbound: number[]; projected: number[] }[]>(
      sql,
      shopId,
      runId,
      plan.asOf,
      plan.riskDays,
    ),
    pastSales(shopId, rollUp, plan.asOf, plan.pastWeeks),
  ]);
  const rows = new Map<string, GridRow>();
  for (const s of summaries) {
    rows.set(s.key, {
      key: s.key,
      pairs: s.pairs,
      variants: s.variants,
      available: s.available,
      valueAtCost: s.value,
      atRisk: s.atRisk,
      demand: s.demand.map((m, w) => m + (s.promo[w] ?? 0)),
      inbound: s.inbound,
      projected: s.projected,
      sold: Array(plan.pastWeeks).fill(0),
    });
  }
  for (const p of past) {
    const row = rows.get(p.key);
    if (row && p.week >= 0 && p.week < plan.pastWeeks) row.sold[p.week] = p.units;
  }
  return [...rows.values()].sort((a, b) => b.demand.reduce((x, y) => x + y, 0) - a.demand.reduce((x, y) => x + y, 0));
}

/** Units sold per group and past week (0 = oldest of `weeks` before the plan's week). Unknown-location sales count where online orders ship from. */
async function pastSales(shopId: number, rollUp: RollUp, asOf: string, weeks: number): Promise<{ key: string; week: number; units: number }[]> {
  const key = KEY_SQL[rollUp];
  return prisma.$queryRawUnsafe(
    `WITH primary_location AS (
       SELECT "id" FROM "Location" WHERE "shopId" = $1 AND "deletedAt" IS NULL ORDER BY "fulfillsOnlineOrders" DESC, "id" LIMIT 1
     ), days AS (
       SELECT d."variantId", CASE WHEN d."locationId" = 0 THEN (SELECT "id" FROM primary_location) ELSE d."locationId" END AS "locationId", d."day", d."units"
       FROM "DailyDemand" d
       WHERE d."shopId" = $1 AND d."day" >= date_trunc('week', $2::date)::date - 7 * $3 AND d."day" < date_trunc('week', $2::date)::date
     )
     ${
       rollUp === "collection"
         ? // Summed per product first, then per collection: a product in several collections is unnested once, not once per sale.
           `, by_product AS (
              SELECT p."collections", ((d."day" - (date_trunc('week', $2::date)::date - 7 * $3)) / 7)::int AS "week", SUM(d."units") AS "units"
              FROM days d
              LEFT JOIN "Variant" v ON v."shopId" = $1 AND v."id" = d."variantId"
              LEFT JOIN "Product" p ON p."shopId" = $1 AND p."id" = v."productId"
              GROUP BY p."id", p."collections", 2
            )
            SELECT unnest(CASE WHEN cardinality("collections") > 0 THEN "collections" ELSE ARRAY['No collection'] END) AS "key", "week", SUM("units")::float8 AS "units"
            FROM by_product GROUP BY 1, 2`
         : `SELECT ${key} AS "key", ((d."day" - (date_trunc('week', $2::date)::date - 7 * $3)) / 7)::int AS "week", SUM(d."units")::float8 AS "units"
            FROM days d
            LEFT JOIN "Variant" v ON v."shopId" = $1 AND v."id" = d."variantId"
            LEFT JOIN "Product" p ON p."shopId" = $1 AND p."id" = v."productId"
            LEFT JOIN "Location" l ON l."shopId" = $1 AND l."id" = d."locationId"
            GROUP BY 1, 2`
     }`,
    shopId,
    asOf,
    weeks,
  );
}

export interface GroupPairRow {
  variantId: string;
  locationId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  locationName: string;
  available: number;
  weeksOfSupply: number | null;
  stockoutDate: string | null;
  demand: number[];
  inbound: number[];
  projected: number[];
  /** Per past week, oldest first: units sold (as the group rows count them). */
  sold: number[];
}

/**
 * The variant-locations of one group, soonest stockout first, a page at a time. The group and its
 * order are found on the narrow columns; only the page's rows are joined to their weekly arrays.
 */
export async function pairsInGroup(
  shopId: number,
  runId: number,
  rollUp: RollUp,
  groupKey: string,
  page: { weeks: number; limit: number; offset: number; asOf: string; pastWeeks: number },
): Promise<{ rows: GroupPairRow[]; total: number }> {
  const key = KEY_SQL[rollUp];
  const order = (t: string) => `${t}."projectedStockoutDate" ASC NULLS LAST, ${t}."weeksOfSupply" ASC NULLS LAST, ${t}."variantId", ${t}."locationId"`;
  const rows = await prisma.$queryRawUnsafe<(Omit<GroupPairRow, "demand"> & { mean: number[]; promoUnits: number[] | null; total: number })[]>(
    `WITH primary_location AS (
       SELECT "id" FROM "Location" WHERE "shopId" = $1 AND "deletedAt" IS NULL ORDER BY "fulfillsOnlineOrders" DESC, "id" LIMIT 1
     ), keyed AS (
       SELECT s."variantId", s."locationId", ${key} AS "key", s."projectedStockoutDate", s."weeksOfSupply"
       FROM "StockPlan" s
       JOIN "Forecast" f ON f."shopId" = s."shopId" AND f."planRunId" = s."planRunId" AND f."variantId" = s."variantId" AND f."locationId" = s."locationId"
       LEFT JOIN "Variant" v ON v."shopId" = s."shopId" AND v."id" = s."variantId"
       LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
       LEFT JOIN "Location" l ON l."shopId" = s."shopId" AND l."id" = s."locationId"
       WHERE s."shopId" = $1 AND s."planRunId" = $2
     ), page AS (
       SELECT k.*, COUNT(*) OVER ()::int AS "total" FROM keyed k WHERE k."key" = $3 ORDER BY ${order("k")} LIMIT $5 OFFSET $6
     )
     SELECT s."variantId"::text AS "variantId", s."locationId"::text AS "locationId", COALESCE(p."title", '') AS "productTitle", COALESCE(v."title", '') AS "variantTitle", v."sku",
            COALESCE(l."name", '') AS "locationName", s."available", s."weeksOfSupply", to_char(s."projectedStockoutDate", 'YYYY-MM-DD') AS "stockoutDate",
            f."mean"[1:$4] AS "mean", f."promoUnits"[1:$4] AS "promoUnits", s."inboundByWeek"[1:$4] AS "inbound", s."projected"[1:$4] AS "projected", page."total",
            -- Past weeks' sales on the primary key, a handful of rows per pair; sales with no location count where online orders ship from, as in pastSales.
            ARRAY(
              SELECT COALESCE(SUM(d."units"), 0)::float8
              FROM generate_series(0, $8::int - 1) AS w
              LEFT JOIN "DailyDemand" d ON d."shopId" = $1 AND d."variantId" = page."variantId"
                AND (d."locationId" = page."locationId" OR (d."locationId" = 0 AND page."locationId" = (SELECT "id" FROM primary_location)))
                AND d."day" >= date_trunc('week', $7::date)::date - 7 * ($8 - w) AND d."day" < date_trunc('week', $7::date)::date - 7 * ($8 - w - 1)
              GROUP BY w ORDER BY w
            ) AS "sold"
     FROM page
     JOIN "StockPlan" s ON s."shopId" = $1 AND s."planRunId" = $2 AND s."variantId" = page."variantId" AND s."locationId" = page."locationId"
     JOIN "Forecast" f ON f."shopId" = $1 AND f."planRunId" = $2 AND f."variantId" = page."variantId" AND f."locationId" = page."locationId"
     LEFT JOIN "Variant" v ON v."shopId" = $1 AND v."id" = s."variantId"
     LEFT JOIN "Product" p ON p."shopId" = $1 AND p."id" = v."productId"
     LEFT JOIN "Location" l ON l."shopId" = $1 AND l."id" = s."locationId"
     ORDER BY ${order("page")}`,
    shopId,
    runId,
    groupKey,
    page.weeks,
    page.limit,
    page.offset,
    page.asOf,
    page.pastWeeks,
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map(({ mean, promoUnits, total: _total, ...row }) => ({ ...row, demand: mean.map((m, i) => m + (promoUnits?.[i] ?? 0)) })),
  };
}
