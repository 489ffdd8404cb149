/**
 * Newly opened stockout-risk alerts start the merchant's Shopify Flow workflows (e-mail,
 * Slack, a task...). Sent after the plan commits; a Flow failure is logged and leaves the
 * alert unmarked, so it never undoes a plan. Each alert fires once (flowTriggeredAt).
 */
import type { Shop } from "@prisma/client";
import { loadAlertNotifications, markFlowTriggered } from "./notification-queries.server";
import { pgPool } from "~/platform/pg-pool.server";
import { sendStockoutRiskTrigger } from "~/shopify/flow-triggers.server";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";
import { variantDetailUrl } from "~/platform/app-links";

/** An alert a plan run just opened. */
export interface OpenedAlert {
  id: number;
  kind: string;
}

export async function notifyOpenedAlerts(shop: Pick<Shop, "id" | "domain">, opened: readonly OpenedAlert[]): Promise<{ sent: number; failed: number }> {
  const stockoutIds = opened.filter((a) => a.kind === "STOCKOUT_RISK").map((a) => a.id);
  if (stockoutIds.length === 0) return { sent: 0, failed: 0 };
  const alerts = await loadAlertNotifications(shop.id, stockoutIds);
  const client = await throttledOfflineGraphql(shop.domain);
  const sent: number[] = [];
  let failed = 0;
  for (const alert of alerts) {
    try {
      await sendStockoutRiskTrigger(client, {
        variantId: alert.variantId,
        productId: alert.productId,
        productTitle: alert.productTitle,
        variantTitle: alert.variantTitle,
        sku: alert.sku,
        locationName: alert.locationName,
        projectedStockoutDate: alert.stockoutDate,
        weeksOfSupply: alert.weeksOfSupply,
        severity: alert.severity.toLowerCase() as "critical" | "high" | "medium" | "low",
        reason: alert.reason,
        url: variantDetailUrl(shop.domain, alert.variantId),
      });
      sent.push(alert.id);
    } catch (error) {
      failed++;
      console.warn(`[plan] Flow trigger for alert ${alert.id} of ${shop.domain} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await markFlowTriggered(shop.id, sent, pgPool());
  return { sent: sent.length, failed };
}
