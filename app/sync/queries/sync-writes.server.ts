/**
 * Set-based upserts of Shopify records for one shop: COPY into a staging table,
 * then one INSERT ... ON CONFLICT. Older versions never overwrite newer ones
 * (guarded by shopifyUpdatedAt), so replays and out-of-order deliveries are harmless.
 * Every function takes the caller's transaction client.
 */
import type pg from "pg";
import type {
  InventoryLevelRecord,
  LocationRecord,
  OrderLineRecord,
  OrderRecord,
  ProductRecord,
  VariantRecord,
} from "~/shopify/sync-records";
import { CANCELLED_PROGRESS, orderProgress, refundedQuantity, removedQuantity } from "~/shopify/sync-records";
import { copyIntoStaging, copyRows, excludedAssignments, jsonRows, quotedColumns, type CopyValue } from "~/platform/copy-upsert.server";

const NEWER = (table: string) =>
  `("${table}"."shopifyUpdatedAt" IS NULL OR EXCLUDED."shopifyUpdatedAt" IS NULL OR "${table}"."shopifyUpdatedAt" <= EXCLUDED."shopifyUpdatedAt")`;

async function upsertRows(
  client: pg.PoolClient,
  table: string,
  key: readonly string[],
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
  options: { guard?: string; keepOnUpdate?: readonly string[] } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const staging = `stage_${table.toLowerCase()}`;
  await copyIntoStaging(client, table, staging, columns, rows);
  const updatable = columns.filter((c) => !(options.keepOnUpdate ?? []).includes(c));
  const result = await client.query(
    `INSERT INTO "${table}" (${quotedColumns(columns)})
     SELECT DISTINCT ON (${quotedColumns(key)}) ${quotedColumns(columns)} FROM "${staging}"
     ON CONFLICT (${quotedColumns(key)}) DO UPDATE SET ${excludedAssignments(updatable, key)}
     ${options.guard ? `WHERE ${options.guard}` : ""}`,
  );
  await client.query(`TRUNCATE "${staging}"`);
  return result.rowCount ?? 0;
}

export async function upsertLocations(client: pg.PoolClient, shopId: number, rows: readonly LocationRecord[]): Promise<number> {
  const columns = ["shopId", "id", "name", "isActive", "fulfillsOnlineOrders", "shopifyUpdatedAt", "deletedAt", "syncedAt"];
  const now = new Date();
  return upsertRows(
    client,
    "Location",
    ["shopId", "id"],
    columns,
    rows.map((l) => [shopId, l.id, l.name, l.isActive, l.fulfillsOnlineOrders, l.updatedAt, null, now]),
    { guard: NEWER("Location") },
  );
}

export async function upsertProducts(client: pg.PoolClient, shopId: number, rows: readonly ProductRecord[]): Promise<number> {
  const columns = ["shopId", "id", "title", "handle", "vendor", "productType", "status", "tags", "shopifyCreatedAt", "shopifyUpdatedAt", "deletedAt", "syncedAt"];
  const now = new Date();
  return upsertRows(
    client,
    "Product",
    ["shopId", "id"],
    columns,
    rows.map((p) => [shopId, p.id, p.title, p.handle, p.vendor, p.productType, p.status, p.tags, p.createdAt, p.updatedAt, null, now]),
    { guard: NEWER("Product") },
  );
}

export async function upsertVariants(client: pg.PoolClient, shopId: number, rows: readonly VariantRecord[]): Promise<number> {
  const withItem = rows.filter((v) => v.unitCost !== undefined);
  const withoutItem = rows.filter((v) => v.unitCost === undefined);
  const base = ["shopId", "id", "productId", "title", "sku", "price", "compareAtPrice", "inventoryItemId", "shopifyCreatedAt", "shopifyUpdatedAt", "deletedAt", "syncedAt"];
  const now = new Date();
  const baseRow = (v: VariantRecord): CopyValue[] => [shopId, v.id, v.productId, v.title, v.sku, v.price, v.compareAtPrice, v.inventoryItemId, v.createdAt, v.updatedAt, null, now];
  let count = await upsertRows(client, "Variant", ["shopId", "id"], [...base, "unitCost", "tracked"], withItem.map((v) => [...baseRow(v), v.unitCost ?? null, v.tracked ?? true]), {
    guard: NEWER("Variant"),
  });
  count += await upsertRows(client, "Variant", ["shopId", "id"], base, withoutItem.map(baseRow), { guard: NEWER("Variant") });
  return count;
}

