import pg from "pg";
import { databaseUrl } from "./env.server";

/** First key of the two-int advisory lock: keeps Tempo's shop locks apart from any other advisory lock. */
const SHOP_SYNC_LOCK_CLASS = 0x7e_50;
/** Plan runs of a shop (full and incremental) take turns on their own lock, apart from sync jobs. */
const SHOP_PLAN_LOCK_CLASS = 0x7e_51;

export interface ShopSyncLock {
  release(): Promise<void>;
}

/**
 * A session-level PostgreSQL advisory lock held on its own connection (not the
 * shared pool, which long jobs would starve). If the worker dies, the
 * connection drops and PostgreSQL frees the lock. Null when another job holds it.
 */
export function tryLockShopSync(shopId: number): Promise<ShopSyncLock | null> {
  return tryLockShop(SHOP_SYNC_LOCK_CLASS, shopId);
}

export function tryLockShopPlan(shopId: number): Promise<ShopSyncLock | null> {
  return tryLockShop(SHOP_PLAN_LOCK_CLASS, shopId);
}

async function tryLockShop(lockClass: number, shopId: number): Promise<ShopSyncLock | null> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [lockClass, shopId]);
    if (result.rows[0]?.locked) {
      return {
        release: async () => {
          await client.query("SELECT pg_advisory_unlock($1, $2)", [lockClass, shopId]).catch(() => undefined);
          await client.end();
        },
      };
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  await client.end();
  return null;
}
