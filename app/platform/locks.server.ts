/**
 * Every PostgreSQL advisory lock Tempo takes, in one module: each kind of work on a shop has its
 * own first key (the second is the shop id), so two kinds never wait for each other by accident.
 * Session locks (a sync job, a plan run) hold a connection of their own; transaction locks end
 * with the transaction they are taken in.
 */
import pg from "pg";
import { databaseUrl } from "./env.server";

/** First keys of the two-int locks. Distinct by construction: tests/unit/platform/locks.test.ts checks it. */
export const LOCK_KEYS = {
  /** One sync job (backfill, reconciliation, demand rebuild, erasure) per shop at a time. */
  shopSync: 0x7e_50,
  /** One plan run (full or incremental) per shop at a time. */
  shopPlan: 0x7e_51,
  /** One process at a time applies a shop's webhook deliveries. */
  webhookInbox: 0x7e_52,
  /** Demand updates of one shop in turn: two deliveries touching one day would each miss the other's lines. */
  shopDemand: 0x7e_53,
} as const;

export interface ShopLock {
  release(): Promise<void>;
}

/**
 * A session-level lock held on its own connection (not the shared pool, which long jobs
 * would starve). If the worker dies, the connection drops and PostgreSQL frees the lock.
 * Null when another job holds it.
 */
export function tryLockShopSync(shopId: number): Promise<ShopLock | null> {
  return tryLockShop(LOCK_KEYS.shopSync, shopId);
}

export function tryLockShopPlan(shopId: number): Promise<ShopLock | null> {
  return tryLockShop(LOCK_KEYS.shopPlan, shopId);
}

/** Inside the applying transaction: true when it may apply the shop's deliveries (held until commit). */
export async function tryLockShopInbox(client: pg.PoolClient, shopId: number): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1, $2) AS locked", [LOCK_KEYS.webhookInbox, shopId]);
  return result.rows[0]?.locked === true;
}

/** Serialises the shop's demand updates until the transaction ends. Re-entrant within a transaction. */
export async function lockShopDemand(client: pg.PoolClient, shopId: number): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_KEYS.shopDemand, shopId]);
}

async function tryLockShop(lockClass: number, shopId: number): Promise<ShopLock | null> {
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