/**
 * Upserts levels (newer only) and appends an InventoryLevelChange for every level
 * whose available quantity is new or different. Returns the changes recorded.
 */
export async function upsertInventoryLevels(
  client: pg.PoolClient,
  shopId: number,
  rows: readonly InventoryLevelRecord[],
  source: "BACKFILL" | "RECONCILE" | "WEBHOOK",
): Promise<StockObservation[]> {
  if (rows.length === 0) return [];
  const columns = ["shopId", "inventoryItemId", "locationId", "variantId", "available", "onHand", "committed", "incoming", "shopifyUpdatedAt", "updatedAt"];
  const now = new Date();
  await copyIntoStaging(
    client,
    "InventoryLevel",
    "stage_levels",
    columns,
    rows.map((l) => [shopId, l.inventoryItemId, l.locationId, l.variantId, l.available, l.onHand ?? 0, l.committed ?? 0, l.incoming ?? 0, l.updatedAt, now]),
  );
  // A level disconnected after this version stays disconnected: its rows are left out of everything below.
  await client.query(
    `DELETE FROM stage_levels s USING "InventoryLevelTombstone" t
     WHERE t."shopId" = s."shopId" AND t."inventoryItemId" = s."inventoryItemId" AND t."locationId" = s."locationId"
       AND s."shopifyUpdatedAt" IS NOT NULL AND t."disconnectedAt" >= s."shopifyUpdatedAt"`,
  );
  await client.query(
    `DELETE FROM "InventoryLevelTombstone" t USING stage_levels s
     WHERE t."shopId" = s."shopId" AND t."inventoryItemId" = s."inventoryItemId" AND t."locationId" = s."locationId"`,
  );
  // Webhook levels carry no on-hand figure: history records it as unknown, not as 0.
  const onHandKnown = rows.every((l) => l.onHand !== undefined);
  const changes = await client.query<{ inventoryItemId: string; locationId: string; available: number; observedMs: string }>(
    `INSERT INTO "InventoryLevelChange" ("shopId", "inventoryItemId", "locationId", "available", "onHand", "observedAt", "source")
     SELECT DISTINCT ON (s."inventoryItemId", s."locationId") s."shopId", s."inventoryItemId", s."locationId", s."available",
       CASE WHEN $2::boolean THEN s."onHand" END, COALESCE(s."shopifyUpdatedAt", now()), $1
     FROM stage_levels s
     LEFT JOIN "InventoryLevel" t ON t."shopId" = s."shopId" AND t."inventoryItemId" = s."inventoryItemId" AND t."locationId" = s."locationId"
     WHERE t."shopId" IS NULL
        OR (t."available" <> s."available" AND (t."shopifyUpdatedAt" IS NULL OR s."shopifyUpdatedAt" IS NULL OR t."shopifyUpdatedAt" < s."shopifyUpdatedAt"))
     ORDER BY s."inventoryItemId", s."locationId", s."shopifyUpdatedAt" DESC NULLS LAST
     RETURNING "inventoryItemId", "locationId", "available", (extract(epoch FROM "observedAt") * 1000)::bigint AS "observedMs"`,
    [source, onHandKnown],
  );
  const partial = !onHandKnown;
  const keep = partial ? ["onHand", "committed", "incoming"] : [];
  const assignments = excludedAssignments(
    columns.filter((c) => !keep.includes(c) && !(c === "variantId")),
    ["shopId", "inventoryItemId", "locationId"],
  );
  await client.query(
    `INSERT INTO "InventoryLevel" (${quotedColumns(columns)})
     SELECT DISTINCT ON ("inventoryItemId", "locationId") ${quotedColumns(columns)} FROM stage_levels
     ORDER BY "inventoryItemId", "locationId", "shopifyUpdatedAt" DESC NULLS LAST
     ON CONFLICT ("shopId", "inventoryItemId", "locationId") DO UPDATE SET ${assignments},
       "variantId" = COALESCE(EXCLUDED."variantId", "InventoryLevel"."variantId")
     WHERE ${NEWER("InventoryLevel")}`,
  );
  await client.query("TRUNCATE stage_levels");
  return changes.rows.map((r) => ({
    inventoryItemId: BigInt(r.inventoryItemId),
    locationId: BigInt(r.locationId),
    available: r.available,
    observedAt: new Date(Number(r.observedMs)),
  }));
}

