/**
 * DailyDemand: net units, discounted units and revenue per variant, location and
 * shop-local day, from order lines of orders that are neither cancelled nor test.
 * Sparse: only (variant, location, day) keys with net sales get a row.
 */
import type pg from "pg";
import { copyRows } from "~/platform/copy-upsert.server";
import { lockShopDemand } from "~/platform/locks.server";

/** Shop-local calendar day of a stored UTC timestamp column. */
export const localDay = (column: string, tzParam: string) => `((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${tzParam})::date`;

const NET_UNITS = `(l."quantity" - l."refundedQuantity" - l."removedQuantity")`;
const DISCOUNTED_UNITS = `(CASE WHEN l."discount" > 0 THEN ${NET_UNITS} ELSE 0 END)`;
/**
 * A line's revenue, rounded to four decimals per line (not per day's sum): a day's
 * revenue is then an exact sum, so adding and removing one order's lines (the webhooks'
 * demand deltas) lands on the same figure as a rebuild from all lines.
 */
const LINE_REVENUE = `ROUND(${NET_UNITS} * l."unitPrice" - CASE WHEN l."quantity" > 0 THEN l."discount" * ${NET_UNITS} / l."quantity" ELSE 0 END, 4)`;

function aggregateSelect(tzParam: string): string {
  return `SELECT l."shopId", l."variantId", COALESCE(o."locationId", 0) AS "locationId", ${localDay(`o."processedAt"`, tzParam)} AS "day",
       SUM(${NET_UNITS})::int AS "units",
       SUM(${DISCOUNTED_UNITS})::int AS "discountedUnits",
       SUM(${LINE_REVENUE}) AS "revenue"
     FROM "OrderLine" l
     JOIN "Order" o ON o."shopId" = l."shopId" AND o."id" = l."orderId"`;
}

/** The order side of the demand filter: what a line needs of its order to count. */
const ORDER_COUNTS = `o."cancelledAt" IS NULL AND o."deletedAt" IS NULL AND NOT o."test"`;
const DEMAND_FILTER = `${ORDER_COUNTS} AND l."variantId" IS NOT NULL`;
const INSERT_DEMAND = `INSERT INTO "DailyDemand" ("shopId", "variantId", "locationId", "day", "units", "discountedUnits", "revenue")`;

/** Rebuilds the whole shop's demand (after a backfill). */
export async function rebuildAllDemand(client: pg.PoolClient, shopId: number, timezone: string): Promise<number> {
  // Webhook deliveries for the shop wait until the rebuild commits, so none is lost in between.
  await lockShopDemand(client, shopId);
  // After a bulk load the planner's statistics are stale (it would pick a nested loop
  // over a million lines); a hash aggregate needs more than the default 4 MB.
  await client.query(`ANALYZE "Order"; ANALYZE "OrderLine"`);
  await client.query(`SET LOCAL work_mem = '256MB'`);
  await client.query(`DELETE FROM "DailyDemand" WHERE "shopId" = $1`, [shopId]);
  const result = await client.query(
    `${INSERT_DEMAND}
     ${aggregateSelect("$2")}
     WHERE l."shopId" = $1 AND ${DEMAND_FILTER}
     GROUP BY 1, 2, 3, 4 HAVING SUM(${NET_UNITS}) > 0
     -- In key order, rows append to the primary key's index instead of landing on random pages.
     ORDER BY 2, 3, 4`,
    [shopId, timezone],
  );
  return result.rowCount ?? 0;
}

export interface DemandRow {
  variantId: bigint;
  locationId: bigint;
  /** Shop-local calendar day, YYYY-MM-DD. */
  day: string;
  units: number;
  discountedUnits: number;
  /** Rounded to four decimals, as numeric(18,4) text. */
  revenue: string;
}

/**
 * Replaces the shop's demand with rows summed while a first backfill streamed its lines
 * (app/sync/streamed-demand.ts): one COPY instead of a second pass over the lines. The
 * caller holds the demand lock and has made sure no webhook changed the shop's orders meanwhile.
 */
export async function replaceAllDemand(client: pg.PoolClient, shopId: number, rows: Iterable<DemandRow>): Promise<number> {
  await lockShopDemand(client, shopId);
  await client.query(`DELETE FROM "DailyDemand" WHERE "shopId" = $1`, [shopId]);
  let count = 0;
  // Streamed, one row at a time: the shop's demand is never held twice.
  function* values() {
    for (const r of rows) {
      count++;
      yield [shopId, r.variantId, r.locationId, r.day, r.units, r.discountedUnits, r.revenue];
    }
  }
  await copyRows(client, "DailyDemand", ["shopId", "variantId", "locationId", "day", "units", "discountedUnits", "revenue"], values());
  // Later planner queries join these tables; the load left their statistics stale.
  await client.query(`ANALYZE "Order"; ANALYZE "OrderLine"; ANALYZE "DailyDemand"`);
  return count;
}

