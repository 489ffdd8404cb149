/**
 * What a plan run reads: the live catalogue, locations, stock, daily demand, stockouts, open
 * purchase orders and the last sale per variant and location. Set-based reads through `pg`
 * (a nightly run reads hundreds of thousands of demand rows); ids stay decimal strings, as the
 * planning core takes them. Every query is scoped to the shop; `variantIds` narrows a read to
 * the variants an incremental run re-plans.
 */
import type { DemandDay, OpenOrderUnits, PlanningLevel, PlanningLocation, PlanningVariant, StockoutSpan } from "~/engine/plan/inputs";
import { pgPool } from "~/platform/pg-pool.server";

export type { DemandDay, OpenOrderUnits, PlanningLevel, PlanningLocation, PlanningVariant, StockoutSpan };

const variantFilter = (param: string) => `AND ($${param}::bigint[] IS NULL OR v."id" = ANY($${param}::bigint[]))`;
const ids = (variantIds?: readonly string[]) => (variantIds ? [...variantIds] : null);

export async function loadPlanningVariants(shopId: number, timezone: string, variantIds?: readonly string[]): Promise<PlanningVariant[]> {
  const result = await pgPool().query<PlanningVariant>(
    `SELECT v."id"::text AS "variantId", v."productId"::text AS "productId", COALESCE(p."title", '') AS "productTitle", v."title" AS "variantTitle",
            v."sku", p."vendor", p."productType", v."price"::float8 AS "price", v."unitCost"::float8 AS "unitCost",
            to_char((v."shopifyCreatedAt" AT TIME ZONE 'UTC') AT TIME ZONE $2, 'YYYY-MM-DD') AS "createdOn"
     FROM "Variant" v
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     WHERE v."shopId" = $1 AND v."deletedAt" IS NULL AND v."tracked" AND (p."id" IS NULL OR (p."deletedAt" IS NULL AND p."status" <> 'ARCHIVED'))
       ${variantFilter("3")}
     ORDER BY v."id"`,
    [shopId, timezone, ids(variantIds)],
  );
  return result.rows;
}

export async function loadPlanningLocations(shopId: number): Promise<PlanningLocation[]> {
  const result = await pgPool().query<PlanningLocation>(
    `SELECT "id"::text AS "id", "name", "fulfillsOnlineOrders" FROM "Location"
     WHERE "shopId" = $1 AND "deletedAt" IS NULL AND "isActive" ORDER BY "fulfillsOnlineOrders" DESC, "id"`,
    [shopId],
  );
  return result.rows;
}

export async function loadPlanningLevels(shopId: number, variantIds?: readonly string[]): Promise<PlanningLevel[]> {
  const result = await pgPool().query<PlanningLevel>(
    `SELECT l."variantId"::text AS "variantId", l."locationId"::text AS "locationId", l."available", l."onHand", l."incoming"
     FROM "InventoryLevel" l JOIN "Variant" v ON v."shopId" = l."shopId" AND v."id" = l."variantId"
     WHERE l."shopId" = $1 AND l."variantId" IS NOT NULL ${variantFilter("2")}`,
    [shopId, ids(variantIds)],
  );
  return result.rows;
}

/** Daily demand from `fromDay` on, ordered by variant, location and day; optionally only some locations. */
export async function loadDemandDays(shopId: number, fromDay: string, variantIds?: readonly string[], locationIds?: readonly string[]): Promise<DemandDay[]> {
  const result = await pgPool().query({
    text: `SELECT d."variantId"::text, d."locationId"::text, to_char(d."day", 'YYYY-MM-DD'), d."units", d."discountedUnits", d."revenue"::float8
           FROM "DailyDemand" d WHERE d."shopId" = $1 AND d."day" >= $2::date
             AND ($3::bigint[] IS NULL OR d."variantId" = ANY($3::bigint[]))
             AND ($4::bigint[] IS NULL OR d."locationId" = ANY($4::bigint[]))
           ORDER BY 1, 2, 3`,
    values: [shopId, fromDay, ids(variantIds), locationIds ? [...locationIds] : null],
    rowMode: "array",
  });
  // Arrays, not objects, from the driver: a shop's two years of demand is a lot of rows.
  return (result.rows as [string, string, string, number, number, number][]).map(([variantId, locationId, date, units, discountedUnits, revenue]) => ({
    variantId,
    locationId,
    date,
    units,
    discountedUnits,
    revenue,
  }));
}

