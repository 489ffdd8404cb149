import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createCatalogAwarePool } from "./catalog-aware-pool";
import { MigrationPgAdapter } from "./migration-pg-adapter";
import { parseDatabaseUrl, toPoolConfig, type ParsedDatabaseUrl } from "./pool-config";
import { unrefLongEngineTimers } from "./unref-engine-timers";

/**
 * The driver adapter factory the Prisma CLI (schema engine) uses. The app itself uses plain
 * `new PrismaPg({ connectionString })`; these fixes only matter for Migrate's catalog queries
 * and shadow database.
 */
export class MigrationPgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly target: ParsedDatabaseUrl;

  constructor(databaseUrl: string) {
    this.target = parseDatabaseUrl(databaseUrl);
    unrefLongEngineTimers();
  }

  connect(): Promise<SqlDriverAdapter> {
    return connectTo(this.target);
  }

  /** Creates a throwaway database; on dispose its pool closes before the drop, or the drop fails. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadowDatabase = `prisma_migrate_shadow_db_${randomUUID()}`;
    await runOnMainDatabase(this.target, `CREATE DATABASE "${shadowDatabase}"`);
    try {
      return await connectTo({ ...this.target, database: shadowDatabase }, () =>
        runOnMainDatabase(this.target, `DROP DATABASE IF EXISTS "${shadowDatabase}"`),
      );
    } catch (error) {
      await runOnMainDatabase(this.target, `DROP DATABASE IF EXISTS "${shadowDatabase}"`);
      throw error;
    }
  }
}

async function connectTo(target: ParsedDatabaseUrl, afterPoolClosed?: () => Promise<void>): Promise<SqlDriverAdapter> {
  // Idle-client timers (10 s) must not keep the CLI alive when the engine skips dispose().
  const pool = createCatalogAwarePool({ ...toPoolConfig(target), allowExitOnIdle: true });
  const options = { disposeExternalPool: true, ...(target.schema ? { schema: target.schema } : {}) };
  const adapter = await new PrismaPg(pool, options).connect();
  return new MigrationPgAdapter(adapter, pool, async () => {
    await adapter.dispose();
    await afterPoolClosed?.();
  });
}

async function runOnMainDatabase(target: ParsedDatabaseUrl, sql: string): Promise<void> {
  const client = new pg.Client(toPoolConfig(target));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
