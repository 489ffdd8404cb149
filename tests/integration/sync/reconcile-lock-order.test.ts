import type pg from "pg";
import { expect, it } from "vitest";
import type { BulkRecord } from "~/shopify/bulk-records.server";
import { writeCatalogBatch } from "~/sync/catalog-backfill.server";
import { reconcileOrdersWriter } from "~/sync/reconcile.server";
import { closePgPool, pgPool } from "~/platform/pg-pool.server";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { testPrisma } from "./sync-support";

it("a reconciliation batch takes the shop's demand lock only once every earlier batch has committed", async () => {
  // Taken out of turn, a later batch holding the lock and an earlier one waiting for it would wait on each other for ever.
  const queries: string[] = [];
  const client = { query: async (sql: string) => (queries.push(sql), { rows: [], rowCount: 0 }) } as unknown as pg.PoolClient;
  let earlierCommitted!: () => void;
  const turn = new Promise<void>((resolve) => (earlierCommitted = resolve));
  const writing = reconcileOrdersWriter(1, "UTC")(client, [], turn);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(queries).toEqual([]);
  earlierCommitted();
  await writing;
  expect(queries[0]).toContain("pg_advisory_xact_lock");
});

it("a catalogue batch locks the shop's collections only once every earlier batch has committed", async () => {
  // Seen in a full run: a later batch held a collection's lock while waiting for the earlier one's commit, which waited for that lock.
  const shop = await testPrisma.shop.create({ data: { domain: uniqueShopDomain("catalogue-turn"), name: "Turn", currencyCode: "USD", ianaTimezone: "UTC", accessScopes: "" } });
  const client = await pgPool().connect();
  const queries: string[] = [];
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    if (typeof args[0] === "string") queries.push(args[0]);
    return query(...args);
  };
  try {
    await client.query("BEGIN");
    let earlierCommitted!: () => void;
    const turn = new Promise<void>((resolve) => (earlierCommitted = resolve));
    const membership = { kind: "membership", root: false, record: { productId: 5n, collection: { id: 7n, title: "Summer", handle: "summer", updatedAt: null } } } as unknown as BulkRecord;
    const writing = writeCatalogBatch(client, shop.id, [membership], "BACKFILL", turn);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queries.some((sql) => sql.includes("FOR UPDATE"))).toBe(false);
    earlierCommitted();
    await writing;
    expect(queries.some((sql) => sql.includes('FROM "Collection"') && sql.includes("FOR UPDATE"))).toBe(true);
  } finally {
    await client.query("ROLLBACK");
    client.release();
    await closePgPool();
    await testPrisma.$disconnect();
  }
});
