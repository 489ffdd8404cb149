/**
 * What an incremental re-plan reads back from the active run: each pair's stored forecast
 * (enough to plan without forecasting) and its class, and the open-to-buy already taken by
 * live lines it does not touch. Scoped by shopId.
 */
import type { DemandDistribution } from "~/engine/forecast";
import { pgPool } from "~/platform/pg-pool.server";

export interface StoredForecast {
  variantId: string;
  locationId: string;
  firstWeek: string;
  mean: number[];
  promoUnits: number[];
  weekdayIndex: number[];
  distribution: DemandDistribution;
}

export async function loadStoredForecasts(shopId: number, runId: number, variantIds: readonly string[]): Promise<StoredForecast[]> {
  const result = await pgPool().query<StoredForecast>(
    `SELECT "variantId"::text AS "variantId", "locationId"::text AS "locationId", to_char("firstWeek", 'YYYY-MM-DD') AS "firstWeek",
            "mean", COALESCE("promoUnits", '{}') AS "promoUnits", COALESCE("weekdayIndex", '{}') AS "weekdayIndex", "distribution"
     FROM "Forecast" WHERE "shopId" = $1 AND "planRunId" = $2 AND "variantId" = ANY($3::bigint[])`,
    [shopId, runId, [...variantIds]],
  );
  return result.rows;
}

/** "variantId:locationId" -> ABC class of the pair in the active run. */
export async function loadStoredClasses(shopId: number, runId: number, variantIds: readonly string[]): Promise<Map<string, string>> {
  const result = await pgPool().query<{ key: string; abcClass: string }>(
    `SELECT "variantId"::text || ':' || "locationId"::text AS "key", "abcClass" FROM "StockPlan"
     WHERE "shopId" = $1 AND "planRunId" = $2 AND "variantId" = ANY($3::bigint[])`,
    [shopId, runId, [...variantIds]],
  );
  return new Map(result.rows.map((r) => [r.key, r.abcClass]));
}

/** Cost of live, uncut lines per order-by month, leaving out these variants (they are being re-planned). */
export async function loadBudgetUsed(shopId: number, excludeVariantIds: readonly string[]): Promise<Record<string, number>> {
  const result = await pgPool().query<{ month: string; cost: number }>(
    `SELECT to_char("orderByDate", 'YYYY-MM') AS "month", SUM("quantity" * "unitCost")::float8 AS "cost" FROM "ReorderProposal"
     WHERE "shopId" = $1 AND "status" IN ('PROPOSED', 'APPROVED') AND NOT "budgetCut" AND "unitCost" IS NOT NULL
       AND NOT ("variantId" = ANY($2::bigint[]))
     GROUP BY 1`,
    [shopId, [...excludeVariantIds]],
  );
  return Object.fromEntries(result.rows.map((r) => [r.month, r.cost]));
}