export interface StockObservation {
  inventoryItemId: bigint;
  locationId: bigint;
  available: number;
  observedAt: Date;
}

const ORDER_COLUMNS = ["shopId", "id", "name", "processedAt", "shopifyCreatedAt", "shopifyUpdatedAt", "cancelledAt", "channel", "locationId", "currencyCode", "test", "discountCodes", "syncedAt"];
const LINE_COLUMNS = ["shopId", "id", "orderId", "variantId", "productId", "sku", "quantity", "refundedQuantity", "removedQuantity", "unitPrice", "discount"];

function orderRow(shopId: number, o: OrderRecord, now: Date): CopyValue[] {
  return [shopId, o.id, o.name, o.processedAt, o.createdAt, o.updatedAt, o.cancelledAt, o.channel, o.locationId, o.currencyCode, o.test, o.discountCodes, now];
}

function lineRows(shopId: number, orders: readonly OrderRecord[], lines: readonly OrderLineRecord[]): CopyValue[][] {
  const orderById = new Map(orders.map((o) => [o.id, o]));
  return lines.map((l) => {
    const order = orderById.get(l.orderId);
    const refundedUnits = order ? refundedQuantity(order, l) : 0;
    return [shopId, l.id, l.orderId, l.variantId, l.productId, l.sku, l.quantity, refundedUnits, removedQuantity(l, refundedUnits), l.unitPrice, l.discount];
  });
}

const UNIQUE_VIOLATION = "23505";

/**
 * The backfill's fast path: COPY orders and lines straight into their tables. Only
 * valid when none of them is stored yet; if any is (a webhook got there first, a
 * replayed batch), the savepoint is rolled back and the guarded upsert runs instead.
 */
export async function insertOrUpsertOrdersWithLines(
  client: pg.PoolClient,
  shopId: number,
  orders: readonly OrderRecord[],
  lines: readonly OrderLineRecord[],
): Promise<{ orders: number; lines: number; direct: boolean }> {
  if (orders.length === 0) return { orders: 0, lines: 0, direct: true };
  await client.query("SAVEPOINT direct_copy");
  try {
    const now = new Date();
    await copyRows(client, "Order", ORDER_COLUMNS, orders.map((o) => orderRow(shopId, o, now)));
    await copyRows(client, "OrderLine", LINE_COLUMNS, lineRows(shopId, orders, lines));
    await client.query("RELEASE SAVEPOINT direct_copy");
    return { orders: orders.length, lines: lines.length, direct: true };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query("ROLLBACK TO SAVEPOINT direct_copy");
    return { ...(await upsertOrdersWithLines(client, shopId, orders, lines)), direct: false };
  }
}

/** Up to this many orders an upsert stages them inside its statement; more go through COPY. */
const INLINE_STAGING_MAX_ORDERS = 500;

// Shopify timestamps have second precision: on a tie only a version further along
// (cancelled, more units refunded or removed) wins, so a late orders/create cannot
// undo an orders/cancelled from the same second; an identical version is left alone.
const ORDER_UPSERT = `INSERT INTO "Order" (${quotedColumns(ORDER_COLUMNS)})
  SELECT DISTINCT ON ("id") ${quotedColumns(ORDER_COLUMNS)} FROM stage_orders ORDER BY "id", "shopifyUpdatedAt" DESC, "progress" DESC
  ON CONFLICT ("shopId", "id") DO UPDATE SET ${excludedAssignments(ORDER_COLUMNS, ["shopId", "id", "channel", "locationId"])},
    "channel" = COALESCE(EXCLUDED."channel", "Order"."channel"),
    "locationId" = COALESCE(EXCLUDED."locationId", "Order"."locationId"),
    "deletedAt" = NULL
  WHERE "Order"."shopifyUpdatedAt" < EXCLUDED."shopifyUpdatedAt"
     OR ("Order"."shopifyUpdatedAt" = EXCLUDED."shopifyUpdatedAt" AND "Order"."deletedAt" IS NULL
         AND (SELECT max(s."progress") FROM stage_orders s WHERE s."id" = EXCLUDED."id")
             > (CASE WHEN "Order"."cancelledAt" IS NULL THEN 0 ELSE ${CANCELLED_PROGRESS} END)
                + (SELECT COALESCE(sum(l."refundedQuantity" + l."removedQuantity"), 0) FROM "OrderLine" l
                   WHERE l."shopId" = "Order"."shopId" AND l."orderId" = "Order"."id"))
  RETURNING "id"`;

