import type { SyncRun } from "@prisma/client";
import { rebuildAllDemand } from "~/sync/queries/demand.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { findShopById } from "~/platform/shops.server";
import { inferStockoutsFromLevels } from "~/sync/queries/stockouts.server";
import { finishRun, startOrResumeRun } from "~/sync/queries/sync-runs.server";
import { describeSyncError } from "./sync-errors";
import { shopTimezone } from "~/platform/shop-actor";

/** Rebuilds all of a shop's daily demand from stored order lines (e.g. after a timezone change). */
export async function rebuildShopDemand(shopId: number): Promise<SyncRun> {
  const shop = await findShopById(shopId);
  if (!shop) throw new Error(`Shop ${shopId} is not installed`);
  const run = await startOrResumeRun(shopId, "DEMAND_REBUILD");
  try {
    const timezone = shopTimezone(shop);
    const counts = await inSqlTransaction(async (client) => ({
      demandRows: await rebuildAllDemand(client, shopId, timezone),
      inferredStockouts: await inferStockoutsFromLevels(client, shopId, timezone),
    }));
    return await finishRun(run, { counts });
  } catch (error) {
    await finishRun(run, { error: describeSyncError(error) });
    throw error;
  }
}
