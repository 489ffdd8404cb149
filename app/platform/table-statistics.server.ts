/**
 * Planner statistics for tables a shop's import has just filled. Until autovacuum gets
 * there the planner takes a young table for a handful of rows and nests loops over all of
 * them; on a large fleet one shop's rows are a small share and nothing runs.
 */
import { pgPool } from "./pg-pool.server";

/** ANALYZEs those of `tables` never analysed or changed by more than a fifth since. Returns them. */
export async function analyzeStaleTables(tables: readonly string[]): Promise<string[]> {
  const { rows } = await pgPool().query<{ table: string }>(
    `SELECT relname AS "table" FROM pg_stat_user_tables
     WHERE schemaname = current_schema() AND relname = ANY($1::text[]) AND (last_analyze IS NULL AND last_autoanalyze IS NULL OR n_mod_since_analyze > n_live_tup / 5)`,
    [tables],
  );
  for (const { table } of rows) await pgPool().query(`ANALYZE "${table}"`);
  return rows.map((r) => r.table);
}
