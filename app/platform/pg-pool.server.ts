import pg from "pg";
import { databaseUrl } from "./env.server";

declare global {
  // One pool per process, kept across Vite hot reloads like the Prisma client.
  var tempoPgPool: pg.Pool | undefined;
}

/**
 * A plain `pg` pool beside Prisma, for the set-based bulk writes Prisma cannot
 * express (COPY into staging tables, multi-row upserts). Same DATABASE_URL.
 */
export function pgPool(): pg.Pool {
  global.tempoPgPool ??= new pg.Pool({ connectionString: databaseUrl(), max: 5 });
  return global.tempoPgPool;
}

export async function closePgPool(): Promise<void> {
  const pool = global.tempoPgPool;
  global.tempoPgPool = undefined;
  await pool?.end();
}
