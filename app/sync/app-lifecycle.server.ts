/** The app's own lifecycle webhooks: a changed grant (app/scopes_update) and an uninstall (app/uninstalled). */
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { updateSessionScopes } from "~/platform/sessions.server";
import { findShopByDomain, recordUninstall, updateShopScopes } from "~/platform/shops.server";
import { grantAllowsDiscounts } from "~/shopify/discounts.server";

/** Records the new grant, then reads what it newly opens: older orders, or discounts. */
export async function applyScopesUpdate(shopDomain: string, sessionId: string | null, current: readonly string[], previous: readonly string[] | null): Promise<void> {
  const scopes = current.join(",");
  if (sessionId) await updateSessionScopes(shopDomain, sessionId, scopes);
  const { shop, gainedAllOrders } = await updateShopScopes(shopDomain, [...current]);
  if (!shop) return;
  // A new read_all_orders grant opens history older than 60 days: import it.
  if (gainedAllOrders) await enqueueShopJob("orders-backfill", { shopId: shop.id, shopDomain });
  // A new read_discounts grant: read the discounts now rather than at the nightly check.
  const hadDiscounts = previous !== null && grantAllowsDiscounts(previous.join(","));
  if (!hadDiscounts && grantAllowsDiscounts(scopes)) await enqueueShopJob("discounts-sync", { shopId: shop.id, shopDomain });
}

/** Shopify may send this more than once; recording it is idempotent. */
export async function applyUninstall(shopDomain: string): Promise<void> {
  await recordUninstall(shopDomain);
  const shop = await findShopByDomain(shopDomain);
  if (shop) await unscheduleNightlyReconcile(shop.id);
}
