import type { SyncRun } from "@prisma/client";
import { rebuildAllDemand } from "~/persistence/demand.server";
import { inTransaction } from "~/persistence/pg-pool.server";
import { findShopById } from "~/persistence/shops.server";
import { inferStockoutsFromLevels } from "~/persistence/stockouts.server";
import { finishRun, startOrResumeRun } from "~/persistence/sync-runs.server";
import { describeSyncError } from "./sync-errors";

/** Rebuilds all of a shop's daily demand from stored order lines (e.g. after a timezone change). */
export async function rebuildShopDemand(shopId: number): Promise<SyncRun> {
  const shop = await findShopById(shopId);
  if (!shop) throw new Error(`Shop ${shopId} is not installed`);
  const run = await startOrResumeRun(shopId, "DEMAND_REBUILD");
  try {
    const timezone = shop.ianaTimezone ?? "UTC";
    const counts = await inTransaction(async (client) => ({
      demandRows: await rebuildAllDemand(client, shopId, timezone),
      inferredStockouts: await inferStockoutsFromLevels(client, shopId, timezone),
    }));
    return await finishRun(run, { counts });
  } catch (error) {
    await finishRun(run, { error: describeSyncError(error) });
    throw error;
  }
}
