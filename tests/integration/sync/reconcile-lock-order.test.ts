import type pg from "pg";
import { expect, it } from "vitest";
import { reconcileOrdersWriter } from "~/sync/reconcile.server";

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