export async function loadStockoutSpans(shopId: number, variantIds?: readonly string[], locationIds?: readonly string[]): Promise<StockoutSpan[]> {
  const result = await pgPool().query<StockoutSpan>(
    `SELECT "variantId"::text AS "variantId", "locationId"::text AS "locationId", to_char("startedOn", 'YYYY-MM-DD') AS "from", to_char("endedOn", 'YYYY-MM-DD') AS "to"
     FROM "StockoutPeriod" WHERE "shopId" = $1 AND ($2::bigint[] IS NULL OR "variantId" = ANY($2::bigint[]))
       AND ($3::bigint[] IS NULL OR "locationId" = ANY($3::bigint[]))`,
    [shopId, ids(variantIds), locationIds ? [...locationIds] : null],
  );
  return result.rows;
}

/** Units still to come on the shop's open purchase orders (draft, sent, partly received). */
export async function loadOpenOrderUnits(shopId: number, variantIds?: readonly string[]): Promise<OpenOrderUnits[]> {
  const result = await pgPool().query<OpenOrderUnits>(
    `SELECT l."variantId"::text AS "variantId", o."locationId"::text AS "locationId", (l."quantityOrdered" - l."quantityReceived") AS "units",
            to_char(o."expectedAt", 'YYYY-MM-DD') AS "expectedDate", 'PO-' || o."number" AS "label"
     FROM "PurchaseOrderLine" l JOIN "PurchaseOrder" o ON o."id" = l."purchaseOrderId" AND o."shopId" = l."shopId"
     WHERE l."shopId" = $1 AND o."status" IN ('DRAFT', 'SENT', 'PARTIALLY_RECEIVED') AND l."quantityOrdered" > l."quantityReceived"
       AND ($2::bigint[] IS NULL OR l."variantId" = ANY($2::bigint[]))`,
    [shopId, ids(variantIds)],
  );
  return result.rows;
}

/** The last day each variant sold at each location, over all of its history. */
export async function loadLastSaleDays(shopId: number, variantIds?: readonly string[]): Promise<Map<string, string>> {
  const result = await pgPool().query<{ key: string; day: string }>(
    `SELECT "variantId"::text || ':' || "locationId"::text AS "key", to_char(MAX("day"), 'YYYY-MM-DD') AS "day"
     FROM "DailyDemand" WHERE "shopId" = $1 AND ($2::bigint[] IS NULL OR "variantId" = ANY($2::bigint[]))
     GROUP BY "variantId", "locationId"`,
    [shopId, ids(variantIds)],
  );
  return new Map(result.rows.map((r) => [r.key, r.day]));
}

/** Net revenue per variant (all locations) since `fromDay`: the ABC classification's input. */
export async function loadVariantRevenue(shopId: number, fromDay: string): Promise<Map<string, number>> {
  const result = await pgPool().query<{ variantId: string; revenue: number }>(
    `SELECT "variantId"::text AS "variantId", SUM("revenue")::float8 AS "revenue" FROM "DailyDemand"
     WHERE "shopId" = $1 AND "day" >= $2::date GROUP BY "variantId"`,
    [shopId, fromDay],
  );
  return new Map(result.rows.map((r) => [r.variantId, r.revenue]));
}

/** The first day the shop's demand covers: earlier days are unknown, not zero sales. */
export async function loadFirstDemandDay(shopId: number): Promise<string | undefined> {
  const result = await pgPool().query<{ day: string | null }>(`SELECT to_char(MIN("day"), 'YYYY-MM-DD') AS "day" FROM "DailyDemand" WHERE "shopId" = $1`, [shopId]);
  return result.rows[0]?.day ?? undefined;
}

export interface ForecastBaseline {
  variantId: string;
  locationId: string;
  firstWeek: string;
  mean: number[];
  weekdayIndex: number[];
}

/** A run's baseline (no-promotion) weekly forecast for some variants at every location. */
export async function loadForecastBaselines(shopId: number, runId: number, variantIds: readonly string[]): Promise<ForecastBaseline[]> {
  const result = await pgPool().query<ForecastBaseline>(
    `SELECT "variantId"::text AS "variantId", "locationId"::text AS "locationId", to_char("firstWeek", 'YYYY-MM-DD') AS "firstWeek", "mean", "weekdayIndex"
     FROM "Forecast" WHERE "shopId" = $1 AND "planRunId" = $2 AND "variantId" = ANY($3::bigint[])`,
    [shopId, runId, ids(variantIds)],
  );
  return result.rows;
}
