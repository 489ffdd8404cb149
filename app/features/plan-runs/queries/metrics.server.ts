/**
 * The board's headline metrics, recorded per week by each full plan run inside its commit:
 * the stock figures of the plan's week (weeks of supply as the engine pooled it from the run's
 * stock plans and forecasts), the recent weeks' sales figures (sold, fill rate), and
 * forecast accuracy of the weeks that closed since (stored forecasts against what then sold).
 * A week's row is merged key by key, so later runs refine it. Scoped by shopId.
 */
import type pg from "pg";
import type { ShopMetrics, WeekSalesFigures } from "~/engine/plan/shop-metrics";

async function stockFigures(client: pg.PoolClient, shopId: number, runId: number): Promise<Required<Pick<ShopMetrics, "inventoryValue" | "unpricedPairs">> & { onHand: number }> {
  const { rows } = await client.query<{ value: number; unpriced: number; onHand: number }>(
    `SELECT COALESCE(SUM(GREATEST(s."available", 0) * s."unitCost"), 0)::float8 AS "value",
            COUNT(*) FILTER (WHERE s."unitCost" IS NULL AND s."available" > 0)::int AS "unpriced",
            COALESCE(SUM(GREATEST(s."onHand", 0)), 0)::float8 AS "onHand"
     FROM "StockPlan" s
     WHERE s."shopId" = $1 AND s."planRunId" = $2`,
    [shopId, runId],
  );
  const row = rows[0]!;
  return { inventoryValue: row.value, unpricedPairs: row.unpriced, onHand: row.onHand };
}

async function alertFigures(client: pg.PoolClient, shopId: number): Promise<Required<Pick<ShopMetrics, "atRiskVariants" | "revenueAtRisk" | "overstockValue" | "deadStockValue">>> {
  const { rows } = await client.query<{ atRisk: number; revenue: number; overstock: number; dead: number }>(
    `SELECT COUNT(DISTINCT "variantId") FILTER (WHERE "kind" = 'STOCKOUT_RISK')::int AS "atRisk",
            COALESCE(SUM("valueAtRisk") FILTER (WHERE "kind" = 'STOCKOUT_RISK'), 0)::float8 AS "revenue",
            COALESCE(SUM("valueAtRisk") FILTER (WHERE "kind" = 'OVERSTOCK'), 0)::float8 AS "overstock",
            COALESCE(SUM("valueAtRisk") FILTER (WHERE "kind" = 'DEAD_STOCK'), 0)::float8 AS "dead"
     FROM "Alert" WHERE "shopId" = $1 AND "status" = 'OPEN'`,
    [shopId],
  );
  const row = rows[0]!;
  return { atRiskVariants: row.atRisk, revenueAtRisk: row.revenue, overstockValue: row.overstock, deadStockValue: row.dead };
}

/** Cost of the units sold over the last year, at today's unit costs: turnover's numerator. */
async function costOfGoodsSold(client: pg.PoolClient, shopId: number, asOf: string): Promise<number> {
  const { rows } = await client.query<{ cogs: number }>(
    `SELECT COALESCE(SUM(d."units" * v."unitCost"), 0)::float8 AS "cogs"
     FROM "DailyDemand" d JOIN "Variant" v ON v."shopId" = d."shopId" AND v."id" = d."variantId"
     WHERE d."shopId" = $1 AND d."day" >= $2::date - 364 AND d."day" < $2::date AND v."unitCost" IS NOT NULL`,
    [shopId, asOf],
  );
  return rows[0]?.cogs ?? 0;
}

/** WAPE and bias per closed week: the forecast that stood before each week against what sold in it. */
async function accuracyByWeek(client: pg.PoolClient, shopId: number, currentWeek: string, weeks: number): Promise<Map<string, { wape: number | null; bias: number | null }>> {
  const { rows } = await client.query<{ weekStart: string; error: number; actual: number; signed: number }>(
    `WITH actual AS (
       SELECT d."variantId", d."locationId", date_trunc('week', d."day")::date AS "weekStart", SUM(d."units") AS "units"
       -- Days are the shop's own calendar; date_trunc('week') starts weeks on Monday, as forecasts do.
     FROM "DailyDemand" d WHERE d."shopId" = $1 AND d."day" >= $2::date - 7 * $3 AND d."day" < $2::date
       GROUP BY 1, 2, 3
     )
     SELECT to_char(s."weekStart", 'YYYY-MM-DD') AS "weekStart",
            SUM(ABS(COALESCE(a."units", 0) - s."mean"))::float8 AS "error",
            SUM(COALESCE(a."units", 0))::float8 AS "actual",
            SUM(s."mean" - COALESCE(a."units", 0))::float8 AS "signed"
     FROM "ForecastSnapshot" s
     LEFT JOIN actual a ON a."variantId" = s."variantId" AND a."locationId" = s."locationId" AND a."weekStart" = s."weekStart"
     WHERE s."shopId" = $1 AND s."weekStart" >= $2::date - 7 * $3 AND s."weekStart" < $2::date
     GROUP BY s."weekStart"`,
    [shopId, currentWeek, weeks],
  );
  return new Map(rows.map((r) => [r.weekStart, { wape: r.actual > 0 ? r.error / r.actual : null, bias: r.actual > 0 ? r.signed / r.actual : null }]));
}

async function mergeWeek(client: pg.PoolClient, shopId: number, weekStart: string, metrics: ShopMetrics): Promise<void> {
  await client.query(
    `INSERT INTO "ShopMetricsWeek" ("shopId", "weekStart", "metrics", "updatedAt") VALUES ($1, $2::date, $3::jsonb, now())
     ON CONFLICT ("shopId", "weekStart") DO UPDATE SET "metrics" = "ShopMetricsWeek"."metrics" || EXCLUDED."metrics", "updatedAt" = now()`,
    [shopId, weekStart, JSON.stringify(metrics)],
  );
}

export async function recordPlanMetrics(
  client: pg.PoolClient,
  shopId: number,
  runId: number,
  plan: { asOf: string; currentWeek: string; recentSales: readonly WeekSalesFigures[]; weeksOfSupply: number | null },
): Promise<ShopMetrics> {
  const stock = await stockFigures(client, shopId, runId);
  const alerts = await alertFigures(client, shopId);
  const cogs = await costOfGoodsSold(client, shopId, plan.asOf);
  const lastFour = plan.recentSales.slice(-4);
  const soldFour = lastFour.reduce((a, w) => a + w.sold, 0);
  const accuracy = await accuracyByWeek(client, shopId, plan.currentWeek, 12);
  for (const week of plan.recentSales) {
    await mergeWeek(client, shopId, week.weekStart, {
      unitsSold: week.sold,
      fillRate: week.demand > 0 ? week.sold / week.demand : null,
      ...(accuracy.get(week.weekStart) ?? {}),
    });
  }
  const current: ShopMetrics = {
    ...stock,
    weeksOfSupply: plan.weeksOfSupply,
    ...alerts,
    sellThrough: soldFour + stock.onHand > 0 ? soldFour / (soldFour + stock.onHand) : null,
    turnover: stock.inventoryValue > 0 ? cogs / stock.inventoryValue : null,
  };
  delete (current as { onHand?: number }).onHand;
  await mergeWeek(client, shopId, plan.currentWeek, current);
  return current;
}