/** The staged lines of the orders `accepted` (a relation of "id"s) took. */
const lineUpsert = (accepted: string) => `INSERT INTO "OrderLine" (${quotedColumns(LINE_COLUMNS)})
  SELECT DISTINCT ON (l."id") ${LINE_COLUMNS.map((c) => `l."${c}"`).join(", ")}
  FROM stage_lines l
  JOIN ${accepted} accepted ON accepted."id" = l."orderId"
  ORDER BY l."id"
  ON CONFLICT ("shopId", "id") DO UPDATE SET ${excludedAssignments(LINE_COLUMNS, ["shopId", "id", "variantId", "productId"])},
    -- Shopify nulls a line's variant once the variant is deleted; its sales history stays with it here.
    "variantId" = COALESCE(EXCLUDED."variantId", "OrderLine"."variantId"),
    "productId" = COALESCE(EXCLUDED."productId", "OrderLine"."productId")`;

/**
 * Upserts orders (newer versions only) and the lines of every order whose stored
 * version is now the one given, so lines of a stale order version are never written.
 * Lines must come with their order in the same call.
 */
export async function upsertOrdersWithLines(
  client: pg.PoolClient,
  shopId: number,
  orders: readonly OrderRecord[],
  lines: readonly OrderLineRecord[],
): Promise<{ orders: number; lines: number }> {
  if (orders.length === 0) return { orders: 0, lines: 0 };
  const now = new Date();
  const progress = orderProgress(orders, lines);
  const orderRows = orders.map((o) => [...orderRow(shopId, o, now), progress.get(o.id) ?? 0]);
  if (orders.length <= INLINE_STAGING_MAX_ORDERS) {
    // A webhook batch's few orders: staged in the statement itself, one round trip and no temp tables.
    const result = await client.query<{ orders: number; lines: number }>(
      `WITH stage_orders AS (
         SELECT r.*, (j->>'progress')::int AS "progress" FROM json_array_elements($1::json) j, json_populate_record(NULL::"Order", j) r
       ),
       stage_lines AS (SELECT * FROM json_populate_recordset(NULL::"OrderLine", $2::json)),
       written AS (${ORDER_UPSERT}),
       written_lines AS (${lineUpsert("written")} RETURNING 1)
       SELECT (SELECT count(*) FROM written)::int AS "orders", (SELECT count(*) FROM written_lines)::int AS "lines"`,
      [jsonRows([...ORDER_COLUMNS, "progress"], orderRows), jsonRows(LINE_COLUMNS, lineRows(shopId, orders, lines))],
    );
    return result.rows[0] ?? { orders: 0, lines: 0 };
  }
  await copyIntoStaging(client, "Order", "stage_orders", [...ORDER_COLUMNS, "progress"], orderRows, `"progress" integer`);
  const written = await client.query<{ id: string }>(ORDER_UPSERT);
  await copyIntoStaging(client, "OrderLine", "stage_lines", LINE_COLUMNS, lineRows(shopId, orders, lines));
  const writtenLines = await client.query(lineUpsert(`(SELECT DISTINCT unnest($1::bigint[]) AS "id")`), [written.rows.map((r) => r.id)]);
  await client.query("TRUNCATE stage_orders; TRUNCATE stage_lines");
  return { orders: written.rowCount ?? 0, lines: writtenLines.rowCount ?? 0 };
}
