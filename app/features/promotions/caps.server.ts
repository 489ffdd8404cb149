/**
 * Caps of live promotions: what each capped variant sold on the promotion's days, and its
 * "Promotion cap reached" alert (engine/alerts/promotion-cap.ts), so the merchant can end the
 * discount on that product (Shopify discounts have no cap of their own). Flow is told by the
 * alerts' notifier once this has committed: the caller sends `toNotify`, which holds the alerts
 * just opened and open ones Flow has not accepted yet (a failed call is retried next watch).
 */
import type { Shop } from "@prisma/client";
import { applyCapAlertChanges, loadCapProgress, loadOpenCapAlerts, recordCapProgress } from "~/features/promotions/queries/caps.server";
import { capAlertChanges } from "~/engine/alerts/promotion-cap";
import { shopToday } from "~/engine/plan/open-orders";
import { inSqlTransaction } from "~/platform/transaction.server";
import { shopTimezone } from "~/platform/shop-actor";

export interface CapWatch {
  watched: number;
  opened: number;
  refreshed: number;
  resolved: number;
  toNotify: { id: number; kind: string }[];
}

export async function watchPromotionCaps(shop: Shop, now: Date = new Date()): Promise<CapWatch> {
  const today = shopToday(shopTimezone(shop), now);
  return inSqlTransaction(async (client) => {
    const [watched, openAlerts] = await Promise.all([loadCapProgress(client, shop.id, today), loadOpenCapAlerts(client, shop.id)]);
    const changes = capAlertChanges(openAlerts, watched);
    const applied = await applyCapAlertChanges(client, shop.id, changes);
    const reached = new Set(changes.open.map((c) => `${c.promotionId}:${c.variantId}`));
    await recordCapProgress(
      client,
      shop.id,
      watched.map((r) => ({ promotionId: r.promotionId, variantId: r.variantId, unitsSold: r.unitsSold, reachedAt: reached.has(`${r.promotionId}:${r.variantId}`) ? now : null })),
    );
    const resolved = new Set(changes.resolve);
    const unsent = openAlerts.filter((a) => !a.flowTriggered && !resolved.has(a.id)).map((a) => ({ id: a.id, kind: "PROMOTION_CAP_REACHED" }));
    return { watched: watched.length, opened: applied.opened.length, refreshed: applied.refreshed, resolved: applied.resolved, toNotify: [...applied.opened, ...unsent] };
  });
}