/** Whether the shop has any order, line or demand row stored: a backfill into none of them may load straight and sum demand as it goes. */
export async function shopHasOrderHistory(client: pg.PoolClient | pg.Pool, shopId: number): Promise<boolean> {
  const result = await client.query<{ stored: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Order" WHERE "shopId" = $1) OR EXISTS (SELECT 1 FROM "OrderLine" WHERE "shopId" = $1)
       OR EXISTS (SELECT 1 FROM "DailyDemand" WHERE "shopId" = $1) AS stored`,
    [shopId],
  );
  return result.rows[0]?.stored === true;
}

/**
 * Adds the demand keys the given orders' lines touch to this transaction's key set.
 * Call before and after changing the orders so keys that moved are rebuilt too.
 */
export async function collectDemandKeys(client: pg.PoolClient, shopId: number, timezone: string, orderIds: readonly bigint[]): Promise<void> {
  await lockShopDemand(client, shopId);
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS demand_keys ("variantId" bigint, "locationId" bigint, "day" date) ON COMMIT DROP`,
  );
  if (orderIds.length === 0) return;
  await client.query(
    `INSERT INTO demand_keys
     SELECT DISTINCT l."variantId", COALESCE(o."locationId", 0), ${localDay(`o."processedAt"`, "$2")}
     FROM "Order" o JOIN "OrderLine" l ON l."shopId" = o."shopId" AND l."orderId" = o."id"
     WHERE o."shopId" = $1 AND o."id" = ANY($3::bigint[]) AND l."variantId" IS NOT NULL`,
    [shopId, timezone, orderIds.map(String)],
  );
}

