/**
 * Caps of live promotions: what each capped variant sold on the promotion's days, and the Flow
 * trigger "Promotion cap reached" the first time one sells its cap, so the merchant can end the
 * discount on that product (Shopify discounts have no cap of their own). A Flow failure leaves
 * the variant unmarked, so the next watch sends it again.
 */
import type { Shop } from "@prisma/client";
import { loadCapProgress, recordCapProgress } from "~/features/promotions/queries/promotions.server";
import { sendPromotionCapTrigger } from "~/shopify/promotion-cap-trigger.server";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";
import { promotionUrl } from "~/platform/app-links";
import { shopToday } from "~/engine/plan/open-orders";
import { shopTimezone } from "~/platform/shop-actor";

export async function watchPromotionCaps(shop: Shop, now: Date = new Date()): Promise<{ reached: number; sent: number; failed: number }> {
  const rows = await loadCapProgress(shop.id, shopToday(shopTimezone(shop), now));
  const reached = rows.filter((r) => r.capReachedAt === null && r.unitsSold >= r.capUnits);
  const sent = new Set<string>();
  let failed = 0;
  if (reached.length > 0) {
    const client = await throttledOfflineGraphql(shop.domain);
    for (const row of reached) {
      try {
        await sendPromotionCapTrigger(client, {
          variantId: row.variantId,
          productId: row.productId,
          productTitle: row.productTitle,
          variantTitle: row.variantTitle,
          promotionName: row.promotionName,
          discountId: row.shopifyDiscountId === null ? null : row.shopifyDiscountId.toString(),
          capUnits: row.capUnits,
          unitsSold: row.unitsSold,
          reason: `${row.productTitle}${row.variantTitle && row.variantTitle !== "Default Title" ? ` / ${row.variantTitle}` : ""} sold ${row.unitsSold} units in "${row.promotionName}", its cap of ${row.capUnits}: end the discount on it to keep the rest of its stock for later demand.`,
          url: promotionUrl(shop.domain, row.promotionId),
        });
        sent.add(`${row.promotionId}:${row.variantId}`);
      } catch (error) {
        failed++;
        console.warn(`[promotions] cap trigger for variant ${row.variantId} of promotion ${row.promotionId} (${shop.domain}) failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  await recordCapProgress(
    shop.id,
    rows.map((r) => ({ promotionId: r.promotionId, variantId: r.variantId, unitsSold: r.unitsSold, reachedAt: sent.has(`${r.promotionId}:${r.variantId}`) ? now : null })),
  );
  return { reached: reached.length, sent: sent.size, failed };
}