/** Recomputes only the collected keys: delete them, re-insert from order lines. */
export async function rebuildCollectedDemand(client: pg.PoolClient, shopId: number, timezone: string): Promise<number> {
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS demand_keys ("variantId" bigint, "locationId" bigint, "day" date) ON COMMIT DROP`,
  );
  await client.query(
    `DELETE FROM "DailyDemand" d USING (SELECT DISTINCT * FROM demand_keys) k
     WHERE d."shopId" = $1 AND d."variantId" = k."variantId" AND d."locationId" = k."locationId" AND d."day" = k."day"`,
    [shopId],
  );
  // The join order is fixed (materialised steps): the keys, the shop's orders in their window
  // (index on shopId, processedAt), those orders' lines, then the keys hashed. Left to the
  // planner, a temp table without statistics and fresh Order rows once gave a plan that ran
  // for minutes on a shop of 170 orders.
  const result = await client.query(
    `WITH keys AS MATERIALIZED (SELECT DISTINCT "variantId", "locationId", "day" FROM demand_keys),
          span AS (SELECT MIN("day") - 2 AS "first", MAX("day") + 2 AS "last" FROM keys),
          orders AS MATERIALIZED (
            SELECT o.* FROM "Order" o, span
            WHERE o."shopId" = $1 AND o."processedAt" >= span."first" AND o."processedAt" < span."last" AND ${ORDER_COUNTS}
          )
     ${INSERT_DEMAND}
     SELECT l."shopId", l."variantId", COALESCE(o."locationId", 0) AS "locationId", ${localDay(`o."processedAt"`, "$2")} AS "day",
       SUM(${NET_UNITS})::int, SUM(${DISCOUNTED_UNITS})::int, SUM(${LINE_REVENUE})
     FROM orders o
     JOIN "OrderLine" l ON l."shopId" = o."shopId" AND l."orderId" = o."id"
     JOIN keys k ON k."variantId" = l."variantId" AND k."locationId" = COALESCE(o."locationId", 0) AND k."day" = ${localDay(`o."processedAt"`, "$2")}
     WHERE l."variantId" IS NOT NULL
     GROUP BY 1, 2, 3, 4 HAVING SUM(${NET_UNITS}) > 0`,
    [shopId, timezone],
  );
  await client.query(`TRUNCATE demand_keys`);
  return result.rowCount ?? 0;
}

/** What some orders add to one demand key (variant, location, shop-local day). */
export interface DemandContribution {
  variantId: string;
  locationId: string;
  /** YYYY-MM-DD, the shop's local day. */
  day: string;
  units: number;
  discountedUnits: number;
  /** Exact decimal text. */
  revenue: string;
}

/**
 * Before changing orders (webhooks): what they add to demand now, per key, and every
 * variant their lines sell (counted or not, for re-planning). Takes the shop's demand
 * lock, so the figures cannot move under the caller until it commits.
 */
export async function orderDemandContributions(
  client: pg.PoolClient,
  shopId: number,
  timezone: string,
  orderIds: readonly bigint[],
): Promise<{ contributions: DemandContribution[]; variantIds: bigint[] }> {
  await lockShopDemand(client, shopId);
  if (orderIds.length === 0) return { contributions: [], variantIds: [] };
  const result = await client.query<DemandContribution>(
    `SELECT l."variantId"::text AS "variantId", COALESCE(o."locationId", 0)::text AS "locationId", ${localDay(`o."processedAt"`, "$2")}::text AS "day",
       COALESCE(SUM(${NET_UNITS}) FILTER (WHERE ${ORDER_COUNTS}), 0)::int AS "units",
       COALESCE(SUM(${DISCOUNTED_UNITS}) FILTER (WHERE ${ORDER_COUNTS}), 0)::int AS "discountedUnits",
       COALESCE(SUM(${LINE_REVENUE}) FILTER (WHERE ${ORDER_COUNTS}), 0)::text AS "revenue"
     FROM "Order" o JOIN "OrderLine" l ON l."shopId" = o."shopId" AND l."orderId" = o."id"
     WHERE o."shopId" = $1 AND o."id" = ANY($3::bigint[]) AND l."variantId" IS NOT NULL
     GROUP BY 1, 2, 3`,
    [shopId, timezone, orderIds.map(String)],
  );
  return { contributions: result.rows, variantIds: [...new Set(result.rows.map((r) => r.variantId))].map(BigInt) };
}

/**
 * After changing orders: moves each demand key by what the orders add now minus what
 * they added before (`before`, from orderDemandContributions on the same orders), in one
 * upsert, and drops keys left without sales. The cost follows the orders changed, not the
 * shop's history or the day's other orders. Exact because every figure is a sum of line
 * figures (revenue rounded per line) and a line never nets below zero units. Returns the
 * variants the orders' lines sell now.
 */
export async function applyOrderDemandDeltas(
  client: pg.PoolClient,
  shopId: number,
  timezone: string,
  orderIds: readonly bigint[],
  before: readonly DemandContribution[],
): Promise<bigint[]> {
  if (orderIds.length === 0) return [];
  const column = <K extends keyof DemandContribution>(key: K) => before.map((b) => b[key]);
  const result = await client.query<{ kind: "variant" | "empty"; variantId: string; locationId: string | null; day: string | null }>(
    `WITH lines AS (
       SELECT l."variantId", COALESCE(o."locationId", 0) AS "locationId", ${localDay(`o."processedAt"`, "$2")} AS "day",
         ${ORDER_COUNTS} AS "counts", ${NET_UNITS} AS "units", ${DISCOUNTED_UNITS} AS "discountedUnits", ${LINE_REVENUE} AS "revenue"
       FROM "Order" o JOIN "OrderLine" l ON l."shopId" = o."shopId" AND l."orderId" = o."id"
       WHERE o."shopId" = $1 AND o."id" = ANY($3::bigint[]) AND l."variantId" IS NOT NULL
     ),
     delta AS (
       SELECT "variantId", "locationId", "day", SUM("units")::int AS "units", SUM("discountedUnits")::int AS "discountedUnits", SUM("revenue") AS "revenue"
       FROM (
         SELECT "variantId", "locationId", "day", "units", "discountedUnits", "revenue" FROM lines WHERE "counts"
         UNION ALL
         SELECT b.v, b.loc, b.d, -b.u, -b.du, -b.r FROM unnest($4::bigint[], $5::bigint[], $6::date[], $7::int[], $8::int[], $9::numeric[]) AS b(v, loc, d, u, du, r)
       ) moves
       GROUP BY 1, 2, 3
       HAVING SUM("units") <> 0 OR SUM("discountedUnits") <> 0 OR SUM("revenue") <> 0
     ),
     written AS (
       ${INSERT_DEMAND}
       SELECT $1, "variantId", "locationId", "day", "units", "discountedUnits", "revenue" FROM delta ORDER BY 2, 3, 4
       ON CONFLICT ("shopId", "variantId", "locationId", "day") DO UPDATE SET
         "units" = "DailyDemand"."units" + EXCLUDED."units",
         "discountedUnits" = "DailyDemand"."discountedUnits" + EXCLUDED."discountedUnits",
         "revenue" = "DailyDemand"."revenue" + EXCLUDED."revenue"
       RETURNING "variantId", "locationId", "day", "units"
     )
     SELECT 'empty' AS "kind", "variantId"::text AS "variantId", "locationId"::text AS "locationId", "day"::text AS "day" FROM written WHERE "units" <= 0
     UNION ALL
     SELECT DISTINCT 'variant', "variantId"::text, NULL, NULL FROM lines`,
    [shopId, timezone, orderIds.map(String), column("variantId"), column("locationId"), column("day"), column("units"), column("discountedUnits"), column("revenue")],
  );
  const empty = result.rows.filter((r) => r.kind === "empty");
  if (empty.length > 0) {
    // Demand rows exist only for keys with sales (a rebuild writes none for zero).
    await client.query(
      `DELETE FROM "DailyDemand" d USING unnest($2::bigint[], $3::bigint[], $4::date[]) AS k(v, loc, day)
       WHERE d."shopId" = $1 AND d."variantId" = k.v AND d."locationId" = k.loc AND d."day" = k.day AND d."units" <= 0`,
      [shopId, empty.map((r) => r.variantId), empty.map((r) => r.locationId), empty.map((r) => r.day)],
    );
  }
  return result.rows.filter((r) => r.kind === "variant").map((r) => BigInt(r.variantId));
}
